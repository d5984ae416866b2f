import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../index.ts';
import { eventsFor, openTemporaryDatabase, samplePipeline, studioErrorOf, type TemporaryDatabase } from '../test-support.ts';

describe('feedback and run results', () => {
  let temporary: TemporaryDatabase;
  let repositories: Repositories;
  beforeEach(() => {
    temporary = openTemporaryDatabase();
    repositories = createRepositories(temporary.database);
    repositories.pipelines.createPipeline(samplePipeline('p'));
  });
  afterEach(() => temporary.cleanup());

  const finishedRun = (id: string, variant: string, experimentId?: string) => {
    repositories.runs.createRun({ id, pipelineId: 'p', version: 1, inputs: {}, ...(experimentId ? { experimentId } : {}) });
    repositories.events.append(eventsFor(id, 0, [{ type: 'run.started' }, { type: 'run.completed' }]), [
      { runId: id, status: 'completed', outputs: {}, finishedAt: 2, metrics: { values: { latencyMs: 5 }, variants: { ab: variant } } },
    ]);
  };

  it('keeps every entry and reads the latest score and thumbs separately', () => {
    finishedRun('r1', 'A');
    repositories.feedback.add('r1', { score: 3 });
    repositories.feedback.add('r1', { thumbs: 'up' });
    repositories.feedback.add('r1', { comment: 'nice' });
    expect(repositories.feedback.list('r1').map((entry) => [entry.score, entry.thumbs, entry.comment])).toEqual([[3, undefined, undefined], [undefined, 'up', undefined], [undefined, undefined, 'nice']]);
    expect(repositories.feedback.runResults('p')).toEqual([expect.objectContaining({ runId: 'r1', feedback: { score: 3, thumbs: 'up' }, metrics: { values: { latencyMs: 5 }, variants: { ab: 'A' } } })]);
    expect(studioErrorOf(() => repositories.feedback.add('nope', { score: 1 })).code).toBe('RUN_NOT_FOUND');
  });

  it('lists live runs only: trials of experiments are not live traffic', () => {
    finishedRun('live', 'A');
    finishedRun('trial', 'B', 'e9');
    repositories.runs.createRun({ id: 'unfinished', pipelineId: 'p', version: 1, inputs: {} });
    expect(repositories.feedback.runResults('p').map((result) => result.runId)).toEqual(['live']);
    repositories.feedback.add('trial', { thumbs: 'down' });
    expect(repositories.feedback.latestForExperiment('e9')).toEqual(new Map([['trial', { thumbs: 'down' }]]));
  });
});
