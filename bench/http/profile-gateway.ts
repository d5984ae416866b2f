/** `npx tsx bench/http/profile-gateway.ts <dir>`: a CPU profile (`node --cpu-prof`) of the server answering /v1 requests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blast } from './load-client.ts';
import { startTandem } from './server-under-test.ts';

const profileDirectory = process.argv[2] ?? tmpdir();
const directory = mkdtempSync(join(tmpdir(), 'tandem-gateway-profile-'));
const body = { model: 'sim:instant', messages: [{ role: 'user', content: 'Say something short.' }] };
const spawnedAt = performance.now();
const server = await startTandem({ TANDEM_DB: `${directory}/profile.db` }, { port: Number(process.env.BENCH_PORT ?? 9002), nodeArguments: ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`] });
try {
  await blast(`${server.baseUrl}/v1/chat/completions`, { method: 'POST', body, amount: 3000 });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  // Samples before this offset are start-up and warm-up.
  console.log(`measured requests start ${((performance.now() - spawnedAt) / 1000).toFixed(1)} s after the server was spawned`);
  await blast(`${server.baseUrl}/v1/chat/completions`, { method: 'POST', body, amount: Number(process.env.BENCH_REQUESTS ?? 30000) });
} finally {
  await server.stop();
  rmSync(directory, { recursive: true, force: true });
}
