import type { RunEvent } from '@tandem/shared';
import type { SqliteConnection } from '../client.ts';

/**
 * A model's answer is usually written again by the events that follow its `llm.call`: the step's output,
 * the next call's prompt (a critique's review and refinement quote the draft), a `critique.round`, the
 * output step and `run.completed`. The event store keeps each answer once, in its `llm.call` record, and
 * stores the later copies as references to it; reading a log restores them, so every reader gets the
 * events exactly as they were written.
 *
 * Stored forms (strings no JSON producer writes by accident: they start with a NUL character):
 * - `"\u0000call:<seq>"` in place of a string equal to the `output` of the run's `llm.call` event `seq`;
 * - `["\u0000join", part, …]` in place of a prompt or system text that quotes earlier answers: the parts,
 *   literal or references, joined;
 * - `{"\u0000raw": data}` for an event holding a string of its own that starts with a NUL character (rare:
 *   an input or an upstream answer could hold one): stored as written, without references, and read back
 *   without looking for any, so no string of a run is ever mistaken for a reference.
 */

const referencePrefix = '\u0000call:';
const referencePattern = /^\u0000call:\d+$/;
const joinHead = '\u0000join';
const rawKey = '\u0000raw';
/** How the JSON text of an event stored as written starts (event data is an object with the engine's keys). */
const rawTextHead = '{"\\u0000raw":';
/** JSON text that holds a reference contains this (the NUL character is escaped in JSON). */
const escapedReferencePrefix = '\\u0000call:';
/** Shorter strings are stored as they are: a reference would save little. */
export const minimumReferencedChars = 64;
/** Earlier answers of a run searched inside a prompt. */
const answersSearched = 8;
/** Runs whose answers are remembered; the oldest is forgotten beyond this (its later copies are stored in full). */
const runsRemembered = 20_000;
/** Answers remembered per run (the newest); copies of older ones are stored in full. */
const answersRemembered = 64;

interface RunAnswers {
  lastSeq: number;
  /** Answer text → seq of its `llm.call`, in seq order. */
  bySeq: Map<string, number>;
  /** The answers' lengths: a string of another length is no answer, without hashing it. */
  lengths: Set<number>;
}

/** The write side: remembers committed answers per run and replaces their later copies by references. */
export interface CallOutputCompactor {
  /** The data to store for `event` (the event's own `data` when nothing is referenced; never modified). */
  compact(event: RunEvent): unknown;
  /** The transaction holding the events compacted since the last call committed: their answers may be referenced. */
  committed(): void;
  /** The transaction was rolled back: forget what it added. */
  rolledBack(): void;
}

const compactors = new WeakMap<SqliteConnection, CallOutputCompactor>();

/**
 * The compactor of a connection, shared by every event store over it: whichever store appends a run's
 * events, the one that appends next knows where that run's log stands (a log that starts again at seq 1
 * under a reused id forgets the old answers).
 */
export function callOutputCompactorOf(sqlite: SqliteConnection): CallOutputCompactor {
  let compactor = compactors.get(sqlite);
  if (!compactor) compactors.set(sqlite, (compactor = createCallOutputCompactor()));
  return compactor;
}

/** Creates the write side of {@link CallOutputCompactor}. */
export function createCallOutputCompactor(): CallOutputCompactor {
  const runs = new Map<string, RunAnswers>();
  // What the open transaction added: answers become referable by other events of that same transaction
  // at once, and by later transactions only once it committed.
  const pendingRuns = new Map<string, RunAnswers>();
  const endedRuns = new Set<string>();

  return {
    compact(event) {
      if (holdsNulLedString(event.data)) return { [rawKey]: event.data };
      let working = pendingRuns.get(event.runId);
      if (!working || event.seq <= working.lastSeq) {
        const known = working ?? runs.get(event.runId);
        // A seq at or before the last one seen is a new log under a reused id: its old answers do not apply.
        const continues = known !== undefined && event.seq > known.lastSeq;
        working = { lastSeq: 0, bySeq: new Map(continues ? known.bySeq : undefined), lengths: new Set(continues ? known.lengths : undefined) };
        pendingRuns.set(event.runId, working);
      }
      working.lastSeq = event.seq;
      if (event.type === 'run.completed' || event.type === 'run.failed' || event.type === 'run.cancelled') endedRuns.add(event.runId);
      if (event.type === 'llm.call') {
        const data = working.bySeq.size > 0 ? compactPrompts(event.data, working.bySeq) : event.data;
        const output = event.data.output;
        if (typeof output === 'string' && output.length >= minimumReferencedChars && !working.bySeq.has(output)) {
          working.bySeq.set(output, event.seq);
          working.lengths.add(output.length);
          if (working.bySeq.size > answersRemembered) working.bySeq.delete(working.bySeq.keys().next().value!);
        }
        return data;
      }
      if (working.bySeq.size === 0 || event.type === 'step.delta' || event.type === 'step.started') return event.data;
      return replaceEqualStrings(event.data, working);
    },
    committed() {
      for (const [runId, answers] of pendingRuns) {
        runs.delete(runId);
        if (!endedRuns.has(runId)) runs.set(runId, answers);
      }
      while (runs.size > runsRemembered) runs.delete(runs.keys().next().value!);
      pendingRuns.clear();
      endedRuns.clear();
    },
    rolledBack() {
      pendingRuns.clear();
      endedRuns.clear();
    },
  };
}

/** The llm.call record with its prompt and system text split around earlier answers they quote. */
function compactPrompts(data: RunEvent['data'] & { prompt: string; system?: string }, answers: Map<string, number>): unknown {
  const recent = [...answers].slice(-answersSearched).sort((a, b) => b[0].length - a[0].length);
  const prompt = splitAroundAnswers(data.prompt, recent);
  const system = data.system === undefined ? undefined : splitAroundAnswers(data.system, recent);
  if (prompt === undefined && system === undefined) return data;
  return { ...data, ...(prompt ? { prompt } : {}), ...(system ? { system } : {}) };
}

/** `["\u0000join", …parts]` when `text` quotes one of `answers` (longest first), else undefined. */
function splitAroundAnswers(text: string, answers: readonly (readonly [string, number])[]): unknown[] | undefined {
  if (text.length < minimumReferencedChars) return undefined;
  // Literal parts are strings; a referenced answer is its seq (a number) until the parts are written out.
  let parts: (string | number)[] = [text];
  for (const [answer, seq] of answers) {
    if (answer.length > text.length) continue;
    const next: (string | number)[] = [];
    for (const part of parts) {
      if (typeof part !== 'string' || part.length < answer.length) {
        next.push(part);
        continue;
      }
      let from = 0;
      for (let at = part.indexOf(answer); at !== -1; at = part.indexOf(answer, from)) {
        if (at > from) next.push(part.slice(from, at));
        next.push(seq);
        from = at + answer.length;
      }
      if (from < part.length) next.push(from === 0 ? part : part.slice(from));
    }
    parts = next;
  }
  if (parts.length === 1 && typeof parts[0] === 'string') return undefined;
  return [joinHead, ...parts.map((part) => (typeof part === 'number' ? referencePrefix + part : part))];
}

/** `value` with every string equal to an answer replaced by its reference (copied only where changed). */
function replaceEqualStrings(value: unknown, answers: RunAnswers): unknown {
  if (typeof value === 'string') {
    if (!answers.lengths.has(value.length)) return value;
    const seq = answers.bySeq.get(value);
    return seq === undefined ? value : referencePrefix + seq;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const replaced = replaceEqualStrings(value[index], answers);
      if (replaced !== value[index]) (copy ??= [...value])[index] = replaced;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    const entry = (value as Record<string, unknown>)[key];
    const replaced = replaceEqualStrings(entry, answers);
    if (replaced !== entry) (copy ??= { ...(value as Record<string, unknown>) })[key] = replaced;
  }
  return copy ?? value;
}

/** True when `value` holds a string that starts with a NUL character (the stored forms' first character). */
function holdsNulLedString(value: unknown): boolean {
  if (typeof value === 'string') return value.charCodeAt(0) === 0;
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(holdsNulLedString);
  for (const key in value) if (holdsNulLedString((value as Record<string, unknown>)[key])) return true;
  return false;
}

/** True when stored JSON text holds a reference to an answer (and must be read with {@link restoreCallOutputs}). */
export function holdsCallOutputReference(text: string): boolean {
  return text.includes(escapedReferencePrefix) && !text.startsWith(rawTextHead);
}

/** The event data of stored JSON text parsed by `parse`: the data itself, or what an event stored as written holds. */
export function unwrapStoredAsWritten(parsed: unknown, text: string): unknown {
  return text.startsWith(rawTextHead) ? (parsed as Record<string, unknown>)[rawKey] : parsed;
}

/**
 * Parses stored JSON text that holds references: `outputOf(seq)` answers the `output` of the run's
 * `llm.call` event `seq`; `restoreString` restores any other stored form of a string (a blob).
 */
export function restoreCallOutputs(text: string, outputOf: (seq: number) => string, restoreString: (value: string) => string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === 'string') {
      return referencePattern.test(value) ? outputOf(Number(value.slice(referencePrefix.length))) : restoreString(value);
    }
    if (Array.isArray(value) && value[0] === joinHead) return value.slice(1).join('');
    return value;
  });
}
