#!/usr/bin/env node
import { createProgram } from './program.ts';

// Exit codes: 0 passed, 1 a regression beyond the threshold, 2 the command could not run.
createProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`tandem: ${(error as Error).message}\n`);
    process.exitCode = 2;
  });
