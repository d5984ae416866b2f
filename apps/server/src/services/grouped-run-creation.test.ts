import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, openDatabase, type NewRun, type Repositories, type TandemDatabase } from '@tandem/db';
import { StudioError } from '@tandem/shared';
import { chainDocument } from '../testing/test-server.ts';
import { createGroupedRunCreation } from './grouped-run-creation.ts';

const newRun = (id: string, extra: Partial<NewRun> = {}): NewRun => ({ id, pipelineId: 'chain', version: 1, inputs: { topic: id }, ...extra });

describe('grouped run creation', () => {
  let directory: string;
  let database: TandemDatabase;
  let repositories: Repositories;
  /** A second connection to the same file: it sees only committed rows. */
  let reader: TandemDatabase;
  /** The size of each group the real `createRuns` committed. */
  let groups: number[];
  const createRuns = (runs: readonly NewRun[]) => {
    groups.push(runs.length);
    return repositories.runs.createRuns(runs);
  };
  const committed = (id: string) => createRepositories(reader).runs.get(id) !== undefined;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'tandem-grouped-runs-'));
    database = openDatabase(join(directory, 'tandem.db'));
    repositories = createRepositories(database);
    repositories.pipelines.createPipeline(chainDocument());
    reader = openDatabase(join(directory, 'tandem.db'), { quickCheck: false });
    groups = [];
  });
  afterEach(() => {
    reader.close();
    database.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('commits the runs asked for in one turn of the event loop together, and answers each after the commit', async () => {
    const creation = createGroupedRunCreation(createRuns);
    const seenCommitted: boolean[] = [];
    const answers = ['a', 'b', 'c'].map((id) => creation.create(newRun(id)).then((run) => (seenCommitted.push(committed(run.id)), run)));
    expect(creation.pending).toBe(3);
    expect(committed('a')).toBe(false);
    const runs = await Promise.all(answers);
    expect(runs.map((run) => [run.id, run.status])).toEqual([['a', 'queued'], ['b', 'queued'], ['c', 'queued']]);
    expect(groups).toEqual([3]);
    expect(seenCommitted).toEqual([true, true, true]);
    // A later turn starts a new group.
    await creation.create(newRun('d'));
    expect(groups).toEqual([3, 1]);
  });

  it('refuses only the run its checks refuse; the rest of its group is created', async () => {
    const creation = createGroupedRunCreation(createRuns);
    const results = await Promise.allSettled([
      creation.create(newRun('ok-1')),
      creation.create(newRun('bad', { version: 9 })),
      creation.create(newRun('ok-2', { parentRunId: 'ok-1', parentNodeId: 'n' })),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const refusal = (results[1] as PromiseRejectedResult).reason as unknown;
    expect(StudioError.is(refusal) && refusal.code).toBe('PIPELINE_NOT_FOUND');
    expect(groups).toEqual([3]);
    expect([committed('ok-1'), committed('bad'), committed('ok-2')]).toEqual([true, false, true]);
  });

  it('commits at once when a group is full', async () => {
    const creation = createGroupedRunCreation(createRuns, { maxGroup: 2 });
    const answers = ['a', 'b', 'c', 'd', 'e'].map((id) => creation.create(newRun(id)));
    // Two full groups were committed while the requests came in; the last one waits for the next turn.
    expect(groups).toEqual([2, 2]);
    expect(creation.pending).toBe(1);
    await Promise.all(answers);
    expect(groups).toEqual([2, 2, 1]);
  });

  it('rejects every run of a group whose commit fails, and creates none of them', async () => {
    const creation = createGroupedRunCreation(createRuns);
    const unstorable = { count: 1n } as unknown as Record<string, unknown>;
    const results = await Promise.allSettled([creation.create(newRun('a')), creation.create(newRun('b', { inputs: unstorable }))]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect([committed('a'), committed('b')]).toEqual([false, false]);
    // The next group is not affected.
    await expect(creation.create(newRun('c'))).resolves.toMatchObject({ id: 'c' });
  });
});
