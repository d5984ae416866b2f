import { recordsOf, type StepRecord, type StepView } from '@tandem/engine';
import type { RunEventData } from '@tandem/shared';

/** The `data` of a step's records of one type, in log order, with the event's `seq` and step attempt beside it. */
export function recordsOfType<Type extends StepRecord['type']>(step: StepView, type: Type): (RunEventData<Type> & { seq: number; stepAttempt?: number })[] {
  return recordsOf(step, type).map((record) => ({ ...record.data, seq: record.seq, ...(record.attempt !== undefined ? { stepAttempt: record.attempt } : {}) }));
}

/** Text of a value that may be a string or anything else. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return JSON.stringify(value, null, 2);
}
