import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExperimentView, RunEvent, RunView, TrialResult } from '@tandem/shared';
import { killHard, startServerProcess } from './testing/server-process.ts';
import { abDocument, questionsCsv } from './testing/experiment-fixtures.ts';

const directory = mkdtempSync(join(tmpdir(), 'tandem-experiment-durability-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('when the server is killed with SIGKILL in the middle of an experiment', () => {
  it('continues at the next start: every trial ends exactly once, none runs twice and none is lost', async () => {
    const env = { TANDEM_DB: join(directory, 'tandem.db'), TANDEM_STUDIO_DIST: join(directory, 'none') };
    const first = await startServerProcess(env);
    const call = async <T>(baseUrl: string, path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${baseUrl}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return (await response.json()) as T;
    };
    await call(first.baseUrl, '/api/pipelines', abDocument('ab', 'sim:writer?tps=150&ttft=40'));
    const dataset = await call<{ id: string }>(first.baseUrl, '/api/datasets', { name: 'Q', format: 'csv', content: questionsCsv(12) });
    const { id } = await call<{ id: string }>(first.baseUrl, '/api/experiments', { pipelineId: 'ab', datasetId: dataset.id, arms: { kind: 'variants', nodeId: 'variants' }, concurrency: 3 });

    let before: ExperimentView | undefined;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      before = await call<ExperimentView>(first.baseUrl, `/api/experiments/${id}`);
      if (before.progress.done >= 5) break;
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    await killHard(first.child);
    expect(before!.progress.done).toBeGreaterThanOrEqual(5);
    expect(before!.progress.done).toBeLessThan(24);

    const second = await startServerProcess(env);
    try {
      let after: ExperimentView | undefined;
      for (const deadline = Date.now() + 90_000; Date.now() < deadline; ) {
        after = await call<ExperimentView>(second.baseUrl, `/api/experiments/${id}`);
        if (after.status !== 'running') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(after).toMatchObject({ status: 'completed', progress: { done: 24, failed: 0, total: 24, running: 0, queued: 0 } });
      const { trials } = await call<{ trials: TrialResult[] }>(second.baseUrl, `/api/experiments/${id}/results`);
      expect(new Set(trials.map((trial) => `${trial.row}/${trial.arm}/${trial.repeat}`)).size).toBe(24);
      expect(new Set(trials.map((trial) => trial.runId)).size).toBe(24);
      // No trial got a second run: the experiment's runs are exactly its trials' runs.
      const { runs } = await call<{ runs: RunView[] }>(second.baseUrl, '/api/runs?pipelineId=ab&limit=500');
      const experimentRuns = runs.filter((run) => run.experimentId === id);
      expect(experimentRuns.map((run) => run.id).sort()).toEqual(trials.map((trial) => trial.runId).sort());
      for (const run of experimentRuns) {
        expect(run.status).toBe('completed');
        const { events } = await call<{ events: RunEvent[] }>(second.baseUrl, `/api/runs/${run.id}/trace`);
        expect(events.filter((event) => event.type === 'run.completed')).toHaveLength(1);
        for (const node of ['variants', 'judge', 'out']) expect(events.filter((event) => event.type === 'step.completed' && event.nodeId === node)).toHaveLength(1);
      }
      expect(second.output()).toContain('Continued 1 experiment');
    } finally {
      await killHard(second.child);
    }
  }, 180_000);
});
