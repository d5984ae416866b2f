import { Command } from 'commander';
import { registerEvalCommand } from './commands/eval.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerRunCommand } from './commands/run.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerWorkerCommand } from './commands/worker.ts';

/** The `tandem` command line: one file per command under `commands/`, each registering itself here. */
export function createProgram(): Command {
  const program = new Command('tandem').description('Tandem Studio from the command line').showHelpAfterError().exitOverride((error) => {
    // Help and version end normally; a usage error is exit code 2 like any other failure to run.
    process.exit(error.exitCode === 0 ? 0 : 2);
  });
  registerRunCommand(program);
  registerServeCommand(program);
  registerExportCommand(program);
  registerImportCommand(program);
  registerEvalCommand(program);
  registerWorkerCommand(program);
  return program;
}
