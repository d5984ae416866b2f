/**
 * `BASE_SERVER_ROOT=<other checkout>/apps/server npx tsx bench/http/compare-critique.ts`: the server CPU per
 * `template-critique` run of two Tandem builds (A: another checkout, B: this one) when `BENCH_RUNS` (1,000) of
 * them are started at once, in interleaved rounds on one machine so that drifting load moves both alike.
 * Without `BASE_SERVER_ROOT` it measures this build alone. `BENCH_CPU_PROF_DIR=<dir>` starts the servers
 * under `node --cpu-prof` (one profile per server, written when it stops). `BENCH_PORT` (default 9102) and
 * the next port are used.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLoadClient, withConcurrency } from './load-client.ts';
import { startTandem, type BenchProcess } from './server-under-test.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const runs = Number(process.env.BENCH_RUNS ?? 1000);
const firstPort = Number(process.env.BENCH_PORT ?? 9102);
const baseRoot = process.env.BASE_SERVER_ROOT;
const profileDirectory = process.env.BENCH_CPU_PROF_DIR;
const pipelineId = 'template-critique';

interface Measured {
  name: string;
  process: BenchProcess;
  client: ReturnType<typeof createLoadClient>;
  cpuMsPerRun: number[];
  wallMs: number[];
}

async function settle(server: Measured): Promise<void> {
  for (;;) {
    const { body } = await server.client.json<{ activeRuns: number; queuedRuns?: number }>('GET', '/healthz');
    if (body.activeRuns === 0 && !body.queuedRuns) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Starts `count` critique runs at once (64 requests in flight) and waits until all have ended. */
async function burst(server: Measured, count: number): Promise<{ cpuMsPerRun: number; wallMs: number }> {
  const cpuBefore = server.process.cpuMs();
  const started = performance.now();
  await withConcurrency(count, 64, async (index) => {
    const response = await server.client.json('POST', '/api/runs', { pipelineId, inputs: { prompt: `Question ${index}: why do leaves change colour?` } });
    if (response.status !== 201) throw new Error(`POST /api/runs answered ${response.status} at ${server.process.baseUrl}`);
  });
  await settle(server);
  return { cpuMsPerRun: (server.process.cpuMs() - cpuBefore) / count, wallMs: performance.now() - started };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const load = () => loadavg()[0]!.toFixed(1);

const directory = mkdtempSync(join(tmpdir(), 'tandem-critique-compare-'));
const nodeArguments = profileDirectory ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`] : [];
const servers: Measured[] = [];
const start = async (name: string, port: number, serverRoot?: string) => {
  const process = await startTandem({ TANDEM_DB: `${directory}/${name}.db` }, { port, nodeArguments, ...(serverRoot ? { serverRoot } : {}) });
  servers.push({ name, process, client: createLoadClient(process.baseUrl), cpuMsPerRun: [], wallMs: [] });
};
try {
  if (baseRoot) await start('A', firstPort, baseRoot);
  await start('B', firstPort + 1);
  console.log(`load ${load()} at start`);
  // Warm-up: V8 compiles the hot path (its compiler threads count as server CPU).
  for (const server of servers) await burst(server, Math.min(runs, 300));
  for (let round = 0; round < rounds; round++) {
    for (let index = 0; index < servers.length; index++) {
      const server = servers[(index + round) % servers.length]!;
      const measured = await burst(server, runs);
      server.cpuMsPerRun.push(measured.cpuMsPerRun);
      server.wallMs.push(measured.wallMs);
      console.log(`round ${round + 1} ${server.name}: ${measured.cpuMsPerRun.toFixed(2)} ms CPU per run, ${runs} runs in ${measured.wallMs.toFixed(0)} ms (load ${load()})`);
    }
  }
  for (const server of servers) {
    console.log(`${server.name}: median ${median(server.cpuMsPerRun).toFixed(2)} ms CPU per run, wall ${median(server.wallMs).toFixed(0)} ms for ${runs} runs`);
  }
  if (servers.length === 2) console.log(`B ÷ A, CPU per run: ${(median(servers[1]!.cpuMsPerRun) / median(servers[0]!.cpuMsPerRun)).toFixed(3)} (load ${load()})`);
} finally {
  for (const server of servers) {
    server.client.close();
    await server.process.stop();
  }
  rmSync(directory, { recursive: true, force: true });
}
