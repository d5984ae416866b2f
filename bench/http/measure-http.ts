/** `BENCH_ONLY=http`-style entry for a quick look: prints the HTTP figures without writing the report. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureHttp } from './http-bench.ts';

const directory = mkdtempSync(join(tmpdir(), 'tandem-http-bench-'));
try {
  console.log(JSON.stringify(await measureHttp(directory), null, 2));
} finally {
  rmSync(directory, { recursive: true, force: true });
}
