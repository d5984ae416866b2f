import type { HttpReport } from './http/http-bench.ts';
import type { ScaleOutReport } from './scale-out.ts';
import { renderScaleOut } from './scale-out-report.ts';
import type { StudioBench } from './studio/studio-bench.ts';

/** A median with its range over repetitions. */
export interface Stat {
  median: number;
  min: number;
  max: number;
}

/** One measured statistics scenario (bench/statistics.ts). */
export interface StatisticsScenario {
  name: string;
  trials: number;
  arms: number;
  metrics: number;
  /** The first call, with the JIT cold, in ms. */
  firstCallMs: number;
  /** Later calls, in ms. */
  ms: Stat;
}

/** The measured experiment queue figures (bench/experiments.ts). */
export interface ExperimentFigures {
  rows: number;
  arms: number;
  /** Storing the experiment and its rows × arms trials, ms. */
  createMs: Stat;
  /** Taking one trial from the queue and creating its run, µs. */
  claimUs: Stat;
  /** Recording one finished trial with its metrics and event, µs. */
  finishUs: Stat;
}

export interface BenchReport {
  date: string;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; platform: string; loadAverage: number };
  settings: { repetitions: number; runsPerRepetition: number };
  shapes: { name: string; llmCalls: number; eventsPerRun: number; traceBytesPerRun: number; storedBytesPerRun?: number; inMemoryUsPerStep: Stat; persistedUsPerStep: Stat; persistedRatio: number; runCreationUs: Stat; sqliteFloorUsPerStep?: Stat }[];
  storeEventsPerSecond: Stat;
  heap: { perThousandRunsKb: number; samplesMb: number[] };
  /** The simulator's own cost per answer (bench/sim-answers.ts); measured separately with `BENCH_ONLY=simulator`. */
  simAnswers?: { kind: string; freshUs: Stat; repeatedUs: Stat }[];
  /** The statistics package (bench/statistics.ts); measured separately with `BENCH_ONLY=statistics`. */
  statistics?: { date: string; repetitions: number; loadAverage: number; scenarios: StatisticsScenario[] };
  /** The experiment queue (bench/experiments.ts); measured separately with `BENCH_ONLY=experiments`. */
  experiments?: { date: string; repetitions: number; loadAverage: number; figures: ExperimentFigures };
  /** The server over HTTP (bench/http); measured alone with `BENCH_ONLY=http`. */
  http?: { date: string; loadAverage: number; before?: HttpReport; after: HttpReport };
  /** The studio in Chromium (bench/studio); measured alone with `BENCH_ONLY=studio`. */
  studio?: StudioBench;
  /** One web node and N worker processes on Postgres (bench/scale-out.ts); alone with `BENCH_ONLY=scale-out`. */
  scaleOut?: ScaleOutReport;
}


const fmt = (stat: Stat, digits = 1) => `${stat.median.toFixed(digits)} (${stat.min.toFixed(digits)}–${stat.max.toFixed(digits)})`;

/** Renders docs/benchmarks.md from a report. */
export function renderReport(report: BenchReport): string {
  const rows = report.shapes.map(
    (shape) =>
      `| ${shape.name} | ${shape.llmCalls} | ${shape.eventsPerRun.toFixed(0)} | ${fmt(shape.inMemoryUsPerStep)} | ${fmt(shape.persistedUsPerStep)} | ${shape.persistedRatio.toFixed(2)}× | ${shape.sqliteFloorUsPerStep ? fmt(shape.sqliteFloorUsPerStep) : '–'} | ${fmt(shape.runCreationUs, 0)} |`,
  );
  return `# Benchmarks

Written by \`pnpm bench\` (bench/run-bench.ts); raw numbers in bench/results/latest.json.
Every figure is the median of ${report.settings.repetitions} repetitions with the min–max range, measured in one
process with an instant model (it answers at once), so the numbers are the engine's own cost.

Machine: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGb} GiB, Node ${report.machine.node} (${report.machine.platform});
load average ${report.machine.loadAverage.toFixed(2)} when the run ended (these machines are shared and noisy: compare ratios within one run).
Run: ${report.date}, ${report.settings.runsPerRepetition} runs per repetition.

## Engine overhead per LLM step

(a) events kept in memory; (b) every event persisted to SQLite through the real store
(batching writer, WAL, one transaction per batch of up to 256 events, with the run status, step results and
waitpoint projections written in the same transactions). The run rows are created before each timed repetition, one
transaction each as \`POST /api/runs\` does, and reported in the last column. (f) is the floor under (b): the rows the
store writes for the same events (each model answer once, later copies as references: ADR 47) inserted by one bare
prepared statement into a table of the same shape, 256 per transaction, with no engine, checks or projections: what
SQLite itself costs to store this trace. Targets: (a) ≤ 30 µs, (b) ≤ 30 µs.

The model is the built-in simulator in instant mode (\`sim:instant\`: no timers; it still writes a 40–150 token answer,
so each LLM step persists a few kilobytes: the prompt, the call record and the output).

| shape | LLM calls | events per run | (a) µs per step, in memory | (b) µs per step, persisted | (b)/(a) | (f) µs per step, bare SQLite inserts | creating the run row, µs per run |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

### Where (b) stands

${report.shapes
  .map((shape) => {
    const storeCost = shape.persistedUsPerStep.median - shape.inMemoryUsPerStep.median;
    const stored = shape.storedBytesPerRun === undefined ? '' : `, ${(shape.storedBytesPerRun / shape.llmCalls / 1024).toFixed(1)} KB as stored`;
    return `- ${shape.name}: persisting adds ${storeCost.toFixed(0)} µs per LLM step for ${(shape.traceBytesPerRun / shape.llmCalls / 1024).toFixed(1)} KB of trace per step${stored} (${shape.eventsPerRun.toFixed(0)} events per run).`;
  })
  .join('\n')}

The engine meets (a) with room to spare. (b) stands a few µs above its 30 µs target. Under it are (a), the engine
itself, and (f), SQLite inserting the rows as stored: together the least any engine that persists this trace pays. The
rest of (b) is the store's own work per event, in the same transactions: serialising each event to JSON, finding the
answers it repeats (ADR 47), the run-status and step-result projections, and the batching writer's bookkeeping, a few
µs each, none dominant in a profile. Applied for (b): 8 KiB pages; step results that read their output back from the
\`step.completed\` event instead of a second copy; and each model answer stored once per run, its later copies
(step outputs, critique rounds, prompts that quote it, \`run.completed\`) as references restored on read (ADR 47:
a two-round critique run stores 5.3 instead of 17.4 KB, and its persisted step went from 75 to about 38 µs). Left:
reaching 30 µs would take one of the projections off the write path (projected on read instead), a change to the
read paths that resume and the run list rest on, for a few µs per step.

## Store throughput

(c) \`step.delta\`-sized events appended in transactions of 100: **${Math.round(report.storeEventsPerSecond.median).toLocaleString('en')} events/s**
(${Math.round(report.storeEventsPerSecond.min).toLocaleString('en')}–${Math.round(report.storeEventsPerSecond.max).toLocaleString('en')}). Target ≥ 100,000.

## Memory

(d) heap after each 1,000 runs of the 5-step chain (after GC), MB: ${report.heap.samplesMb.join(', ')}.
Growth after warm-up: **${report.heap.perThousandRunsKb.toFixed(1)} KB per 1,000 runs** (target: flat).

${report.simAnswers ? renderSimAnswers(report.simAnswers) : ''}## For comparison

Measured on the same shapes with an instant model on this kind of machine: Rivet's core costs about 200 µs
per LLM step and LangGraph.js about 800 µs, neither persisting anything; better-sqlite3 in WAL mode inserts
about 160,000 rows/s at 100 rows per transaction.
${report.statistics ? renderStatistics(report.statistics) : ''}${report.experiments ? renderExperiments(report.experiments) : ''}${report.http ? renderHttp(report.http) : ''}${report.studio ? renderStudio(report.studio) : ''}${report.scaleOut ? renderScaleOut(report.scaleOut) : ''}`;
}

function renderHttp(http: NonNullable<BenchReport['http']>): string {
  const { after, before } = http;
  const cell = (value: (report: HttpReport) => number, digits = 0) => `${before ? `${value(before).toFixed(digits)} → ` : ''}**${value(after).toFixed(digits)}**`;
  const concurrency = after.concurrency.rows
    .map((row, index) => {
      const was = before?.concurrency.rows[index];
      const floor = row.cpuFloorRatio === undefined ? '–' : `${(row.serverCpuMs! / 1000).toFixed(1)} s → ${row.cpuFloorRatio.toFixed(2)}`;
      return `| ${row.runs.toLocaleString('en')} | ${(row.wallMs / 1000).toFixed(1)} s | ${was ? `${was.ratio.toFixed(2)} → ` : ''}**${row.ratio.toFixed(2)}** | ${floor} |`;
    })
    .join('\n');
  return `
---

## Over HTTP (the real server on a loopback port)

Written by the same command (bench/http), or alone with \`BENCH_ONLY=http pnpm bench\`. Run: ${http.date}; load
average ${http.loadAverage.toFixed(2)}. The server runs in its own process over a fresh SQLite file. \`POST /api/runs\` is
driven by a lean load generator in a process of its own (keep-alive sockets writing a pre-serialised request, 8 in
flight on each of 16), the rest by a keep-alive client in the bench process. Server CPU is read from \`/proc\` for the
server process alone. Each figure is the median of ${after.repetitions} repetitions, each on a fresh server and database.
${before ? 'Each cell shows the figure before the throughput work → after, both measured on this machine.' : ''}

| what | figure | goal |
| --- | --- | --- |
| one-step \`sim:instant\` runs per second (POST → run completed), ${after.oneStep.runs.toLocaleString('en')} runs | ${cell((report) => report.oneStep.runsPerSecond)}${after.oneStep.serverCpuShare === undefined ? '' : ` (server at ${(after.oneStep.serverCpuShare * 100).toFixed(0)} % of a core)`} | ≥ 3,000 |
| what the server's CPU per run allows: 1 ÷ CPU per run on one core (the server is one event loop) / on two | ${after.oneStep.oneCoreCeiling === undefined ? '–' : `${after.oneStep.oneCoreCeiling.toFixed(0)} / ${after.oneStep.twoCoreCeiling!.toFixed(0)} runs/s`} | |
| server CPU per one-step run (accept, execute, persist every event), ms | ${cell((report) => report.oneStep.serverCpuMsPerRun, 2)} | |
| server CPU to accept one \`POST /api/runs\` (the run queues behind a busy one; \`TANDEM_MAX_ACTIVE_RUNS=1\`), ms | ${after.accept ? `${before?.accept ? `${before.accept.serverCpuMsPerPost.toFixed(3)} → ` : ''}**${after.accept.serverCpuMsPerPost.toFixed(3)}**` : '–'} | ≤ 0.25 |
| \`POST /api/runs\` latency p50 / p99, ms | ${cell((report) => report.oneStep.postMsP50, 1)} / ${cell((report) => report.oneStep.postMsP99, 1)} | |
| SSE, ${after.sse.watchersOfOneRun} watchers of one run: event \`ts\` → client, p50 / p99, ms | ${cell((report) => report.sse.latencyMsP50, 1)} / ${cell((report) => report.sse.latencyMsP99, 1)} | p99 ≤ 10 |
${after.sse.latencyByWatchers ? `| SSE, event \`ts\` → client p50 / p99 by watchers of one run, ms | ${after.sse.latencyByWatchers.map((entry) => `${entry.watchers}: ${entry.p50.toFixed(1)} / ${entry.p99.toFixed(1)}`).join('; ')} | |\n` : ''}| SSE, ${after.sse.watchedRuns} streaming runs each watched: server CPU, % of one core | ${cell((report) => report.sse.serverCpuPercent)}${renderSseCost(after.sse)} | ≤ 30 |
| \`POST /v1/chat/completions\` (\`sim:instant\`) against a bare Hono handler: the handler's server CPU per request ÷ Tandem's | ${cell((report) => report.gateway.ratio, 2)} (${after.gateway.tandemCpuMsPerRequest.toFixed(3)} vs ${after.gateway.bareCpuMsPerRequest.toFixed(3)} ms once warm${after.gateway.tandemWarmUpCpuMsPerRequest === undefined ? '' : `, ${after.gateway.tandemWarmUpCpuMsPerRequest.toFixed(3)} vs ${after.gateway.bareWarmUpCpuMsPerRequest.toFixed(3)} ms over the first 5,000 while V8 compiles`}; ${after.gateway.tandemPerSecond.toFixed(0)} vs ${after.gateway.bareHonoPerSecond.toFixed(0)} req/s, the client's ceiling on 2 cores) | ≥ 0.6 |

Concurrent \`${after.concurrency.pipeline}\` runs (the template on the paced simulator): wall time of N runs started at once,
divided by one run alone (${(after.concurrency.singleRunMs / 1000).toFixed(1)} s). Goal ≤ 1.15. The CPU floor is the ratio the
server's CPU allows: the server CPU the N runs used ÷ one run's wall time (at least 1); the server executes runs on one
event loop, so that CPU is spent on one core (V8's helper threads count too, which puts the floor a little high).

| runs | wall | wall ÷ one run | server CPU → CPU floor |
| --- | --- | --- | --- |
${concurrency}

Where the goals not met stand (profiles in ADRs 45–47 and 51):
- **N concurrent runs.** From about 1,000 critique runs on, the server is CPU-bound: the wall time follows the CPU
  floor, and one event loop cannot finish more work than its core gives. A critique run costs about 3.3 ms of server
  CPU, spread thinly (SQLite commits and inserts about a quarter, the simulator writing and pacing the five answers
  about a quarter, garbage collection, the engine, admission); ≤ 1.15 at 1,000 needs ≤ 2.9 ms. Past that, the
  answer is more processes (workers on Postgres, docs/scale-out.md), not a faster loop.
- **SSE, 500 watched runs.** The same batch of runs with no one watching already costs more than 30 % of a core
  (the unwatched figure above): the percentage is mostly executing the runs (the simulator streaming 90,000 tokens
  at pace, committing their events), not the streams, which add about half a millisecond per watched run.
- **\`/v1\`.** A bare handler's cost is mostly Node's HTTP and the kernel; Tandem adds about 30 µs per request for
  what a gateway does per request: the request log row, metrics, access control, validation, a response id,
  limits and caches (ADR 45 lists each). Its figure also moves with the server's history: measured after the
  one-step runs, as here, it is 0.5–0.6; on a fresh server 0.58–0.72.
`;
}

/** The SSE batch's server CPU per watched run and per committed event: what the percentage is made of. */
function renderSseCost(sse: HttpReport['sse']): string {
  if (sse.serverCpuMsPerWatchedRun === undefined || sse.eventsPerRun === undefined || sse.serverCpuUsPerEvent === undefined) return '';
  const unwatched = sse.unwatchedCpuPercent === undefined ? '' : `; the same runs unwatched: ${sse.unwatchedCpuPercent.toFixed(0)} %, ${sse.unwatchedCpuMsPerRun!.toFixed(2)} ms per run`;
  return ` (${sse.serverCpuMsPerWatchedRun.toFixed(2)} ms per watched run, executing and persisting it included; ${sse.eventsPerRun.toFixed(0)} events per run, ${sse.serverCpuUsPerEvent.toFixed(0)} µs per event${unwatched})`;
}

function renderExperiments(experiments: NonNullable<BenchReport['experiments']>): string {
  const { figures } = experiments;
  return `
---

## Experiments (the trial queue)

Written by the same command (bench/experiments.ts), or alone with \`BENCH_ONLY=experiments pnpm bench\`. Run:
${experiments.date}; load average ${experiments.loadAverage.toFixed(2)}; median of ${experiments.repetitions} repetitions (min–max),
each on a fresh SQLite file with a ${figures.rows.toLocaleString('en')}-row dataset and ${figures.arms} arms.

| step | median (min–max) |
| --- | --- |
| store the experiment and its ${(figures.rows * figures.arms).toLocaleString('en')} queued trials (one transaction), ms | ${fmt(figures.createMs, 0)} |
| take one trial from the queue and create its run (one transaction), µs | ${fmt(figures.claimUs, 0)} |
| record one finished trial with its metrics and progress event (one transaction), µs | ${fmt(figures.finishUs, 0)} |

Starting 1,000 trials therefore costs about ${((figures.claimUs.median * 1000) / 1e6).toFixed(2)} s of queue work, far below the runs themselves.
`;
}

function renderSimAnswers(costs: NonNullable<BenchReport['simAnswers']>): string {
  return `## The simulator's own cost

(e) \`sim:instant\` answering one call, µs: *fresh* sends a new prompt every time (the prompt is read for its intent,
subject and facts, and the answer written from frames); *repeated* sends the same call again, as the shapes above and
retries do (the answer comes from the model's cache of recent answers). Alone: \`BENCH_ONLY=simulator pnpm bench\`.

| kind | fresh, µs per answer | repeated, µs per answer |
| --- | --- | --- |
${costs.map((cost) => `| ${cost.kind} | ${fmt(cost.freshUs)} | ${fmt(cost.repeatedUs)} |`).join('\n')}

`;
}

function renderStatistics(statistics: NonNullable<BenchReport['statistics']>): string {
  const rows = statistics.scenarios.map((scenario) => `| ${scenario.name} | ${scenario.trials.toLocaleString('en')} | ${fmt(scenario.ms, 0)} | ${scenario.firstCallMs.toFixed(0)} |`);
  return `
---

## Statistics (\`@tandem/stats\`)

Written by the same command (bench/statistics.ts), or alone with \`BENCH_ONLY=statistics pnpm bench\`, which keeps the
sections above as they were. Run: ${statistics.date}; load average ${statistics.loadAverage.toFixed(2)}.
Each figure is the median of ${statistics.repetitions} calls in ms with the min–max range, after one first call (JIT cold)
reported on its own. Data: deterministic synthetic experiments in the stored trial shape (\`createSyntheticTrials\`).
Target: analysis of 100,000 trials well under a second.

| scenario | trials or values | ms, median (min–max) | first call, ms |
| --- | --- | --- | --- |
${rows.join('\n')}

Every analysis includes per-arm summaries (mean, t-interval, median, p50/p95, Wilson), the paired t-test with the
Wilcoxon signed-rank check and a 2,000-resample bootstrap for each score comparison, exact McNemar for pass/fail,
Holm adjustment, power and the recommendation. Discrete scores (judge 1–10) are bootstrapped by drawing how often each
distinct difference is picked (a chain of binomials), so their cost does not grow with the rows; a continuous score is
resampled row by row, the slowest case, within a budget of 20 million draws per comparison (800 resamples at
25,000 rows; 2,000 up to 10,000 rows).
`;
}

function renderStudio(studio: StudioBench): string {
  const { before, after } = studio.bundle;
  return `
## Studio (in Chromium)

Written by the same command (bench/studio), or alone with \`BENCH_ONLY=studio pnpm bench\` (it needs \`pnpm build\` first). Debian's
Chromium 1440×900, the built studio served by the real server; medians of ${studio.repetitions} repetitions with the min–max range. Run: ${studio.date}, load average
${studio.loadAverage.toFixed(1)} on 2 shared cores (figures move with it: compare within one run).

| what | figure |
| --- | --- |
| time to interactive, ${studio.nodes}-node pipeline in the editor (navigation start → nodes shown and no long task left), ms | ${fmt(studio.timeToInteractiveMs, 0)} |
| frame interval while dragging a node, median, ms (16.7 = 60 fps) | ${fmt(studio.dragFrameMs.median)} |
| frame interval while dragging a node, 95th percentile, ms | ${fmt(studio.dragFrameMs.p95)} |

Bundle: before (commit ${before.commit}) one script of ${before.scriptKb.toFixed(0)} kB, ajv included. After: ${after.chunks} chunks, ${after.scriptKb.toFixed(0)} kB of
script without the layout engine (largest chunk ${after.largestKb.toFixed(0)} kB); opening the pipelines page fetches ${after.pipelinesPageKb.toFixed(0)} kB of script, then opening
the editor ${after.editorPageKb.toFixed(0)} kB more; ELK (${after.layoutEngineKb.toFixed(0)} kB) loads only when a layout is asked for. ajv is no longer in the bundle.
`;
}
