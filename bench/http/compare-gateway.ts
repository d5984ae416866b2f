/**
 * `BASE_SERVER_ROOT=<other checkout>/apps/server npx tsx bench/http/compare-gateway.ts`: the /v1 server CPU per
 * request of two Tandem builds (A: another checkout, B: this one) and of a bare Hono handler, measured in
 * interleaved rounds on one machine so that drifting load moves all three alike. Prints each round and the
 * medians; `BENCH_PORT` (default 9002) and the next two ports are used. `BENCH_PRELOAD_RUNS=7000` first has
 * each Tandem server execute that many one-step runs, as `pnpm bench` does before it measures /v1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPipeline, oneStep, settle } from './bench-runs.ts';
import { blast, createLoadClient } from './load-client.ts';
import { loadInOwnProcess } from './own-process-load.ts';
import { startBareHono, startTandem, type BenchProcess } from './server-under-test.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const requests = Number(process.env.BENCH_REQUESTS ?? 5000);
const firstPort = Number(process.env.BENCH_PORT ?? 9002);
const baseRoot = process.env.BASE_SERVER_ROOT;
const preloadRuns = Number(process.env.BENCH_PRELOAD_RUNS ?? 0);
const body = { model: 'sim:instant', messages: [{ role: 'user', content: 'Say something short.' }] };

async function cpuMsPerRequest(server: BenchProcess, amount: number): Promise<number> {
  const before = server.cpuMs();
  const result = await blast(`${server.baseUrl}/v1/chat/completions`, { method: 'POST', body, amount });
  if (result.failures > 0) throw new Error(`${result.failures} of ${amount} requests failed at ${server.baseUrl}`);
  return (server.cpuMs() - before) / amount;
}

/** Has the server execute `runs` one-step runs to their end. */
async function preload(server: BenchProcess, runs: number): Promise<void> {
  const client = createLoadClient(server.baseUrl);
  try {
    await createPipeline(client, oneStep('bench-one-step', 'sim:instant'));
    const posted = await loadInOwnProcess({ url: `${server.baseUrl}/api/runs`, method: 'POST', body: { pipelineId: 'bench-one-step', inputs: { prompt: 'How do tides work?' } }, amount: runs });
    if (posted.failures > 0) throw new Error(`${posted.failures} of ${runs} POST /api/runs failed at ${server.baseUrl}`);
    await settle(client);
  } finally {
    client.close();
  }
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const directory = mkdtempSync(join(tmpdir(), 'tandem-gateway-compare-'));
const servers: { name: string; process: BenchProcess; samples: number[] }[] = [];
try {
  servers.push({ name: 'bare', process: await startBareHono({ port: firstPort }), samples: [] });
  if (baseRoot) servers.push({ name: 'A', process: await startTandem({ TANDEM_DB: `${directory}/a.db` }, { serverRoot: baseRoot, port: firstPort + 1 }), samples: [] });
  servers.push({ name: 'B', process: await startTandem({ TANDEM_DB: `${directory}/b.db` }, { port: firstPort + 2 }), samples: [] });
  if (preloadRuns > 0) for (const server of servers.slice(1)) await preload(server.process, preloadRuns);
  for (const server of servers) await cpuMsPerRequest(server.process, requests);
  for (let round = 0; round < rounds; round++) {
    // Rotate the order so no server always runs right after another.
    for (let index = 0; index < servers.length; index++) {
      const server = servers[(index + round) % servers.length]!;
      server.samples.push(await cpuMsPerRequest(server.process, requests));
    }
    console.log(`round ${round + 1}: ${servers.map((server) => `${server.name} ${server.samples.at(-1)!.toFixed(4)}`).join(', ')} ms/request`);
  }
  const bare = median(servers[0]!.samples);
  for (const server of servers.slice(1)) console.log(`${server.name}: median ${median(server.samples).toFixed(4)} ms/request; bare ${bare.toFixed(4)}; ratio ${(bare / median(server.samples)).toFixed(2)}`);
} finally {
  for (const server of servers) await server.process.stop();
  rmSync(directory, { recursive: true, force: true });
}
