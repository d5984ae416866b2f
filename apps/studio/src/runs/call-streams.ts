import type { StepView } from '@tandem/engine';
import type { RunEvent } from '@tandem/shared';

/** A step whose `streamingText` holds only the model call in progress, with that call's role. */
export type LiveStepView = StepView & { streamingRole?: string };

interface CallStream {
  role: string;
  text: string;
}

/**
 * The text of the model call each running step is streaming now. The engine's fold appends every
 * `step.delta` of an attempt to one `streamingText`, so a critique's draft, guidance and refinement
 * (or two variants streaming at once) would run together. Here each role streams on its own until
 * its `llm.call` record; the oldest call still streaming is shown, so parallel calls do not flicker.
 */
export function currentCallStreams(events: readonly RunEvent[]): Map<string, CallStream> {
  const byNode = new Map<string, Map<string, string>>();
  for (const event of events) {
    if (!event.nodeId) continue;
    if (event.type === 'step.delta') {
      const role = typeof event.data.role === 'string' ? event.data.role : 'main';
      const roles = byNode.get(event.nodeId) ?? new Map<string, string>();
      roles.set(role, (roles.get(role) ?? '') + String(event.data.text ?? ''));
      byNode.set(event.nodeId, roles);
    } else if (event.type === 'llm.call' && typeof event.data.role === 'string') {
      byNode.get(event.nodeId)?.delete(event.data.role);
    } else if (event.type === 'llm.call' || event.type === 'step.started' || event.type === 'step.completed' || event.type === 'step.failed') {
      byNode.delete(event.nodeId);
    }
  }
  const streams = new Map<string, CallStream>();
  for (const [nodeId, roles] of byNode) {
    const first = roles.entries().next();
    if (!first.done) streams.set(nodeId, { role: first.value[0], text: first.value[1] });
  }
  return streams;
}

/** The run's steps with each running step's `streamingText` narrowed to its current call. */
export function withCurrentCalls(steps: Readonly<Record<string, StepView>>, events: readonly RunEvent[]): Record<string, LiveStepView> {
  const streams = currentCallStreams(events);
  const result: Record<string, LiveStepView> = {};
  for (const [nodeId, step] of Object.entries(steps)) {
    const stream = step.status === 'running' ? streams.get(nodeId) : undefined;
    result[nodeId] = stream ? { ...step, streamingText: stream.text, streamingRole: stream.role } : step.status === 'running' ? { ...step, streamingText: '' } : step;
  }
  return result;
}
