import { runEventSchema, type RunEvent } from '@tandem/shared';

/**
 * Checks a run event arriving from the server (SSE or trace) against the event contract. A page built
 * for another version of the server says so in words, naming the field, instead of drawing nonsense.
 */
export function readRunEvent(value: unknown): RunEvent {
  const parsed = runEventSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? `${issue.path.join('.') || 'event'}: ${issue.message}` : 'not an event';
  const seq = typeof value === 'object' && value !== null && 'seq' in value ? ` ${String(value.seq)}` : '';
  throw new Error(`The server sent run event${seq} in a shape this page cannot read (${where}). Reload the page to get the studio that matches the server.`);
}
