/**
 * Test helpers: a real SQLite file in the OS temp directory, removed afterwards.
 * Not exported from the package entry point.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StudioError, type PipelineDocument, type RunEvent, type RunEventData, type RunEventType } from '@tandem/shared';
import { testEvent } from '@tandem/shared/testing';
import { openDatabase, type OpenDatabaseOptions, type TandemDatabase } from './client.ts';

/** A temporary database file and how to reopen and remove it. */
export interface TemporaryDatabase {
  database: TandemDatabase;
  /** The database file path. */
  path: string;
  /** Closes the current handle and opens the same file again. */
  reopen(): TandemDatabase;
  /** Closes the handle and deletes the directory holding the file. */
  cleanup(): void;
}

/** Opens a fresh database file under `os.tmpdir()` with a random name. */
export function openTemporaryDatabase(options?: OpenDatabaseOptions): TemporaryDatabase {
  const directory = mkdtempSync(join(tmpdir(), 'tandem-db-test-'));
  const path = join(directory, 'nested', 'tandem.db');
  const temporary: TemporaryDatabase = {
    database: openDatabase(path, options),
    path,
    reopen() {
      temporary.database.close();
      temporary.database = openDatabase(path, options);
      return temporary.database;
    },
    cleanup() {
      temporary.database.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
  return temporary;
}

/** A small valid pipeline document. */
export function samplePipeline(id = 'sample', name = 'Sample pipeline'): PipelineDocument {
  return {
    schema: 'tandem.pipeline/v1',
    id,
    name,
    inputs: { type: 'object', properties: { prompt: { type: 'string' } } },
    nodes: [
      { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
      { id: 'approve', kind: 'user', position: { x: 200, y: 0 }, config: { title: 'Approve?' } },
      { id: 'out', kind: 'output', position: { x: 400, y: 0 }, config: { value: '{{approve.value}}' } },
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'approve' },
      { id: 'e2', source: 'approve', target: 'out' },
    ],
  };
}

/** Builds events for one run with consecutive seqs starting after `afterSeq`. */
export function eventsFor(runId: string, afterSeq: number, entries: readonly TestEventEntry[]): RunEvent[] {
  return entries.map(({ type, data, ts, ...envelope }, index) =>
    testEvent(type, data, { ...envelope, runId, seq: afterSeq + index + 1, ts: ts ?? 1_000 + afterSeq + index }),
  );
}

/** An event for {@link eventsFor}: its data defaults to the smallest valid data of its type. */
export type TestEventEntry = {
  [Type in RunEventType]: { type: Type; data?: Partial<RunEventData<Type>>; nodeId?: string; attempt?: number; ts?: number };
}[RunEventType];

/** Runs an action that must throw a StudioError and answers it (test helper). */
export function studioErrorOf(action: () => unknown): StudioError {
  try {
    action();
  } catch (error) {
    if (StudioError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a StudioError');
}

/** Awaits an action that must reject with a StudioError and answers it (the asynchronous stores' contract suites). */
export async function studioRejectionOf(action: () => Promise<unknown>): Promise<StudioError> {
  try {
    await action();
  } catch (error) {
    if (StudioError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a StudioError');
}
