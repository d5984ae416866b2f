import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const sourceRoot = fileURLToPath(new URL('.', import.meta.url));
// Statistics run in the browser too: no Node built-ins, no HTTP, database or UI, no other app package.
const forbidden = /from\s+['"](react|react-dom|hono|@hono\/[^'"]*|drizzle-orm[^'"]*|better-sqlite3|node:[^'"]*|fs|path|@tandem\/(db|providers|server|studio|engine))['"]/;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the statistics package', () => {
  it('imports no Node built-ins, HTTP, database or React modules, and no other app package', () => {
    const offenders = sourceFiles(sourceRoot)
      .map((path) => ({ path: relative(sourceRoot, path), match: forbidden.exec(readFileSync(path, 'utf8')) }))
      .filter((file) => file.match)
      .map((file) => `${file.path}: ${file.match![0]}`);
    expect(offenders).toEqual([]);
  });

  it('keeps its modules under 300 lines', () => {
    const long = sourceFiles(sourceRoot)
      .map((path) => ({ path: relative(sourceRoot, path), lines: readFileSync(path, 'utf8').split('\n').length }))
      .filter((file) => file.lines > 300);
    expect(long).toEqual([]);
  });
});
