import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRunEvent, type RunEvent } from '@tandem/shared';
import { createFakeModels } from '../testing/fake-models.ts';
import { pipeline, runTestPipeline } from '../testing/run-pipeline.ts';
import { applyRunEvent, emptyRunState, type RunState } from './run-state.ts';
import { runMetricsOf } from './run-metrics.ts';
import { addToRunSummary, emptyRunSummary, foldRunSummary, runSummaryMetrics, stepKindOf, type RunSummary } from './run-summary.ts';

const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/run-logs-2026-11.json', import.meta.url), 'utf8')) as {
  logs: Record<string, { events: unknown[] }>;
};

/** Folds `events` both ways, one event at a time, and checks after each that the summary says what the full fold says. */
function expectSameAsFullFold(events: readonly RunEvent[]): { state: RunState; summary: RunSummary } {
  let state = emptyRunState();
  const summary = emptyRunSummary();
  for (const event of events) {
    state = applyRunEvent(state, event);
    const change = addToRunSummary(summary, event);
    expect({ status: summary.status, lastSeq: summary.lastSeq, startedAt: summary.startedAt, finishedAt: summary.finishedAt, error: summary.error }).toEqual({
      status: state.status,
      lastSeq: state.lastSeq,
      startedAt: state.startedAt,
      finishedAt: state.finishedAt,
      error: state.error,
    });
    expect(summary.outputs).toEqual(state.outputs);
    const step = event.nodeId ? state.steps[event.nodeId] : undefined;
    if (event.type === 'user.waiting') expect(change).toEqual({ type: 'request', nodeId: event.nodeId, request: step!.request });
    else if (event.type === 'user.submitted') expect(change).toEqual({ type: 'answer', nodeId: event.nodeId, answer: step!.answer });
    else expect(change).toBeUndefined();
    if (step) expect(stepKindOf(summary, step.nodeId)).toBe(step.kind);
    if (state.finishedAt !== undefined) expect(runSummaryMetrics(summary)).toEqual(runMetricsOf(state));
  }
  return { state, summary };
}

describe('a run summary', () => {
  it.each(Object.keys(fixture.logs))('says what the full fold says at every event of the stored %s log', (name) => {
    const events = fixture.logs[name]!.events.map((event) => parseRunEvent(event));
    expectSameAsFullFold(events);
  });

  it('reads the split variant, the validator, the judge, cost and tokens of an ended run as the full fold does', async () => {
    const document = pipeline(
      [
        { id: 'input', kind: 'input' },
        { id: 'ab', kind: 'variants', config: { mode: 'split', model: 'fake:writer', variants: [{ id: 'only', weight: 1, prompt: 'Say {{input.prompt}}' }] } },
        { id: 'check', kind: 'validate', config: { target: 'ab', checks: [{ type: 'contains', text: 'hello' }], maxRetries: 1, onFail: { type: 'default', value: 'x' } } },
        { id: 'grade', kind: 'judge', config: { model: 'fake:judge', subject: '{{ab.text}}', criteria: 'clarity' } },
        { id: 'out', kind: 'output', config: { value: '{{grade.score}}' } },
      ],
      [['input', 'ab'], ['ab', 'check'], ['ab', 'grade'], ['grade', 'out'], ['check', 'out']],
    );
    const models = createFakeModels({ writer: () => 'goodbye there', judge: () => 'Score: 7\nReason: fine' });
    const { outcome, events } = await runTestPipeline(document, { inputs: { prompt: 'hi' }, models: models.resolver });
    expect(outcome.status).toBe('completed');
    const { summary } = expectSameAsFullFold(events);
    const metrics = runSummaryMetrics(summary);
    expect(metrics.variants).toEqual({ ab: 'only' });
    expect(metrics.values).toMatchObject({ 'grade.score': 7, 'check.valid': false });
    expect(metrics.values.costUsd).toBeGreaterThan(0);
  });

  it('keeps the error and the end of a failed run, and gives no score for its failed judge', async () => {
    const document = pipeline(
      [
        { id: 'input', kind: 'input' },
        { id: 'grade', kind: 'judge', config: { model: 'fake:judge', subject: '{{input.prompt}}', criteria: 'clarity' } },
        { id: 'out', kind: 'output', config: { value: '{{grade.score}}' } },
      ],
      [['input', 'grade'], ['grade', 'out']],
    );
    const models = createFakeModels({ judge: () => 'no score here' });
    const { outcome, events } = await runTestPipeline(document, { inputs: { prompt: 'hi' }, models: models.resolver });
    expect(outcome.status).toBe('failed');
    const { summary } = expectSameAsFullFold(events);
    expect(summary.error?.code).toBe(outcome.error?.code);
    expect(runSummaryMetrics(summary).values['grade.score']).toBeUndefined();
  });

  it('ignores a replayed seq and folds a whole log at once to the same summary', () => {
    const events = fixture.logs.answered!.events.map((event) => parseRunEvent(event));
    const whole = foldRunSummary(events);
    const replayed = foldRunSummary([...events, events[3]!]);
    expect(replayed).toEqual(whole);
    expect(addToRunSummary(whole, events[0]!)).toBeUndefined();
    expect(whole.lastSeq).toBe(events.at(-1)!.seq);
  });
});
