/** The floor for `/v1` throughput: Hono on @hono/node-server answering a fixed chat completion. */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/healthz', (c) => c.json({ ok: true }));
app.post('/v1/chat/completions', async (c) => {
  const body = (await c.req.json()) as { model?: string };
  return c.json({
    id: 'chatcmpl-bare',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model ?? 'bare',
    choices: [{ index: 0, message: { role: 'assistant', content: 'A short answer of about the size the simulator gives.' }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 12, completion_tokens: 11, total_tokens: 23 },
  });
});
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
