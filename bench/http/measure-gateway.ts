/** `npx tsx bench/http/measure-gateway.ts`: only the /v1 overhead against a bare Hono handler (quick iterations while profiling). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureGateway } from './http-bench.ts';
import { createLoadClient } from './load-client.ts';
import { startTandem } from './server-under-test.ts';

const directory = mkdtempSync(join(tmpdir(), 'tandem-gateway-bench-'));
const server = await startTandem({ TANDEM_DB: `${directory}/gateway-bench.db`, ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}) });
const client = createLoadClient(server.baseUrl);
try {
  const report = await measureGateway(client, Number(process.env.BENCH_REQUESTS ?? 3000));
  console.log(`/v1 ${report.tandemPerSecond.toFixed(0)} req/s, bare Hono ${report.bareHonoPerSecond.toFixed(0)} req/s, ratio ${report.ratio.toFixed(2)}`);
} finally {
  client.close();
  await server.stop();
  rmSync(directory, { recursive: true, force: true });
}
