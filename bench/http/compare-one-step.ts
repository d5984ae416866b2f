/**
 * `BASE_SERVER_ROOT=<other checkout>/apps/server npx tsx bench/http/compare-one-step.ts`: the server CPU per
 * one-step `sim:instant` run (POST → completed) of two Tandem builds (A: another checkout, B: this one), in
 * interleaved rounds of `BENCH_RUNS` (5,000) POSTs from a load process of its own, so that drifting load
 * moves both alike. `BENCH_CPU_PROF_DIR=<dir>` starts the servers under `node --cpu-prof`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPipeline, oneStep, settle, type Client } from './bench-runs.ts';
import { createLoadClient } from './load-client.ts';
import { loadInOwnProcess } from './own-process-load.ts';
import { startTandem, type BenchProcess } from './server-under-test.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const runs = Number(process.env.BENCH_RUNS ?? 5000);
const baseRoot = process.env.BASE_SERVER_ROOT;
const profileDirectory = process.env.BENCH_CPU_PROF_DIR;
const body = { pipelineId: 'bench-one-step', inputs: { prompt: 'How do tides work?' } };

async function cpuMsPerRun(server: BenchProcess, client: Client, amount: number): Promise<number> {
  const before = server.cpuMs();
  const posted = await loadInOwnProcess({ url: `${server.baseUrl}/api/runs`, method: 'POST', body, amount });
  if (posted.failures > 0) throw new Error(`${posted.failures} of ${amount} POSTs failed at ${server.baseUrl}`);
  await settle(client);
  return (server.cpuMs() - before) / amount;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const directory = mkdtempSync(join(tmpdir(), 'tandem-one-step-compare-'));
const servers: { name: string; process: BenchProcess; client: Client; samples: number[] }[] = [];
try {
  const nodeArguments = profileDirectory ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`] : [];
  const builds = [...(baseRoot ? [{ name: 'A', serverRoot: baseRoot }] : []), { name: 'B', serverRoot: undefined }];
  for (const build of builds) {
    const process = await startTandem({ TANDEM_DB: join(directory, `${build.name}.db`) }, { nodeArguments, ...(build.serverRoot ? { serverRoot: build.serverRoot } : {}) });
    const client = createLoadClient(process.baseUrl);
    await createPipeline(client, oneStep('bench-one-step', 'sim:instant'));
    await cpuMsPerRun(process, client, 2000);
    servers.push({ name: build.name, process, client, samples: [] });
  }
  for (let round = 0; round < rounds; round++) {
    for (const server of servers) server.samples.push(await cpuMsPerRun(server.process, server.client, runs));
    console.log(`round ${round + 1}: ${servers.map((server) => `${server.name} ${server.samples.at(-1)!.toFixed(3)} ms`).join(', ')} (load ${loadavg()[0]!.toFixed(2)})`);
  }
  console.log(`median CPU per run: ${servers.map((server) => `${server.name} ${median(server.samples).toFixed(3)} ms`).join(', ')}`);
} finally {
  for (const server of servers) {
    server.client.close();
    await server.process.stop();
  }
  rmSync(directory, { recursive: true, force: true });
}
