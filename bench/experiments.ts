/**
 * The experiments part of `pnpm bench`: storing an experiment with every trial queued (one
 * transaction), taking trials from the queue with their runs (one transaction each), and recording
 * finished trials with their progress event. `BENCH_ONLY=experiments` measures only this.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRepositories, openDatabase } from '@tandem/db';
import type { PipelineDocument } from '@tandem/shared';
import type { ExperimentFigures, Stat } from './report.ts';


const stat = (values: number[]): Stat => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! };
};

export function measureExperiments(directory: string, document: PipelineDocument, repetitions: number): ExperimentFigures {
  const rows = 10_000;
  const arms = [{ id: 'A', label: 'A', version: 1, overrides: { s1: { model: 'sim:instant' } } }, { id: 'B', label: 'B', version: 1 }];
  const perRepetition = 1000;
  const create: number[] = [];
  const claim: number[] = [];
  const finish: number[] = [];
  for (let repetition = 0; repetition < repetitions; repetition++) {
    const database = openDatabase(join(directory, `experiments-${repetition}.db`));
    const repositories = createRepositories(database);
    repositories.pipelines.createPipeline(document);
    repositories.datasets.create('rows', { name: 'Rows', format: 'csv', columns: ['prompt'], rows: Array.from({ length: rows }, (_, index) => JSON.stringify({ prompt: `Question ${index}` })) });
    let started = performance.now();
    repositories.experiments.create({
      id: 'e', name: 'Bench', pipelineId: document.id, datasetId: 'rows', datasetVersion: 1, rowCount: rows, repeats: 1, concurrency: 32,
      armsSpec: { kind: 'variants', nodeId: 's1' }, arms, baseline: 'A', scorers: [], mapping: { inputs: { prompt: 'prompt' } },
    });
    create.push(performance.now() - started);
    const runIds: string[] = [];
    started = performance.now();
    for (let index = 0; index < perRepetition; index++) {
      const claimed = repositories.trials.claimNext('e', (trial) => ({ run: { id: `run-${index}`, pipelineId: document.id, version: 1, inputs: { prompt: `Question ${trial.row}` }, experimentId: 'e' } }));
      runIds.push(claimed!.trial.runId!);
    }
    claim.push(((performance.now() - started) * 1000) / perRepetition);
    started = performance.now();
    for (const runId of runIds) repositories.trials.finish(runId, { status: 'completed', metrics: { 'judge.score': 7, latencyMs: 420, costUsd: 0.001, inputTokens: 120, outputTokens: 200 }, costUsd: 0.001 });
    finish.push(((performance.now() - started) * 1000) / perRepetition);
    database.close();
  }
  return { rows, arms: arms.length, createMs: stat(create), claimUs: stat(claim), finishUs: stat(finish) };
}
