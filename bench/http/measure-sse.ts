/**
 * `cd bench && node --import tsx http/measure-sse.ts`: what live streams cost the server, per watched run and per event.
 * The bench's SSE workload (streaming `sim:writer` runs, each watched by one client) and the same runs
 * unwatched, in interleaved rounds; with `BASE_SERVER_ROOT=<other checkout>/apps/server` a second build
 * (A) runs beside this one (B), so drifting load moves both alike. Prints every round and the medians:
 * server CPU ms per run (watched, unwatched, and the streams' share: the difference), per committed event,
 * and the bench's figure (CPU over wall time, % of one core). `BENCH_RUNS` (500), `BENCH_ROUNDS` (5),
 * `BENCH_PORT` (default 8951 + 1) and the port after it; `BENCH_SSE_AFTER_BENCH=1` first does what the bench does before;
 * `BENCH_A_ENV`/`BENCH_B_ENV` (`NAME=value,…`) give one contender extra environment; `BENCH_CPU_PROF=<dir>` profiles B's server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { oneStep, createPipeline, settle } from './bench-runs.ts';
import { blast, createLoadClient } from './load-client.ts';
import { loadInOwnProcess } from './own-process-load.ts';
import { createStreamingPipeline, measureStreamingRuns, type StreamingRunsSample } from './sse-workload.ts';
import { startTandem, type BenchProcess } from './server-under-test.ts';

const runs = Number(process.env.BENCH_RUNS ?? 500);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const firstPort = Number(process.env.BENCH_PORT ?? 8952);
const baseRoot = process.env.BASE_SERVER_ROOT;
const profileDirectory = process.env.BENCH_CPU_PROF;
/** `BENCH_A_ENV` / `BENCH_B_ENV`: extra environment of one contender, `NAME=value,NAME=value` (A/B of a setting). */
const extraEnv = (name: string): Record<string, string> =>
  Object.fromEntries((process.env[`BENCH_${name}_ENV`] ?? '').split(',').filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
/** `BENCH_SSE_AFTER_BENCH=1`: first the work the HTTP bench does on the same server before its SSE part. */
const afterBench = process.env.BENCH_SSE_AFTER_BENCH === '1';
/** `BENCH_SSE_UNWATCHED=0`: only the watched batches (a profile of the streams' workload alone). */
const withUnwatched = process.env.BENCH_SSE_UNWATCHED !== '0';

/** What `pnpm bench` asks of a server before its SSE figures: 7,000 one-step runs and 15,000 `/v1` requests. */
async function precedingBenchWork(server: BenchProcess, client: ReturnType<typeof createLoadClient>): Promise<void> {
  await createPipeline(client, oneStep('bench-one-step', 'sim:instant'));
  const posted = await loadInOwnProcess({ url: `${server.baseUrl}/api/runs`, method: 'POST', body: { pipelineId: 'bench-one-step', inputs: { prompt: 'How do tides work?' } }, amount: 7000 });
  if (posted.failures > 0) throw new Error(`${posted.failures} POST /api/runs failed`);
  await settle(client);
  const body = { model: 'sim:instant', messages: [{ role: 'user', content: 'Say something short.' }] };
  const answered = await blast(`${server.baseUrl}/v1/chat/completions`, { method: 'POST', body, amount: 15000 });
  if (answered.failures > 0) throw new Error(`${answered.failures} /v1 requests failed`);
}

interface Contender {
  name: string;
  server: BenchProcess;
  client: ReturnType<typeof createLoadClient>;
  watched: StreamingRunsSample[];
  unwatched: StreamingRunsSample[];
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const load = () => loadavg()[0]!.toFixed(1);

const directory = mkdtempSync(join(tmpdir(), 'tandem-sse-bench-'));
const contenders: Contender[] = [];
try {
  const start = async (name: string, port: number, serverRoot?: string) => {
    const nodeArguments = name === 'B' && profileDirectory ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`] : [];
    const server = await startTandem({ TANDEM_DB: `${directory}/${name}.db`, ...extraEnv(name) }, { port, ...(serverRoot ? { serverRoot } : {}), nodeArguments });
    const client = createLoadClient(server.baseUrl);
    await createStreamingPipeline(client);
    if (afterBench) await precedingBenchWork(server, client);
    contenders.push({ name, server, client, watched: [], unwatched: [] });
  };
  if (baseRoot) await start('A', firstPort, baseRoot);
  await start('B', firstPort + 1);
  // Warm-up: V8 compiles the hot paths of both builds.
  for (const contender of contenders) await measureStreamingRuns(contender.server, contender.client, Math.min(runs, 200), true);
  for (let round = 0; round < rounds; round++) {
    const slots = contenders.length * (withUnwatched ? 2 : 1);
    for (let index = 0; index < slots; index++) {
      const slot = (index + round) % slots;
      const contender = contenders[slot % contenders.length]!;
      const watch = slot < contenders.length;
      const sample = await measureStreamingRuns(contender.server, contender.client, runs, watch);
      (watch ? contender.watched : contender.unwatched).push(sample);
    }
    console.log(
      `round ${round + 1} (load ${load()}): ` +
        contenders
          .map(({ name, watched, unwatched }) => {
            const w = watched.at(-1)!;
            const u = unwatched.at(-1);
            return `${name} watched ${w.cpuMsPerRun.toFixed(2)} ms/run (${w.cpuPercent.toFixed(0)} % over ${w.wallMs.toFixed(0)} ms, all started after ${w.startedMs.toFixed(0)} ms, ${w.eventsPerRun.toFixed(1)} events/run, ${w.writeCallsPerRun.toFixed(1)} write calls/run)` + (u ? `, unwatched ${u.cpuMsPerRun.toFixed(2)} ms/run (${u.cpuPercent.toFixed(0)} %, ${u.writeCallsPerRun.toFixed(1)} write calls/run)` : '');
          })
          .join('; '),
    );
  }
  for (const { name, watched, unwatched } of contenders) {
    const watchedMs = median(watched.map((sample) => sample.cpuMsPerRun));
    const unwatchedMs = unwatched.length > 0 ? median(unwatched.map((sample) => sample.cpuMsPerRun)) : Number.NaN;
    const eventsPerRun = median(watched.map((sample) => sample.eventsPerRun));
    console.log(
      `${name}: per watched run ${watchedMs.toFixed(3)} ms CPU, unwatched ${unwatchedMs.toFixed(3)} ms, streams ${(watchedMs - unwatchedMs).toFixed(3)} ms; ` +
        `${eventsPerRun.toFixed(1)} events per run → ${((watchedMs / eventsPerRun) * 1000).toFixed(1)} µs per event watched, ${(((watchedMs - unwatchedMs) / eventsPerRun) * 1000).toFixed(1)} µs of stream per event; ` +
        `${median(watched.map((sample) => sample.cpuPercent)).toFixed(0)} % of a core over ${median(watched.map((sample) => sample.wallMs)).toFixed(0)} ms (unwatched ${unwatched.length > 0 ? median(unwatched.map((sample) => sample.cpuPercent)).toFixed(0) : '–'} %)`,
    );
  }
} finally {
  for (const contender of contenders) {
    contender.client.close();
    await contender.server.stop();
  }
  rmSync(directory, { recursive: true, force: true });
}
