import { readFileSync } from 'node:fs';
import type { Store } from './open-store.ts';
import { existingFile } from './paths.ts';

/** Reads a JSON file, saying which file is not JSON. */
export function readJsonFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new Error(`${path} is not a JSON file: ${(error as Error).message}`);
  }
}

/** The first problem of a refused document, in the words the server uses, and how many more there are. */
export function describeRefusal(error: unknown): string {
  const problems = ((error as { details?: { problems?: { nodeId?: string; message: string }[] } }).details?.problems ?? []);
  const first = problems[0];
  if (!first) return (error as Error).message;
  return `${first.nodeId ? `${first.nodeId}: ` : ''}${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`;
}

/**
 * The stored pipeline a `file or id` argument names. A file is stored under its own id: created when
 * new, saved as the next version when it differs from the latest, reused when it is the same.
 */
export function pipelineFrom(store: Store, fileOrId: string): { pipelineId: string; stored: 'created' | 'new version' | 'unchanged' | 'by id' } {
  const { pipelines } = store.context;
  const path = existingFile(fileOrId);
  if (!path) {
    if (!pipelines.find(fileOrId)) throw new Error(`"${fileOrId}" is neither a file nor the id of a stored pipeline`);
    return { pipelineId: fileOrId, stored: 'by id' };
  }
  const { problems, plan } = pipelines.problemsOf(readJsonFile(path));
  if (!plan) throw Object.assign(new Error(`${path} has problems`), { details: { problems } });
  const document = plan.document;
  const existing = pipelines.find(document.id);
  if (!existing || existing.version === 0) {
    pipelines.create(document);
    return { pipelineId: document.id, stored: 'created' };
  }
  if (JSON.stringify(pipelines.check(existing.document).problems) === '[]' && sameDocument(existing.document, document)) return { pipelineId: document.id, stored: 'unchanged' };
  pipelines.saveVersion(document.id, document);
  return { pipelineId: document.id, stored: 'new version' };
}

function sameDocument(a: unknown, b: unknown): boolean {
  const { kinds: _a, ...left } = a as Record<string, unknown>;
  const { kinds: _b, ...right } = b as Record<string, unknown>;
  return JSON.stringify(left) === JSON.stringify(right);
}
