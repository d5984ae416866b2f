import { Command } from 'commander';
import { registerEvalCommand } from './commands/eval.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerWorkerCommand } from './commands/worker.ts';

/** The `tandem` command line: one file per command under `commands/`, each registering itself here. */
export function createProgram(): Command {
  const program = new Command('tandem').description('Tandem Studio from the command line').showHelpAfterError().exitOverride((error) => {
    // Help and version end normally; a usage error is exit code 2 like any other failure to run.
    process.exit(error.exitCode === 0 ? 0 : 2);
  });
  registerEvalCommand(program);
  registerServeCommand(program);
  registerWorkerCommand(program);
  return program;
}
