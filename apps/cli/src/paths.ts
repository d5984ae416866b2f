import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the command was typed: `pnpm tandem …` runs scripts from the repository root, so relative paths are read from INIT_CWD. */
export function fromWhereTyped(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** The absolute path of `value` when it names an existing file, else undefined (it is then an id). */
export function existingFile(value: string): string | undefined {
  const path = fromWhereTyped(value);
  return existsSync(path) ? path : undefined;
}
