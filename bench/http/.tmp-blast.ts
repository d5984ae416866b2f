import { blast } from '/work/h-v1fast/bench/http/load-client.ts';
const r = await blast(process.argv[2]!, { method: 'POST', body: { model: 'sim:instant', messages: [{ role: 'user', content: 'Say something short.' }] }, amount: Number(process.argv[3] ?? 30000) });
console.log(r);
