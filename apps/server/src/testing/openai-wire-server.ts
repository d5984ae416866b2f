import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the wire server answers its next chat completions. */
export type WireBehaviour =
  | { kind: 'answer'; text?: string; delayMs?: number; finishReason?: string }
  | { kind: 'fail'; status: number; retryAfter?: string; message?: string }
  /** Sends `tokens` tokens of a stream, then drops the connection. */
  | { kind: 'drop'; tokens: number }
  /** Accepts and never answers (until closed). */
  | { kind: 'hang' };

/** One request the wire server received. */
export interface WireRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/**
 * A local HTTP server speaking OpenAI's chat completions wire format (JSON and SSE), for tests:
 * it records every request and answers as `behave` says (an answer echoing the last user message
 * by default, a failure with a status and `Retry-After`, a dropped stream, a hang).
 */
export async function startOpenAIWireServer(initial: WireBehaviour = { kind: 'answer' }) {
  const requests: WireRequest[] = [];
  let behaviour = initial;
  const open = new Set<ServerResponse>();
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = (chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {}) as Record<string, unknown>;
      requests.push({ path: incoming.url ?? '/', headers: incoming.headers, body });
      open.add(response);
      response.on('close', () => open.delete(response));
      void answer(body, response);
    });
  });

  async function answer(body: Record<string, unknown>, response: ServerResponse) {
    const current = behaviour;
    if (current.kind === 'hang') return;
    if (current.kind === 'fail') {
      response.writeHead(current.status, { 'content-type': 'application/json', ...(current.retryAfter ? { 'retry-after': current.retryAfter } : {}) });
      response.end(JSON.stringify({ error: { message: current.message ?? `failure ${current.status}`, type: 'server_error', code: null } }));
      return;
    }
    const messages = (body.messages ?? []) as { role: string; content: string }[];
    const text = current.kind === 'answer' && current.text !== undefined ? current.text : `echo: ${messages.filter((message) => message.role === 'user').at(-1)?.content ?? ''}`;
    if (current.kind === 'answer' && current.delayMs) await new Promise((resolve) => setTimeout(resolve, current.delayMs));
    const usage = { prompt_tokens: 7, completion_tokens: text.split(' ').length, total_tokens: 7 + text.split(' ').length };
    const finishReason = current.kind === 'answer' ? (current.finishReason ?? 'stop') : 'stop';
    const base = { id: 'chatcmpl-wire', created: 1, model: String(body.model) };
    if (!body.stream) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: finishReason }], usage }));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (value: unknown) => response.write(`data: ${JSON.stringify(value)}\n\n`);
    const words = text.split(/(?<= )/);
    send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    for (const [index, word] of words.entries()) {
      if (current.kind === 'drop' && index >= current.tokens) {
        response.destroy();
        return;
      }
      send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: word }, finish_reason: null }] });
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: finishReason }] });
    send({ ...base, object: 'chat.completion.chunk', choices: [], usage });
    response.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** `http://127.0.0.1:<port>/v1` */
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    /** Changes how the next requests are answered. */
    behave(next: WireBehaviour) {
      behaviour = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of open) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type OpenAIWireServer = Awaited<ReturnType<typeof startOpenAIWireServer>>;
