import { describe, expect, it } from 'vitest';
import { createRunAdmission } from './run-admission.ts';

/** A start function whose run ends when the test says so. */
function controllableRun(started: string[], runId: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { start: () => (started.push(runId), done), finish: () => finish() };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('run admission', () => {
  it('starts runs at once while the process is not saturated', () => {
    const admission = createRunAdmission({ minActive: 1, isSaturated: () => false });
    const started: string[] = [];
    for (const id of ['a', 'b', 'c']) admission.admit(id, controllableRun(started, id).start);
    expect(started).toEqual(['a', 'b', 'c']);
    expect(admission.active).toBe(3);
    expect(admission.queued).toBe(0);
    admission.close();
  });

  it('queues runs while saturated and starts them first come, first served as places free up', async () => {
    let saturated = true;
    const admission = createRunAdmission({ minActive: 1, isSaturated: () => saturated, drainEveryMs: 1000 });
    const started: string[] = [];
    const runs = Object.fromEntries(['a', 'b', 'c'].map((id) => [id, controllableRun(started, id)]));
    for (const id of ['a', 'b', 'c']) admission.admit(id, runs[id]!.start);
    expect(started).toEqual(['a']);
    expect(admission.queued).toBe(2);
    runs.a!.finish();
    await turn();
    // The place `a` held goes to `b`, the oldest waiting run, even though the process is still saturated.
    expect(started).toEqual(['a', 'b']);
    saturated = false;
    runs.b!.finish();
    await turn();
    expect(started).toEqual(['a', 'b', 'c']);
    expect(admission.queued).toBe(0);
    admission.close();
  });

  it('reconsiders the queue on its own once the process is no longer saturated', async () => {
    let saturated = true;
    const admission = createRunAdmission({ minActive: 0, isSaturated: () => saturated, drainEveryMs: 5 });
    const started: string[] = [];
    admission.admit('a', controllableRun(started, 'a').start);
    expect(started).toEqual([]);
    saturated = false;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(started).toEqual(['a']);
    admission.close();
  });

  it('never runs more than maxActive at once, and a withdrawn run never starts', async () => {
    const admission = createRunAdmission({ minActive: 0, maxActive: 2, isSaturated: () => false, drainEveryMs: 1000 });
    const started: string[] = [];
    const runs = Object.fromEntries(['a', 'b', 'c', 'd'].map((id) => [id, controllableRun(started, id)]));
    for (const id of ['a', 'b', 'c', 'd']) admission.admit(id, runs[id]!.start);
    expect(started).toEqual(['a', 'b']);
    expect(admission.withdraw('c')).toBe(true);
    expect(admission.withdraw('c')).toBe(false);
    runs.a!.finish();
    await turn();
    expect(started).toEqual(['a', 'b', 'd']);
    admission.close();
  });

  it('frees the place of a run that fails', async () => {
    const admission = createRunAdmission({ minActive: 0, maxActive: 1, isSaturated: () => false, drainEveryMs: 1000 });
    const started: string[] = [];
    admission.admit('a', () => (started.push('a'), Promise.reject(new Error('boom'))));
    admission.admit('b', controllableRun(started, 'b').start);
    await turn();
    expect(started).toEqual(['a', 'b']);
    admission.close();
  });
});
