import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { foldRunState } from '@tandem/engine';
import type { RunEvent, RunEventData, RunEventType } from '@tandem/shared';
import { testEvent } from '@tandem/shared/testing';
import { nodeViews } from './index.ts';
import { iconOf } from './node-icons.ts';
import { handlesOf, nodeRegistry } from './node-registry.ts';

afterEach(cleanup);

let seq = 0;
const event = <Type extends RunEventType>(type: Type, nodeId: string, attempt: number, data: Partial<RunEventData<Type>> = {}): RunEvent =>
  testEvent(type, data, { runId: 'r', seq: ++seq, ts: seq, nodeId, attempt });

function stepOf(events: RunEvent[], nodeId: string) {
  return foldRunState([testEvent('run.started', {}, { runId: 'r', seq: 0.5, ts: 0 }), ...events]).steps[nodeId]!;
}

describe('node views registry', () => {
  it('gives branch nodes true/false handles and io nodes one side only', () => {
    expect(handlesOf('branch').sources).toEqual(['true', 'false']);
    expect(handlesOf('input').target).toBe(false);
    expect(handlesOf('output').sources).toEqual([]);
    expect(handlesOf('some-new-kind')).toEqual({ target: true, sources: [null] });
  });

  it('draws every registered kind with its own icon, and an unknown kind with the generic one', () => {
    const generic = iconOf('some-new-kind');
    for (const definition of nodeRegistry.list()) expect(iconOf(definition.kind), definition.kind).not.toBe(generic);
  });
});

describe('critique view', () => {
  it('shows each round and a word diff to the next draft', () => {
    seq = 0;
    const step = stepOf(
      [
        event('step.started', 'answer', 1),
        event('critique.round', 'answer', 1, { round: 1, draft: 'The sky is blue.', guidance: '1. Say why.' }),
        event('critique.round', 'answer', 1, { round: 2, draft: 'The sky is blue because of scattering.', guidance: '1. Name it.' }),
        event('step.completed', 'answer', 1, { output: { text: 'The sky is blue because of Rayleigh scattering.' } }),
      ],
      'answer',
    );
    const View = nodeViews.critique!.StepDetail!;
    render(<View step={step} node={{ id: 'answer', kind: 'critique', position: { x: 0, y: 0 }, config: {} }} />);
    const rounds = screen.getAllByTestId('critique-round');
    expect(rounds).toHaveLength(2);
    expect(within(rounds[0]!).getByText('1. Say why.')).toBeTruthy();
    const added = rounds[0]!.querySelectorAll('ins');
    expect([...added].map((node) => node.textContent).join('')).toContain('because of scattering');
    expect(within(rounds[1]!).getByText('Changes in the final answer')).toBeTruthy();
    expect([...rounds[1]!.querySelectorAll('ins')].map((node) => node.textContent).join('')).toContain('Rayleigh');
  });
});

describe('validate view', () => {
  it('lists every attempt with its checks, using the attempt from the event data', () => {
    seq = 0;
    const step = stepOf(
      [
        event('step.started', 'check', 1),
        event('validate.result', 'check', 1, { attempt: 1, valid: false, results: [{ type: 'jsonSchema', passed: false, reason: 'not JSON' }] }),
        event('validate.result', 'check', 1, { attempt: 2, valid: true, results: [{ type: 'jsonSchema', passed: true }] }),
      ],
      'check',
    );
    const View = nodeViews.validate!.StepDetail!;
    render(<View step={step} node={{ id: 'check', kind: 'validate', position: { x: 0, y: 0 }, config: { target: 'extract' } }} />);
    const attempts = screen.getAllByTestId('validate-attempt');
    expect(attempts.map((node) => node.querySelector('span')?.textContent)).toEqual(['Attempt 1', 'Attempt 2']);
    expect(within(attempts[0]!).getByText('not JSON')).toBeTruthy();
    expect(within(attempts[0]!).getByText('extract')).toBeTruthy();
  });
});

describe('variants view', () => {
  it('puts every variant side by side in "all" mode', () => {
    seq = 0;
    const step = stepOf(
      [
        event('step.started', 'ab', 1),
        event('variant.assigned', 'ab', 1, { variant: 'a', mode: 'all' }),
        event('variant.assigned', 'ab', 1, { variant: 'b', mode: 'all' }),
        event('step.completed', 'ab', 1, { output: { results: { a: { text: 'Answer A' }, b: { text: 'Answer B' } } } }),
      ],
      'ab',
    );
    const View = nodeViews.variants!.StepDetail!;
    render(<View step={step} node={undefined} />);
    const columns = screen.getAllByTestId('variant-column');
    expect(columns.map((column) => column.textContent)).toEqual([expect.stringContaining('Answer A'), expect.stringContaining('Answer B')]);
  });

  it('shows the assigned variant in "split" mode', () => {
    seq = 0;
    const step = stepOf(
      [event('step.started', 'ab', 1), event('variant.assigned', 'ab', 1, { variant: 'b', mode: 'split' }), event('step.completed', 'ab', 1, { output: { variant: 'b', text: 'Only B' } })],
      'ab',
    );
    const View = nodeViews.variants!.StepDetail!;
    render(<View step={step} node={undefined} />);
    expect(screen.getByTestId('variant-column').textContent).toContain('Only B');
    expect(screen.getByText('split')).toBeTruthy();
  });
});
