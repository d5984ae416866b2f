import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const sourceRoot = fileURLToPath(new URL('.', import.meta.url));
const forbidden = /from\s+['"](react|react-dom|hono|@hono\/[^'"]*|drizzle-orm[^'"]*|better-sqlite3|node:[^'"]*|@tandem\/(db|providers|server|studio))['"]/;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the engine', () => {
  it('imports no HTTP, database, React or node: modules, and no other app package', () => {
    const offenders = sourceFiles(sourceRoot)
      .map((path) => ({ path: relative(sourceRoot, path), match: forbidden.exec(readFileSync(path, 'utf8')) }))
      .filter((file) => file.match)
      .map((file) => `${file.path}: ${file.match![0]}`);
    expect(offenders).toEqual([]);
  });
});
