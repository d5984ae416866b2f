/**
 * The HTTP section of `pnpm bench`: the real server on a loopback port, driven by a keep-alive client in
 * this process. Server CPU is read from /proc for the server's own process; the ratios compare figures
 * measured in the same run, since absolute numbers on these machines drift.
 */
import { performance } from 'node:perf_hooks';
import type { PipelineDocument } from '@tandem/shared';
import { createLoadClient, followRun, quantile, withConcurrency } from './load-client.ts';
import { startBareHono, startTandem, type BenchProcess } from './server-under-test.ts';

export interface HttpReport {
  oneStep: { runs: number; runsPerSecond: number; serverCpuMsPerRun: number; postMsP50: number; postMsP99: number };
  concurrency: { pipeline: string; singleRunMs: number; rows: { runs: number; wallMs: number; ratio: number }[] };
  sse: { watchersOfOneRun: number; latencyMsP50: number; latencyMsP99: number; events: number; watchedRuns: number; serverCpuPercent: number };
  gateway: { requests: number; tandemPerSecond: number; bareHonoPerSecond: number; ratio: number };
}

const oneStep = (id: string, model: string, maxTokens?: number): PipelineDocument => ({
  schema: 'tandem.pipeline/v1',
  id,
  name: id,
  inputs: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
    { id: 'answer', kind: 'llm', position: { x: 300, y: 0 }, config: { model, prompt: '{{input.prompt}}', ...(maxTokens ? { maxTokens } : {}) } },
    { id: 'out', kind: 'output', position: { x: 600, y: 0 }, config: { value: '{{answer.text}}' } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'answer' },
    { id: 'e2', source: 'answer', target: 'out' },
  ],
});

type Client = ReturnType<typeof createLoadClient>;

async function createPipeline(client: Client, document: PipelineDocument) {
  const created = await client.json('POST', '/api/pipelines', document);
  if (created.status !== 201) throw new Error(`could not create ${document.id}: ${JSON.stringify(created.body)}`);
}

async function startRun(client: Client, pipelineId: string, prompt: string): Promise<{ id: string; ms: number }> {
  const started = performance.now();
  const response = await client.json<{ id: string }>('POST', '/api/runs', { pipelineId, inputs: { prompt } });
  if (response.status !== 201) throw new Error(`POST /api/runs answered ${response.status}: ${JSON.stringify(response.body)}`);
  return { id: response.body.id, ms: performance.now() - started };
}

/** Waits until the server has no run in flight (queued or running). */
async function settle(client: Client): Promise<void> {
  for (;;) {
    const { body } = await client.json<{ activeRuns: number; queuedRuns?: number }>('GET', '/healthz');
    if (body.activeRuns === 0 && !body.queuedRuns) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function measureOneStep(server: BenchProcess, client: Client, runs: number): Promise<HttpReport['oneStep']> {
  await createPipeline(client, oneStep('bench-one-step', 'sim:instant'));
  await withConcurrency(300, 32, async (index) => void (await startRun(client, 'bench-one-step', `Warm-up ${index}`)));
  await settle(client);
  const latencies: number[] = [];
  const cpuBefore = server.cpuMs();
  const started = performance.now();
  await withConcurrency(runs, 32, async (index) => void latencies.push((await startRun(client, 'bench-one-step', `Question ${index}`)).ms));
  await settle(client);
  const wallMs = performance.now() - started;
  return {
    runs,
    runsPerSecond: (runs * 1000) / wallMs,
    serverCpuMsPerRun: (server.cpuMs() - cpuBefore) / runs,
    postMsP50: quantile(latencies, 0.5),
    postMsP99: quantile(latencies, 0.99),
  };
}

async function measureConcurrency(client: Client, counts: number[]): Promise<HttpReport['concurrency']> {
  const pipeline = 'template-critique';
  const single = performance.now();
  await startRun(client, pipeline, 'Why do leaves change colour in autumn?');
  await settle(client);
  const singleRunMs = performance.now() - single;
  const rows: HttpReport['concurrency']['rows'] = [];
  for (const runs of counts) {
    const started = performance.now();
    await withConcurrency(runs, 64, async (index) => void (await startRun(client, pipeline, `Question ${index}: why do leaves change colour?`)));
    await settle(client);
    const wallMs = performance.now() - started;
    rows.push({ runs, wallMs, ratio: wallMs / singleRunMs });
  }
  return { pipeline, singleRunMs, rows };
}

async function measureSse(server: BenchProcess, client: Client, watchers: number, watchedRuns: number): Promise<HttpReport['sse']> {
  await createPipeline(client, oneStep('bench-streaming', 'sim:writer?tps=60&ttft=50', 180));
  // Many watchers of one run: how long an event takes from its timestamp to a client.
  const { id } = await startRun(client, 'bench-streaming', 'Describe a lighthouse at night.');
  const latencies: number[] = [];
  await Promise.all(Array.from({ length: watchers }, () => followRun(server.baseUrl, id, (event, receivedAt) => latencies.push(receivedAt - event.ts))));
  await settle(client);
  // Many runs, each watched once: what the streams cost the server.
  const cpuBefore = server.cpuMs();
  const started = performance.now();
  const ids: string[] = [];
  await withConcurrency(watchedRuns, 64, async (index) => void ids.push((await startRun(client, 'bench-streaming', `Describe lighthouse ${index}.`)).id));
  await Promise.all(ids.map((runId) => followRun(server.baseUrl, runId, () => undefined)));
  await settle(client);
  const serverCpuPercent = ((server.cpuMs() - cpuBefore) / (performance.now() - started)) * 100;
  return { watchersOfOneRun: watchers, latencyMsP50: quantile(latencies, 0.5), latencyMsP99: quantile(latencies, 0.99), events: latencies.length, watchedRuns, serverCpuPercent };
}

async function requestsPerSecond(client: Client, requests: number): Promise<number> {
  const body = { model: 'sim:instant', messages: [{ role: 'user', content: 'Say something short.' }] };
  await withConcurrency(200, 32, async () => void (await client.json('POST', '/v1/chat/completions', body)));
  const started = performance.now();
  await withConcurrency(requests, 32, async () => {
    const response = await client.json('POST', '/v1/chat/completions', body);
    if (response.status !== 200) throw new Error(`/v1/chat/completions answered ${response.status}: ${JSON.stringify(response.body)}`);
  });
  return (requests * 1000) / (performance.now() - started);
}

async function measureGateway(client: Client, requests: number): Promise<HttpReport['gateway']> {
  const bare = await startBareHono();
  const bareClient = createLoadClient(bare.baseUrl);
  try {
    const bareHonoPerSecond = await requestsPerSecond(bareClient, requests);
    const tandemPerSecond = await requestsPerSecond(client, requests);
    return { requests, tandemPerSecond, bareHonoPerSecond, ratio: tandemPerSecond / bareHonoPerSecond };
  } finally {
    bareClient.close();
    await bare.stop();
  }
}

/** Runs every HTTP measurement against a fresh server over a fresh database in `directory`. */
export async function measureHttp(directory: string, scale = Number(process.env.BENCH_HTTP_SCALE ?? 1)): Promise<HttpReport> {
  const server = await startTandem({ TANDEM_DB: `${directory}/http-bench.db` });
  const client = createLoadClient(server.baseUrl);
  try {
    const oneStepReport = await measureOneStep(server, client, Math.round(3000 * scale));
    console.log(`http: ${oneStepReport.runsPerSecond.toFixed(0)} one-step runs/s, ${oneStepReport.serverCpuMsPerRun.toFixed(2)} ms server CPU per run`);
    const gateway = await measureGateway(client, Math.round(3000 * scale));
    console.log(`http: /v1 ${gateway.tandemPerSecond.toFixed(0)} req/s, bare Hono ${gateway.bareHonoPerSecond.toFixed(0)} req/s (${gateway.ratio.toFixed(2)})`);
    const sse = await measureSse(server, client, 50, Math.round(500 * scale));
    console.log(`http: SSE p99 ${sse.latencyMsP99.toFixed(1)} ms (50 watchers); ${sse.serverCpuPercent.toFixed(0)} % CPU for ${sse.watchedRuns} watched runs`);
    const counts = (process.env.BENCH_HTTP_CONCURRENCY ?? '100,1000').split(',').map(Number);
    const concurrency = await measureConcurrency(client, counts.map((count) => Math.round(count * scale)));
    console.log(`http: concurrent critique runs: ${concurrency.rows.map((row) => `${row.runs} → ${row.ratio.toFixed(2)}×`).join(', ')}`);
    return { oneStep: oneStepReport, concurrency, sse, gateway };
  } finally {
    client.close();
    await server.stop();
  }
}
