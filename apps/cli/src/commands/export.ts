import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { openStore } from '../open-store.ts';
import { fromWhereTyped } from '../paths.ts';

/** `tandem export`: a stored pipeline version as a git-friendly file. */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('Write a stored pipeline (the current document format, stable key order) to stdout or a file')
    .argument('<id>', 'the pipeline id')
    .option('--version <n>', 'the version (default: the latest)')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .option('--db <file>', 'the SQLite database (default: TANDEM_DB, else ./data/tandem.db)')
    .action((id: string, options: { version?: string; out?: string; db?: string }) => {
      const store = openStore(options.db);
      try {
        const version = options.version === undefined ? undefined : Number(options.version);
        if (version !== undefined && (!Number.isInteger(version) || version < 1)) throw new Error(`--version must be a positive whole number, got "${options.version}"`);
        const { view, text } = store.context.pipelines.exportText(id, version);
        if (options.out) {
          writeFileSync(fromWhereTyped(options.out), text);
          process.stderr.write(`Wrote ${view.id} v${view.version} to ${options.out}\n`);
        } else process.stdout.write(text);
      } finally {
        store.close();
      }
    });
}
