import type { Command } from 'commander';
import { openStore } from '../open-store.ts';
import { describeRefusal, readJsonFile } from '../pipeline-source.ts';
import { fromWhereTyped } from '../paths.ts';

/** `tandem import`: stores a pipeline file (of any document version) as a new pipeline. */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Store a pipeline file as a new pipeline (under a free id when its own is taken)')
    .argument('<file>', 'a pipeline document (.json)')
    .option('--db <file>', 'the SQLite database (default: TANDEM_DB, else ./data/tandem.db)')
    .action((file: string, options: { db?: string }) => {
      const store = openStore(options.db);
      try {
        const path = fromWhereTyped(file);
        let saved;
        try {
          saved = store.context.pipelines.import(readJsonFile(path));
        } catch (error) {
          throw new Error(`${file}: ${describeRefusal(error)}`);
        }
        process.stdout.write(`${saved.id}\n`);
        process.stderr.write(`Imported ${file} as ${saved.id} (version ${saved.version})\n`);
      } finally {
        store.close();
      }
    });
}
