/** `npx tsx bench/http/measure-gateway.ts`: only the /v1 overhead against a bare Hono handler (quick iterations while profiling). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureGateway } from './http-bench.ts';
import { startTandem } from './server-under-test.ts';

const directory = mkdtempSync(join(tmpdir(), 'tandem-gateway-bench-'));
const server = await startTandem({ TANDEM_DB: `${directory}/gateway-bench.db` });
try {
  const report = await measureGateway(server, Number(process.env.BENCH_REQUESTS ?? 5000));
  console.log(`/v1 ${report.tandemPerSecond.toFixed(0)} req/s, bare Hono ${report.bareHonoPerSecond.toFixed(0)} req/s, ratio ${report.ratio.toFixed(2)}`);
} finally {
  await server.stop();
  rmSync(directory, { recursive: true, force: true });
}
