/**
 * The scale-out section of `pnpm bench` (`BENCH_ONLY=scale-out`): one web node and 1, 2 and 4 worker
 * processes on one Postgres (`BENCH_DATABASE_URL`, else `TANDEM_TEST_DATABASE_URL`): runs per second end to end
 * (POST /api/runs on the web node until every run completed), and the latency from a worker's event to a
 * browser streaming it from another web node. Each figure uses a fresh database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { PipelineDocument, RunEvent } from '@tandem/shared';
import { createTemporaryPostgres } from '@tandem/db/pg-testing';
import { freePort } from './http/server-under-test.ts';

const serverRoot = fileURLToPath(new URL('../apps/server', import.meta.url));

/** What the section reports. */
export interface ScaleOutReport {
  date: string;
  loadAverage: number;
  cores: number;
  runsPerMeasure: number;
  concurrencyPerWorker: number;
  /** Cores busy during the measure: the workers, the web node and the whole machine (Postgres and the client included). */
  throughput: { workers: number; runsPerSecond: number; workerCpuShare: number; webCpuShare: number; postgresCpuShare: number; machineBusyCores: number }[];
  /** Worker's event → browser on another web node, ms. */
  latencyMs: { median: number; p95: number; events: number };
}

interface ClusterChild {
  child: ChildProcess;
  baseUrl: string;
  stop(): Promise<void>;
}

async function start(role: 'web' | 'worker', env: Record<string, string>): Promise<ClusterChild> {
  const port = role === 'web' ? String(await freePort()) : '0';
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cluster/main.ts', role], {
    cwd: serverRoot,
    env: { ...process.env, ...env, PORT: port, HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000)));
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; ; ) {
    if (child.exitCode !== null) throw new Error(`${role} exited:\n${output}`);
    if (role === 'worker' ? output.includes('executing up to') : await fetch(`${baseUrl}/healthz`).then((response) => response.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`${role} did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    child,
    baseUrl,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const pipeline = (id: string, model: string, steps: number): PipelineDocument => ({
  schema: 'tandem.pipeline/v1',
  id,
  name: id,
  inputs: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
    ...Array.from({ length: steps }, (_, index) => ({
      id: `s${index + 1}`,
      kind: 'llm',
      position: { x: 200 * (index + 1), y: 0 },
      config: { model, prompt: index === 0 ? '{{input.prompt}}' : `Continue: {{s${index}.text}}`, maxTokens: 60 },
    })),
    { id: 'out', kind: 'output', position: { x: 200 * (steps + 1), y: 0 }, config: { value: `{{s${steps}.text}}` } },
  ],
  edges: [
    ...Array.from({ length: steps }, (_, index) => ({ id: `e${index}`, source: index === 0 ? 'input' : `s${index}`, target: `s${index + 1}` })),
    { id: 'eout', source: `s${steps}`, target: 'out' },
  ],
});

const post = (baseUrl: string, path: string, body: unknown) =>
  fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Procfs CPU time of a process, ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** CPU time of every `postgres` process on the machine so far, ms (processes that ended meanwhile are not counted). */
function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === 'postgres') total += cpuMs(Number(entry));
    } catch {
      // the process ended
    }
  }
  return total;
}

/** Busy CPU time of the whole machine so far (every core, every process), ms. */
function machineBusyMs(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
  const busy = ticks.slice(0, 8).reduce((sum, value, index) => (index === 3 || index === 4 ? sum : sum + value), 0);
  return (busy * 1000) / 100;
}

async function measureThroughput(serverUrl: string, workers: number, runs: number, concurrency: number) {
  const temporary = await createTemporaryPostgres(serverUrl);
  const env = { TANDEM_DATABASE_URL: temporary.url, TANDEM_WORKER_CONCURRENCY: String(concurrency), TANDEM_PG_POOL_SIZE: '8' };
  const web = await start('web', env);
  const started = await Promise.all(Array.from({ length: workers }, () => start('worker', env)));
  const pool = new pg.Pool({ connectionString: temporary.url, max: 1 });
  try {
    await post(web.baseUrl, '/api/pipelines', pipeline('bench', 'sim:instant', 2));
    const completed = async () => Number((await pool.query<{ n: string }>("SELECT count(*) AS n FROM runs WHERE status = 'completed'")).rows[0]!.n);
    const submit = async (count: number) => {
      // 32 requests in flight: the client keeps the web node busy without queueing in the client.
      let next = 0;
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (next < count) {
            next++;
            const response = await post(web.baseUrl, '/api/runs', { pipelineId: 'bench', inputs: { prompt: `Run ${next}` } });
            if (response.status !== 201) throw new Error(`POST /api/runs answered ${response.status}`);
          }
        }),
      );
    };
    const waitFor = async (total: number) => {
      while ((await completed()) < total) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    await submit(50);
    await waitFor(50);
    const cpuBefore = started.map((worker) => cpuMs(worker.child.pid!));
    const webBefore = cpuMs(web.child.pid!);
    const machineBefore = machineBusyMs();
    const postgresBefore = postgresCpuMs();
    const begin = performance.now();
    await submit(runs);
    await waitFor(50 + runs);
    const seconds = (performance.now() - begin) / 1000;
    const cpuAfter = started.map((worker) => cpuMs(worker.child.pid!));
    const workerCpu = cpuAfter.reduce((sum, value, index) => sum + value - cpuBefore[index]!, 0) / 1000;
    const webCpu = (cpuMs(web.child.pid!) - webBefore) / 1000;
    const machineBusy = (machineBusyMs() - machineBefore) / 1000;
    const postgresCpu = (postgresCpuMs() - postgresBefore) / 1000;
    return { workers, runsPerSecond: runs / seconds, workerCpuShare: workerCpu / seconds, webCpuShare: webCpu / seconds, postgresCpuShare: postgresCpu / seconds, machineBusyCores: machineBusy / seconds };
  } finally {
    await pool.end();
    for (const child of [web, ...started]) await child.stop();
    await temporary.drop();
  }
}

/** Reads an SSE stream, calling `onEvent` with each event and the time it arrived. */
async function readEvents(url: string, onEvent: (event: RunEvent, at: number) => void): Promise<void> {
  const response = await fetch(url);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    const at = Date.now();
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (frame.startsWith('event: end')) return;
      if (data && /^id: /m.test(frame)) onEvent(JSON.parse(data) as RunEvent, at);
    }
  }
}

async function measureLatency(serverUrl: string) {
  const temporary = await createTemporaryPostgres(serverUrl);
  const env = { TANDEM_DATABASE_URL: temporary.url, TANDEM_WORKER_CONCURRENCY: '4' };
  const [webA, webB, worker] = await Promise.all([start('web', env), start('web', env), start('worker', env)]);
  const samples: number[] = [];
  try {
    await post(webA.baseUrl, '/api/pipelines', pipeline('latency', 'sim:writer?tps=60&ttft=100', 1));
    for (let index = 0; index < 10; index++) {
      const { id } = (await (await post(webA.baseUrl, '/api/runs', { pipelineId: 'latency', inputs: { prompt: `Latency ${index}` } })).json()) as { id: string };
      const connectedAt = Date.now();
      // Only events emitted after the browser was connected: earlier ones are a replay, not live.
      await readEvents(`${webB.baseUrl}/api/runs/${id}/events`, (event, at) => {
        if (event.ts > connectedAt + 50) samples.push(at - event.ts);
      });
    }
  } finally {
    for (const child of [webA, webB, worker]) await child.stop();
    await temporary.drop();
  }
  const sorted = samples.sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, p95: sorted[Math.floor(sorted.length * 0.95)] ?? Number.NaN, events: sorted.length };
}

/** Measures the section, or answers undefined (with a note) when no Postgres is configured. */
export async function measureScaleOut(): Promise<ScaleOutReport | undefined> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TANDEM_TEST_DATABASE_URL;
  if (!serverUrl) {
    console.log('scale-out: skipped (set BENCH_DATABASE_URL or TANDEM_TEST_DATABASE_URL; scripts/start-test-postgres.sh starts one)');
    return undefined;
  }
  const runs = Number(process.env.BENCH_SCALE_RUNS ?? 600);
  const concurrency = 8;
  const throughput: ScaleOutReport['throughput'] = [];
  for (const workers of [1, 2, 4]) {
    const figure = await measureThroughput(serverUrl, workers, runs, concurrency);
    console.log(`scale-out: ${workers} worker(s): ${figure.runsPerSecond.toFixed(0)} runs/s (cores busy: workers ${figure.workerCpuShare.toFixed(2)}, web node ${figure.webCpuShare.toFixed(2)}, postgres ${figure.postgresCpuShare.toFixed(2)}, machine ${figure.machineBusyCores.toFixed(2)})`);
    throughput.push(figure);
  }
  const latencyMs = await measureLatency(serverUrl);
  console.log(`scale-out: event → browser on another web node: median ${latencyMs.median} ms, p95 ${latencyMs.p95} ms (${latencyMs.events} events)`);
  return { date: new Date().toISOString(), loadAverage: loadavg()[0]!, cores: cpus().length, runsPerMeasure: runs, concurrencyPerWorker: concurrency, throughput, latencyMs };
}
