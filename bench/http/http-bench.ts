/**
 * The HTTP section of `pnpm bench`: the real server on a loopback port, driven by a keep-alive client in
 * this process. Server CPU is read from /proc for the server's own process; the ratios compare figures
 * measured in the same run, since absolute numbers on these machines drift.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createPipeline, oneStep, settle, startRun, type Client } from './bench-runs.ts';
import { blast, createLoadClient, followRun, quantile, withConcurrency } from './load-client.ts';
import { loadInOwnProcess } from './own-process-load.ts';
import { createStreamingPipeline, measureStreamingRuns, streamingPipelineId } from './sse-workload.ts';
import { startBareHono, startTandem, type BenchProcess } from './server-under-test.ts';

export interface HttpReport {
  /**
   * One-step runs driven by a pipelined load generator in its own process. `serverCpuShare` is the server's
   * CPU over the wall time (1 = one core busy); the ceilings are what the measured CPU per run allows: the
   * server executes on one event loop (`oneCoreCeiling` = 1 / CPU per run), two cores would take two
   * processes sharing the work (`twoCoreCeiling`).
   */
  oneStep: {
    runs: number;
    runsPerSecond: number;
    serverCpuMsPerRun: number;
    postMsP50: number;
    postMsP99: number;
    serverCpuShare?: number;
    clientCpuMsPerRequest?: number;
    oneCoreCeiling?: number;
    twoCoreCeiling?: number;
  };
  /** Accepting a run without executing it (the runs queue behind one that is still running): server CPU per POST. */
  accept?: { runs: number; serverCpuMsPerPost: number; postMsP50: number; postMsP99: number };
  /**
   * N critique runs at once. `cpuFloorRatio` is the ratio the server's CPU allows: the CPU the N runs used
   * ÷ one run's wall time (at least 1). The server executes runs on one event loop, so its CPU is spent on
   * one core whatever the machine has (V8's helper threads count too, which puts the floor a little high).
   */
  concurrency: { pipeline: string; singleRunMs: number; rows: { runs: number; wallMs: number; ratio: number; serverCpuMs?: number; cpuFloorRatio?: number }[] };
  /**
   * Live streams: latency to many watchers of one run, and the server's CPU for `watchedRuns` streaming runs
   * each watched by one client (over the batch's wall time, per run and per committed event).
   */
  sse: {
    watchersOfOneRun: number;
    latencyMsP50: number;
    latencyMsP99: number;
    events: number;
    watchedRuns: number;
    serverCpuPercent: number;
    serverCpuMsPerWatchedRun?: number;
    eventsPerRun?: number;
    serverCpuUsPerEvent?: number;
    /** The same batch of runs with no one watching, measured beside it: what executing and persisting them costs. */
    unwatchedCpuPercent?: number;
    unwatchedCpuMsPerRun?: number;
    /** Event `ts` → client latency for 1, 50 and 500 watchers of one run. */
    latencyByWatchers?: { watchers: number; p50: number; p99: number }[];
  };
  /** `ratio` is the bare handler's server CPU per request over Tandem's: the share of a bare handler's capacity Tandem keeps. */
  gateway: {
    requests: number;
    tandemPerSecond: number;
    bareHonoPerSecond: number;
    tandemCpuMsPerRequest: number;
    bareCpuMsPerRequest: number;
    /** Server CPU per request over the warm-up, while V8 still compiles the hot path (its compiler threads count). */
    tandemWarmUpCpuMsPerRequest: number;
    bareWarmUpCpuMsPerRequest: number;
    ratio: number;
  };
  /** Each figure is the median of this many repetitions, each on a fresh server and database. */
  repetitions: number;
}

/** Sends `amount` POSTs of `body` to /api/runs from a load generator in its own process; throws on any failure. */
async function postRuns(server: BenchProcess, body: unknown, amount: number) {
  const posted = await loadInOwnProcess({ url: `${server.baseUrl}/api/runs`, method: 'POST', body, amount });
  if (posted.failures > 0) throw new Error(`${posted.failures} of ${amount} POST /api/runs failed`);
  return posted;
}

async function measureOneStep(server: BenchProcess, client: Client, runs: number): Promise<HttpReport['oneStep']> {
  await createPipeline(client, oneStep('bench-one-step', 'sim:instant'));
  const body = { pipelineId: 'bench-one-step', inputs: { prompt: 'How do tides work?' } };
  // Warm-up: V8 compiles the hot path (its compiler threads count as server CPU).
  await postRuns(server, body, 2000);
  await settle(client);
  const cpuBefore = server.cpuMs();
  const started = performance.now();
  const posted = await postRuns(server, body, runs);
  await settle(client);
  const wallMs = performance.now() - started;
  const serverCpuMs = server.cpuMs() - cpuBefore;
  const serverCpuMsPerRun = serverCpuMs / runs;
  return {
    runs,
    runsPerSecond: (runs * 1000) / wallMs,
    serverCpuMsPerRun,
    postMsP50: posted.latencyMsP50,
    postMsP99: posted.latencyMsP99,
    serverCpuShare: serverCpuMs / wallMs,
    clientCpuMsPerRequest: posted.clientCpuMsPerRequest,
    oneCoreCeiling: 1000 / serverCpuMsPerRun,
    twoCoreCeiling: 2000 / serverCpuMsPerRun,
  };
}

/** The arithmetic behind the runs-per-second figure, from measured numbers. */
export function describeOneStepCeiling(report: HttpReport['oneStep'], goal = 3000): string {
  const { runsPerSecond, serverCpuMsPerRun, serverCpuShare = Number.NaN, oneCoreCeiling = 1000 / serverCpuMsPerRun, twoCoreCeiling = 2000 / serverCpuMsPerRun } = report;
  const needed = 1000 / goal;
  const verdict =
    oneCoreCeiling >= goal
      ? `one core allows ${goal.toLocaleString('en')}/s`
      : `${goal.toLocaleString('en')}/s needs ≤ ${needed.toFixed(3)} ms per run on the server's one event loop (${(serverCpuMsPerRun / needed).toFixed(2)}× over)${twoCoreCeiling >= goal ? ', or both cores for the server alone' : ', out of reach even with both cores for the server'}`;
  return `${runsPerSecond.toFixed(0)} runs/s with the server at ${(serverCpuShare * 100).toFixed(0)} % of a core; ${serverCpuMsPerRun.toFixed(3)} ms CPU per run → ceiling ${oneCoreCeiling.toFixed(0)}/s on one core, ${twoCoreCeiling.toFixed(0)}/s on two: ${verdict}`;
}

/** A server that executes one run at a time, kept busy by a slow run: every POST measured is only accepted and queued. */
async function measureAccept(databasePath: string, runs: number): Promise<NonNullable<HttpReport['accept']>> {
  const server = await startTandem({ TANDEM_DB: databasePath, TANDEM_MAX_ACTIVE_RUNS: '1' });
  const client = createLoadClient(server.baseUrl);
  try {
    await createPipeline(client, oneStep('bench-slow', 'sim:writer?tps=1&ttft=60000'));
    await createPipeline(client, oneStep('bench-one-step', 'sim:instant'));
    await startRun(client, 'bench-slow', 'Take your time.');
    const body = { pipelineId: 'bench-one-step', inputs: { prompt: 'How do tides work?' } };
    await postRuns(server, body, 2000);
    const cpuBefore = server.cpuMs();
    const posted = await postRuns(server, body, runs);
    const serverCpuMsPerPost = (server.cpuMs() - cpuBefore) / runs;
    const { body: health } = await client.json<{ activeRuns: number; queuedRuns: number }>('GET', '/healthz');
    if (health.queuedRuns < runs) throw new Error(`expected the runs to queue, ${health.queuedRuns} did`);
    return { runs, serverCpuMsPerPost, postMsP50: posted.latencyMsP50, postMsP99: posted.latencyMsP99 };
  } finally {
    client.close();
    await server.stop();
  }
}

async function measureConcurrency(server: BenchProcess, client: Client, counts: number[]): Promise<HttpReport['concurrency']> {
  const pipeline = 'template-critique';
  const single = performance.now();
  await startRun(client, pipeline, 'Why do leaves change colour in autumn?');
  await settle(client);
  const singleRunMs = performance.now() - single;
  const rows: HttpReport['concurrency']['rows'] = [];
  for (const runs of counts) {
    const cpuBefore = server.cpuMs();
    const started = performance.now();
    await withConcurrency(runs, 64, async (index) => void (await startRun(client, pipeline, `Question ${index}: why do leaves change colour?`)));
    await settle(client);
    const wallMs = performance.now() - started;
    const serverCpuMs = server.cpuMs() - cpuBefore;
    rows.push({ runs, wallMs, ratio: wallMs / singleRunMs, serverCpuMs, cpuFloorRatio: Math.max(1, serverCpuMs / singleRunMs) });
  }
  return { pipeline, singleRunMs, rows };
}

async function measureSse(server: BenchProcess, client: Client, watchers: number, watchedRuns: number): Promise<HttpReport['sse']> {
  await createStreamingPipeline(client);
  // Watchers of one run: how long an event takes from its timestamp to a client.
  const latencyByWatchers: { watchers: number; p50: number; p99: number; samples: number[] }[] = [];
  for (const count of [...new Set([1, watchers, 500])].sort((a, b) => a - b)) {
    const { id } = await startRun(client, streamingPipelineId, 'Describe a lighthouse at night.');
    const samples: number[] = [];
    await Promise.all(Array.from({ length: count }, () => followRun(server.baseUrl, id, (event, receivedAt) => samples.push(receivedAt - event.ts))));
    await settle(client);
    latencyByWatchers.push({ watchers: count, p50: quantile(samples, 0.5), p99: quantile(samples, 0.99), samples });
  }
  const latencies = latencyByWatchers.find((entry) => entry.watchers === watchers)!.samples;
  // Many runs, each watched once: what the streams cost the server; then the same batch unwatched, beside it.
  const sample = await measureStreamingRuns(server, client, watchedRuns, true);
  const unwatched = await measureStreamingRuns(server, client, watchedRuns, false);
  return {
    watchersOfOneRun: watchers,
    latencyMsP50: quantile(latencies, 0.5),
    latencyMsP99: quantile(latencies, 0.99),
    events: latencies.length,
    watchedRuns,
    serverCpuPercent: sample.cpuPercent,
    serverCpuMsPerWatchedRun: sample.cpuMsPerRun,
    eventsPerRun: sample.eventsPerRun,
    serverCpuUsPerEvent: (sample.cpuMsPerRun / sample.eventsPerRun) * 1000,
    unwatchedCpuPercent: unwatched.cpuPercent,
    unwatchedCpuMsPerRun: unwatched.cpuMsPerRun,
    latencyByWatchers: latencyByWatchers.map(({ watchers: count, p50, p99 }) => ({ watchers: count, p50, p99 })),
  };
}

/**
 * Requests both handlers answer before they are measured: enough for V8 to finish compiling the hot
 * path, whose compiler threads count as server CPU (500 left Tandem's figure a third higher than its steady state).
 */
const gatewayWarmUpRequests = 5000;

/** Requests per second and the server's CPU per request (what a client-bound machine cannot hide), warm-up apart. */
async function chatCompletions(server: BenchProcess, requests: number): Promise<{ perSecond: number; cpuMsPerRequest: number; warmUpCpuMsPerRequest: number }> {
  const body = { model: 'sim:instant', messages: [{ role: 'user', content: 'Say something short.' }] };
  const cpuAtStart = server.cpuMs();
  const warmUp = await blast(`${server.baseUrl}/v1/chat/completions`, { method: 'POST', body, amount: gatewayWarmUpRequests });
  if (warmUp.failures > 0) throw new Error(`${warmUp.failures} of ${gatewayWarmUpRequests} warm-up requests failed at ${server.baseUrl}`);
  const cpuBefore = server.cpuMs();
  const measured = await blast(`${server.baseUrl}/v1/chat/completions`, { method: 'POST', body, amount: requests });
  if (measured.failures > 0) throw new Error(`${measured.failures} of ${requests} /v1/chat/completions requests failed at ${server.baseUrl}`);
  return { perSecond: measured.requestsPerSecond, cpuMsPerRequest: (server.cpuMs() - cpuBefore) / requests, warmUpCpuMsPerRequest: (cpuBefore - cpuAtStart) / gatewayWarmUpRequests };
}

export async function measureGateway(server: BenchProcess, requests: number): Promise<HttpReport['gateway']> {
  const bare = await startBareHono();
  try {
    const bareHono = await chatCompletions(bare, requests);
    const tandem = await chatCompletions(server, requests);
    return {
      requests,
      tandemPerSecond: tandem.perSecond,
      bareHonoPerSecond: bareHono.perSecond,
      tandemCpuMsPerRequest: tandem.cpuMsPerRequest,
      bareCpuMsPerRequest: bareHono.cpuMsPerRequest,
      tandemWarmUpCpuMsPerRequest: tandem.warmUpCpuMsPerRequest,
      bareWarmUpCpuMsPerRequest: bareHono.warmUpCpuMsPerRequest,
      ratio: bareHono.cpuMsPerRequest / tandem.cpuMsPerRequest,
    };
  } finally {
    await bare.stop();
  }
}

/**
 * Runs every HTTP measurement `repetitions` times, each on a fresh server over a fresh database in
 * `directory`, and reports the median of each figure.
 */
export async function measureHttp(directory: string, scale = Number(process.env.BENCH_HTTP_SCALE ?? 1), repetitions = Number(process.env.BENCH_HTTP_REPETITIONS ?? 3)): Promise<HttpReport> {
  const reports: Omit<HttpReport, 'repetitions'>[] = [];
  for (let repetition = 0; repetition < repetitions; repetition++) {
    reports.push(await measureOnce(`${directory}/http-bench-${repetition}.db`, scale));
    // A repetition leaves hundreds of megabytes of database files whose write-back to disk would otherwise
    // compete with the next one (it showed as a third more server CPU per run): they are deleted at once.
    for (const file of readdirSync(directory)) if (file.startsWith(`http-bench-${repetition}.db`)) rmSync(join(directory, file), { force: true });
  }
  return { ...medianOf(reports), repetitions };
}

/** The median of every number across reports of the same shape. */
function medianOf<T>(reports: readonly T[]): T {
  const first = reports[0]!;
  if (typeof first === 'number') {
    const sorted = [...(reports as readonly unknown[] as number[])].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as T;
  }
  if (Array.isArray(first)) return first.map((_, index) => medianOf(reports.map((report) => (report as unknown[])[index]))) as T;
  if (first !== null && typeof first === 'object') {
    return Object.fromEntries(Object.keys(first).map((key) => [key, medianOf(reports.map((report) => (report as Record<string, unknown>)[key]))])) as T;
  }
  return first;
}

async function measureOnce(databasePath: string, scale: number): Promise<Omit<HttpReport, 'repetitions'>> {
  const server = await startTandem({ TANDEM_DB: databasePath });
  const client = createLoadClient(server.baseUrl);
  try {
    const oneStepReport = await measureOneStep(server, client, Math.round(5000 * scale));
    console.log(`http: one-step runs: ${describeOneStepCeiling(oneStepReport)}`);
    const gateway = await measureGateway(server, Math.round(10000 * scale));
    console.log(`http: /v1 ${gateway.tandemPerSecond.toFixed(0)} req/s (${gateway.tandemCpuMsPerRequest.toFixed(3)} ms CPU), bare Hono ${gateway.bareHonoPerSecond.toFixed(0)} req/s (${gateway.bareCpuMsPerRequest.toFixed(3)} ms CPU): ${gateway.ratio.toFixed(2)}`);
    const sse = await measureSse(server, client, 50, Math.round(500 * scale));
    console.log(`http: SSE p99 ${sse.latencyMsP99.toFixed(1)} ms (50 watchers); ${sse.serverCpuPercent.toFixed(0)} % CPU for ${sse.watchedRuns} watched runs (${sse.serverCpuMsPerWatchedRun!.toFixed(2)} ms per run, ${sse.serverCpuUsPerEvent!.toFixed(0)} µs per event)`);
    const counts = (process.env.BENCH_HTTP_CONCURRENCY ?? '100,1000,5000').split(',').map(Number);
    const concurrency = await measureConcurrency(server, client, counts.map((count) => Math.round(count * scale)));
    console.log(`http: concurrent critique runs (wall ÷ one run, CPU floor): ${concurrency.rows.map((row) => `${row.runs} → ${row.ratio.toFixed(2)}× (${row.cpuFloorRatio!.toFixed(2)}×)`).join(', ')}`);
    const accept = await measureAccept(`${databasePath}-accept.db`, Math.round(5000 * scale));
    console.log(`http: accepting a run: ${accept.serverCpuMsPerPost.toFixed(3)} ms server CPU per POST (p50 ${accept.postMsP50.toFixed(1)} ms)`);
    return { oneStep: oneStepReport, accept, concurrency, sse, gateway };
  } finally {
    client.close();
    await server.stop();
  }
}
