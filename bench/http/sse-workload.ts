/**
 * The SSE workload of the HTTP bench: streaming runs (`sim:writer`, 180 tokens at 60 per second), each
 * watched by one client of its own, and what they cost the server per run and per committed event.
 */
import { performance } from 'node:perf_hooks';
import { followRun, withConcurrency } from './load-client.ts';
import { createPipeline, oneStep, settle, startRun, type Client } from './bench-runs.ts';
import type { BenchProcess } from './server-under-test.ts';

/** The pipeline {@link measureStreamingRuns} starts. */
export const streamingPipelineId = 'bench-streaming';

export function createStreamingPipeline(client: Client): Promise<void> {
  return createPipeline(client, oneStep(streamingPipelineId, 'sim:writer?tps=60&ttft=50', 180));
}

/** What one batch of streaming runs cost the server. */
export interface StreamingRunsSample {
  runs: number;
  wallMs: number;
  /** When the last POST was answered (ms after the first was sent). */
  startedMs: number;
  /** Server CPU over the wall time, % of one core. */
  cpuPercent: number;
  cpuMsPerRun: number;
  /** The server's write system calls per run (socket writes and the database's file writes). */
  writeCallsPerRun: number;
  /** Events each run committed (read back from one finished run's stream). */
  eventsPerRun: number;
}

/** Counts the events of a finished run's stream (its replay). */
async function countEvents(baseUrl: string, runId: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/api/runs/${runId}/events`)).text();
  return text.split('\n').filter((line) => line.startsWith('id:')).length;
}

/**
 * Starts `runs` streaming runs (64 POSTs in flight) and, when `watch`, follows each one's stream on a
 * socket of its own once all are started (a run already past some events replays them first); waits until
 * the server is idle. The server CPU is read from /proc over the whole batch.
 */
export async function measureStreamingRuns(server: BenchProcess, client: Client, runs: number, watch: boolean): Promise<StreamingRunsSample> {
  const cpuBefore = server.cpuMs();
  const writesBefore = server.writeCalls();
  const started = performance.now();
  const ids: string[] = [];
  await withConcurrency(runs, 64, async (index) => void ids.push((await startRun(client, streamingPipelineId, `Describe lighthouse ${index}.`)).id));
  const startedMs = performance.now() - started;
  if (watch) await Promise.all(ids.map((runId) => followRun(server.baseUrl, runId, () => undefined)));
  await settle(client);
  const wallMs = performance.now() - started;
  const cpuMs = server.cpuMs() - cpuBefore;
  const writeCallsPerRun = (server.writeCalls() - writesBefore) / runs;
  return { runs, wallMs, startedMs, cpuPercent: (cpuMs / wallMs) * 100, cpuMsPerRun: cpuMs / runs, writeCallsPerRun, eventsPerRun: await countEvents(server.baseUrl, ids[0]!) };
}
