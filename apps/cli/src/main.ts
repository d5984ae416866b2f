#!/usr/bin/env node
import { createProgram } from './program.ts';

// Exit codes: 0 done (eval: passed), 1 the run failed or was cancelled (eval: a regression beyond the threshold),
// 2 the command could not run, 3 the run waits for a person.
createProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`tandem: ${(error as Error).message}\n`);
    process.exitCode = 2;
  });
