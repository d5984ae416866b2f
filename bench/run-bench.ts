/**
 * `pnpm bench`: engine overhead per LLM step (events in memory, then persisted
 * to SQLite through the real store), store throughput, and heap growth per
 * 1,000 runs. Medians of several repetitions in one process; results go to
 * docs/benchmarks.md and bench/results/latest.json. `BENCH_ONLY=statistics` (or `experiments`, `http`, `scale-out`) measures only the
 * statistics package (or the experiment queue) and keeps the other figures of the last report.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtInNodes, checkPipeline, createNodeRegistry, executePipeline, type PipelinePlan } from '@tandem/engine';
import { createBatchingWriter, createRepositories, openDatabase } from '@tandem/db';
import type { RunEvent } from '@tandem/shared';
import { createProviderRegistry, createSimProvider } from '@tandem/providers';
import { shapes } from './shapes.ts';
import { renderReport, type BenchReport, type Stat } from './report.ts';
import { measureSimAnswers } from './sim-answers.ts';
import { measureStatistics } from './statistics.ts';
import { measureExperiments } from './experiments.ts';
import { measureHttp } from './http/http-bench.ts';
import { measureScaleOut } from './scale-out.ts';
import { createRunProjector } from '../apps/server/src/services/run-projector.ts';
import { measureStudio } from './studio/studio-bench.ts';

const repetitions = Number(process.env.BENCH_REPETITIONS ?? 7);
const runsPerRepetition = Number(process.env.BENCH_RUNS ?? 1000);
const registry = createNodeRegistry(builtInNodes);
// The built-in simulator in instant mode: no timers, so the figures are the engine's own cost.
const models = createProviderRegistry({ providers: { sim: createSimProvider() } });

function stat(values: number[]): Stat {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! };
}

function plan(document: (typeof shapes)[number]['document']): PipelinePlan {
  const check = checkPipeline(document, registry);
  if (!check.ok) throw new Error(`${document.id}: ${JSON.stringify(check.problems)}`);
  return check.plan;
}

let runCounter = 0;
async function runMany(pipeline: PipelinePlan, count: number, onEvent: (event: RunEvent) => void, beforeRun?: (runId: string) => void) {
  for (let index = 0; index < count; index++) {
    const runId = `bench-${++runCounter}`;
    beforeRun?.(runId);
    const outcome = await executePipeline({ runId, plan: pipeline, inputs: { prompt: 'Benchmark' }, models, onEvent });
    if (outcome.status !== 'completed') throw new Error(`run ${runId} ${outcome.status}: ${outcome.error?.message}`);
  }
}

async function measureInMemory(pipeline: PipelinePlan, llmCalls: number): Promise<{ perStep: Stat; eventsPerRun: number; bytesPerRun: number }> {
  let events = 0;
  const sink = () => void events++;
  let bytes = 0;
  await runMany(pipeline, 1, (event) => void (bytes += JSON.stringify(event.data).length));
  await runMany(pipeline, 200, sink);
  const samples: number[] = [];
  for (let rep = 0; rep < repetitions; rep++) {
    events = 0;
    const started = performance.now();
    await runMany(pipeline, runsPerRepetition, sink);
    samples.push(((performance.now() - started) * 1000) / (runsPerRepetition * llmCalls));
  }
  return { perStep: stat(samples), eventsPerRun: events / runsPerRepetition, bytesPerRun: bytes };
}

async function measurePersisted(pipeline: PipelinePlan, llmCalls: number, directory: string): Promise<{ perStep: Stat; runCreationUs: Stat }> {
  const database = openDatabase(join(directory, `${pipeline.document.id}.db`));
  const repositories = createRepositories(database);
  repositories.pipelines.createPipeline(pipeline.document);
  // As the server writes: the run projector folds each batch into the run row's status, outputs and metrics.
  const projector = createRunProjector((runId, beforeSeq) => repositories.events.readEvents(runId, 0, beforeSeq - 1));
  const writer = createBatchingWriter(repositories.events, { maxBatch: 256, flushAfterMs: 5, project: (events) => projector.project(events) });
  writer.onFlushed((events) => projector.release(events));
  const write = (event: RunEvent) => writer.write(event);
  // Run rows are created before each timed repetition (one transaction each, as POST /api/runs does)
  // and timed on their own: (b) is the cost of executing and persisting every event.
  const createRuns = (count: number) => {
    const ids: string[] = [];
    const started = performance.now();
    for (let index = 0; index < count; index++) {
      const runId = `bench-${++runCounter}`;
      repositories.runs.createRun({ id: runId, pipelineId: pipeline.document.id, version: 1, inputs: { prompt: 'Benchmark' } });
      ids.push(runId);
    }
    return { ids, microsecondsPerRun: ((performance.now() - started) * 1000) / count };
  };
  const execute = async (ids: string[]) => {
    for (const runId of ids) {
      const outcome = await executePipeline({ runId, plan: pipeline, inputs: { prompt: 'Benchmark' }, models, onEvent: write });
      if (outcome.status !== 'completed') throw new Error(`run ${runId} ${outcome.status}: ${outcome.error?.message}`);
    }
    await writer.flush();
  };
  await execute(createRuns(200).ids);
  const samples: number[] = [];
  const creation: number[] = [];
  for (let rep = 0; rep < repetitions; rep++) {
    const { ids, microsecondsPerRun } = createRuns(runsPerRepetition);
    creation.push(microsecondsPerRun);
    const started = performance.now();
    await execute(ids);
    samples.push(((performance.now() - started) * 1000) / (runsPerRepetition * llmCalls));
  }
  writer.close();
  database.close();
  return { perStep: stat(samples), runCreationUs: stat(creation) };
}

/**
 * The floor under (b): the rows the store writes for a run (each model answer once, ADR 47), inserted by a bare
 * prepared statement into a table of the same shape (clustered by run and seq), 256 per transaction: no engine,
 * no checks, no projections. Also answers how many bytes of event data the store writes per run.
 */
async function measureSqliteFloor(pipeline: PipelinePlan, llmCalls: number, directory: string): Promise<{ perStep: Stat; storedBytesPerRun: number }> {
  const events: RunEvent[] = [];
  await runMany(pipeline, 1, (event) => void events.push(event));
  const database = openDatabase(join(directory, `${pipeline.document.id}-floor.db`));
  // One run written through the real store gives the rows as stored.
  const repositories = createRepositories(database);
  repositories.pipelines.createPipeline(pipeline.document);
  repositories.runs.createRun({ id: 'floor-source', pipelineId: pipeline.document.id, version: 1, inputs: { prompt: 'Benchmark' } });
  repositories.events.append(events.map((event) => ({ ...event, runId: 'floor-source' })));
  type StoredRow = { seq: number; ts: number; type: string; node_id: string | null; attempt: number | null; data: string };
  const stored = database.sqlite.prepare<[], StoredRow>(`SELECT seq, ts, type, node_id, attempt, data FROM run_events WHERE run_id = 'floor-source' ORDER BY seq`).all();
  database.sqlite.exec(`CREATE TABLE floor_events (run_id TEXT NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL, type TEXT NOT NULL,
    node_id TEXT, attempt INTEGER, data TEXT NOT NULL, PRIMARY KEY (run_id, seq)) WITHOUT ROWID`);
  const insert = database.sqlite.prepare<[string, number, number, string, string | null, number | null, string]>('INSERT INTO floor_events VALUES (?, ?, ?, ?, ?, ?, ?)');
  type Row = [string, number, number, string, string | null, number | null, string];
  const insertBatch = database.sqlite.transaction((rows: readonly Row[]) => {
    for (const row of rows) insert.run(...row);
  });
  // The rows of `count` runs, prepared before timing; then written 256 per transaction, as the writer batches.
  const rowsOf = (count: number): Row[] => {
    const rows: Row[] = [];
    for (let index = 0; index < count; index++) {
      const runId = `floor-${++runCounter}`;
      for (const row of stored) rows.push([runId, row.seq, row.ts, row.type, row.node_id, row.attempt, row.data]);
    }
    return rows;
  };
  const write = (rows: readonly Row[]) => {
    for (let offset = 0; offset < rows.length; offset += 256) insertBatch(rows.slice(offset, offset + 256));
  };
  write(rowsOf(200));
  const samples: number[] = [];
  for (let rep = 0; rep < repetitions; rep++) {
    const rows = rowsOf(runsPerRepetition);
    const started = performance.now();
    write(rows);
    samples.push(((performance.now() - started) * 1000) / (runsPerRepetition * llmCalls));
  }
  database.close();
  return { perStep: stat(samples), storedBytesPerRun: stored.reduce((sum, row) => sum + row.data.length, 0) };
}

function measureStoreThroughput(directory: string): Stat {
  const database = openDatabase(join(directory, 'throughput.db'));
  const repositories = createRepositories(database);
  repositories.pipelines.createPipeline(shapes[0]!.document);
  const batch = 100;
  const perRun = 1000;
  const samples: number[] = [];
  for (let rep = 0; rep < repetitions; rep++) {
    const runId = `throughput-${rep}`;
    repositories.runs.createRun({ id: runId, pipelineId: shapes[0]!.document.id, version: 1, inputs: {} });
    const events: RunEvent[] = [];
    for (let seq = 1; seq <= perRun * 20; seq++) {
      events.push({ runId, seq, ts: Date.now(), type: 'step.delta', nodeId: 's1', attempt: 1, data: { role: 'main', text: 'a few streamed tokens' } });
    }
    const started = performance.now();
    for (let offset = 0; offset < events.length; offset += batch) repositories.events.append(events.slice(offset, offset + batch));
    samples.push(events.length / ((performance.now() - started) / 1000));
  }
  database.close();
  return stat(samples);
}

async function measureHeap(pipeline: PipelinePlan): Promise<{ perThousandRunsKb: number; samplesMb: number[] }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (pnpm bench does)');
  const sink = () => undefined;
  const samples: number[] = [];
  for (let round = 0; round < 6; round++) {
    await runMany(pipeline, 1000, sink);
    gc();
    gc();
    samples.push(process.memoryUsage().heapUsed);
  }
  const settled = samples.slice(1);
  const slope = (settled.at(-1)! - settled[0]!) / (settled.length - 1);
  return { perThousandRunsKb: slope / 1024, samplesMb: samples.map((bytes) => Math.round((bytes / 1048576) * 10) / 10) };
}

function measureStatisticsSection(): NonNullable<BenchReport['statistics']> {
  const scenarios = measureStatistics(repetitions);
  for (const scenario of scenarios) console.log(`statistics: ${scenario.name}: ${scenario.ms.median.toFixed(0)} ms (first call ${scenario.firstCallMs.toFixed(0)} ms)`);
  return { date: new Date().toISOString(), repetitions, loadAverage: loadavg()[0]!, scenarios };
}

async function measureSimulatorSection(): Promise<NonNullable<BenchReport['simAnswers']>> {
  const costs = await measureSimAnswers(repetitions, 2000);
  for (const cost of costs) console.log(`sim ${cost.kind}: ${cost.freshUs.median.toFixed(1)} µs fresh, ${cost.repeatedUs.median.toFixed(1)} µs repeated`);
  return costs;
}

const root = new URL('..', import.meta.url);
function writeReport(report: BenchReport): void {
  writeFileSync(new URL('bench/results/latest.json', root), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(new URL('docs/benchmarks.md', root), renderReport(report));
}

function measureExperimentsSection(directory: string): NonNullable<BenchReport['experiments']> {
  const figures = measureExperiments(directory, shapes[0]!.document, repetitions);
  console.log(`experiments: ${figures.createMs.median.toFixed(0)} ms to queue ${figures.rows * figures.arms} trials; ${figures.claimUs.median.toFixed(0)} µs per claim; ${figures.finishUs.median.toFixed(0)} µs per finish`);
  return { date: new Date().toISOString(), repetitions, loadAverage: loadavg()[0]!, figures };
}

async function measureHttpSection(directory: string, previous: BenchReport['http']): Promise<NonNullable<BenchReport['http']>> {
  const after = await measureHttp(directory);
  // BENCH_HTTP_KEEP_BEFORE=1 keeps the last "after" as the "before" column (measure, change, measure again).
  const before = process.env.BENCH_HTTP_KEEP_BEFORE ? previous?.after : previous?.before;
  return { date: new Date().toISOString(), loadAverage: loadavg()[0]!, after, ...(before ? { before } : {}) };
}

const readPrevious = () => JSON.parse(readFileSync(new URL('bench/results/latest.json', root), 'utf8')) as BenchReport;

if (process.env.BENCH_ONLY === 'experiments') {
  const directory = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  try {
    writeReport({ ...readPrevious(), experiments: measureExperimentsSection(directory) });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
} else if (process.env.BENCH_ONLY === 'statistics') {
  const previous = readPrevious();
  writeReport({ ...previous, statistics: measureStatisticsSection() });
} else if (process.env.BENCH_ONLY === 'simulator') {
  writeReport({ ...readPrevious(), simAnswers: await measureSimulatorSection() });
} else if (process.env.BENCH_ONLY === 'scale-out') {
  const previous = readPrevious();
  const scaleOut = await measureScaleOut();
  writeReport(scaleOut ? { ...previous, scaleOut } : previous);
} else if (process.env.BENCH_ONLY === 'studio') {
  const studio = await measureStudio();
  console.log(`studio: time to interactive ${studio.timeToInteractiveMs.median.toFixed(0)} ms, drag frames ${studio.dragFrameMs.median.median.toFixed(1)} ms (p95 ${studio.dragFrameMs.p95.median.toFixed(1)} ms)`);
  writeReport({ ...readPrevious(), studio });
} else if (process.env.BENCH_ONLY === 'http') {
  const previous = readPrevious();
  const directory = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  try {
    writeReport({ ...previous, http: await measureHttpSection(directory, previous.http) });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
} else {
  const directory = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  try {
    const report = await measureEngineSection(directory);
    if (process.env.BENCH_ONLY === 'engine') {
      const previous = readPrevious();
      writeReport({ ...previous, ...report });
    } else {
      report.simAnswers = await measureSimulatorSection();
      report.statistics = measureStatisticsSection();
      report.experiments = measureExperimentsSection(directory);
      report.http = await measureHttpSection(directory, readPrevious().http);
      const scaleOut = (await measureScaleOut()) ?? readPrevious().scaleOut;
      if (scaleOut) report.scaleOut = scaleOut;
      writeReport(report);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The engine's own figures: overhead per LLM step in memory and persisted, store throughput, heap growth. */
async function measureEngineSection(directory: string): Promise<BenchReport> {
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform, loadAverage: loadavg()[0]! },
    settings: { repetitions, runsPerRepetition },
    shapes: [],
    storeEventsPerSecond: measureStoreThroughput(directory),
    heap: await measureHeap(plan(shapes[0]!.document)),
  };
  for (const shape of shapes) {
    const pipeline = plan(shape.document);
    const memory = await measureInMemory(pipeline, shape.llmCalls);
    const persisted = await measurePersisted(pipeline, shape.llmCalls, directory);
    const floor = await measureSqliteFloor(pipeline, shape.llmCalls, directory);
    report.shapes.push({
      name: shape.name,
      llmCalls: shape.llmCalls,
      eventsPerRun: memory.eventsPerRun,
      traceBytesPerRun: memory.bytesPerRun,
      storedBytesPerRun: floor.storedBytesPerRun,
      inMemoryUsPerStep: memory.perStep,
      persistedUsPerStep: persisted.perStep,
      persistedRatio: persisted.perStep.median / memory.perStep.median,
      runCreationUs: persisted.runCreationUs,
      sqliteFloorUsPerStep: floor.perStep,
    });
    console.log(`${shape.name}: ${memory.perStep.median.toFixed(1)} µs/step in memory, ${persisted.perStep.median.toFixed(1)} µs/step persisted, ${floor.perStep.median.toFixed(1)} µs/step bare inserts, run row ${persisted.runCreationUs.median.toFixed(0)} µs`);
  }
  console.log(`store: ${Math.round(report.storeEventsPerSecond.median).toLocaleString('en')} events/s; heap: ${report.heap.perThousandRunsKb.toFixed(1)} KB per 1,000 runs`);
  return report;
}
