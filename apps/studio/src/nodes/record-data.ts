import type { RunEvent } from '@tandem/shared';

/** The `data` of every record of one type, in log order, with the event's `seq` and step attempt beside it. */
export function recordsOfType<Data>(records: readonly RunEvent[], type: string): (Data & { seq: number; stepAttempt?: number })[] {
  return records
    .filter((record) => record.type === type)
    .map((record) => ({ ...(record.data as Data), seq: record.seq, ...(record.attempt !== undefined ? { stepAttempt: record.attempt } : {}) }));
}

/** Text of a value that may be a string or anything else. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return JSON.stringify(value, null, 2);
}
