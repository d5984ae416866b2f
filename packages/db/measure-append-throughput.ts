/**
 * Measures event-store append throughput on a real temp file (WAL, synchronous=NORMAL):
 * `[RUNS=50] [BENCH_DIR=/tmp] npx tsx packages/db/measure-append-throughput.ts [totalEvents] [batchSize] [FULL]`.
 * Events look like a real trace: mostly `step.delta` tokens, with step.started/step.completed around them.
 * Each batch interleaves the events of RUNS runs (RUNS=1: every batch belongs to one run). Interleaving
 * many runs in one transaction dirties one `run_events` leaf page per run, so it costs more I/O.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '@tandem/shared';
import { createRepositories, openDatabase } from './src/index.ts';
import { samplePipeline } from './src/test-support.ts';

const totalEvents = Number(process.argv[2] ?? 500_000);
const batchSize = Number(process.argv[3] ?? 100);
const synchronous = process.argv[4] === 'FULL' ? 'FULL' : 'NORMAL';
const runCount = Number(process.env.RUNS ?? 50);

const directory = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'tandem-db-bench-'));
const database = openDatabase(join(directory, 'bench.db'), { synchronous });
const repositories = createRepositories(database);
repositories.pipelines.createPipeline(samplePipeline('bench'));
const lastSeq = new Map<string, number>();
for (let index = 0; index < runCount; index += 1) {
  repositories.runs.createRun({ id: `run-${index}`, pipelineId: 'bench', version: 1, inputs: {} });
  lastSeq.set(`run-${index}`, 0);
}

function nextEvent(counter: number): RunEvent {
  const runId = `run-${counter % runCount}`;
  const seq = (lastSeq.get(runId) ?? 0) + 1;
  lastSeq.set(runId, seq);
  const position = seq % 50;
  const nodeId = `node-${Math.floor(seq / 50)}`;
  if (position === 1) return { runId, seq, ts: Date.now(), type: 'step.started', nodeId, attempt: 1, data: { kind: 'llm' } };
  if (position === 0) {
    const output = { text: 'lorem ipsum '.repeat(20), usage: { inputTokens: 120, outputTokens: 48 } };
    return { runId, seq, ts: Date.now(), type: 'step.completed', nodeId, attempt: 1, data: { output, durationMs: 5 } };
  }
  return { runId, seq, ts: Date.now(), type: 'step.delta', nodeId, attempt: 1, data: { text: ` token${seq}` } };
}

const batches: RunEvent[][] = [];
for (let counter = 0; counter < totalEvents; counter += batchSize) {
  batches.push(Array.from({ length: Math.min(batchSize, totalEvents - counter) }, (_, index) => nextEvent(counter + index)));
}

const started = process.hrtime.bigint();
for (const batch of batches) repositories.events.append(batch);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  `${totalEvents} events, ${batchSize}/tx, synchronous=${synchronous}: ${seconds.toFixed(2)} s, ` +
    `${Math.round(totalEvents / seconds).toLocaleString('en')} events/s`,
);

const readStarted = process.hrtime.bigint();
let read = 0;
for (let index = 0; index < runCount; index += 1) read += repositories.events.readEvents(`run-${index}`).length;
const readSeconds = Number(process.hrtime.bigint() - readStarted) / 1e9;
console.log(`read back ${read} events in ${readSeconds.toFixed(2)} s`);
database.close();
const checkStarted = process.hrtime.bigint();
openDatabase(join(directory, 'bench.db')).close();
console.log(`reopen with quick_check: ${(Number(process.hrtime.bigint() - checkStarted) / 1e6).toFixed(0)} ms`);
rmSync(directory, { recursive: true, force: true });
