import { createLoadClient, withConcurrency } from './load-client.ts';
const client = createLoadClient(process.env.TARGET!);
const body = { model: 'sim:instant', messages: [{ role: 'user', content: 'Say something short.' }] };
const started = performance.now();
const count = Number(process.env.COUNT ?? 4000);
await withConcurrency(count, 32, async () => void (await client.json('POST', '/v1/chat/completions', body)));
console.log(`${((count * 1000) / (performance.now() - started)).toFixed(0)} req/s`);
client.close();
