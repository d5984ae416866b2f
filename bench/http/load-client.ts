import { performance } from 'node:perf_hooks';
import { Agent, request } from 'node:http';

/** A keep-alive JSON client for one server, the way a busy client or proxy talks to it. */
export function createLoadClient(baseUrl: string, maxSockets = 64) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const { hostname, port } = new URL(baseUrl);
  return {
    json<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const outgoing = request(
          { agent, hostname, port, method, path, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              const text = Buffer.concat(chunks).toString();
              try {
                resolve({ status: response.statusCode ?? 0, body: (text ? JSON.parse(text) : undefined) as T });
              } catch (error) {
                reject(new Error(`${method} ${path}: ${response.statusCode} ${text.slice(0, 200)} (${String(error)})`));
              }
            });
          },
        );
        outgoing.on('error', reject);
        if (payload) outgoing.write(payload);
        outgoing.end();
      });
    },
    close: () => agent.destroy(),
  };
}

/** Runs `task(0…count-1)` with at most `concurrency` in flight. */
export async function withConcurrency(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) await task(next++);
  });
  await Promise.all(workers);
}

/**
 * Follows a run's SSE stream and calls `onEvent` with each event committed after the stream opened (a
 * replay of earlier events is not live latency) and the time it arrived; resolves when the stream
 * ends. Uses its own socket, as a browser tab does.
 */
export function followRun(baseUrl: string, runId: string, onEvent: (event: { ts: number; type: string }, receivedAt: number) => void): Promise<void> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, path: `/api/runs/${runId}/events`, headers: { accept: 'text/event-stream' } }, (response) => {
      const openedAt = Date.now();
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const receivedAt = Date.now();
        buffer += chunk;
        let boundary;
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim())
            .join('');
          if (!data || block.includes('event: end')) continue;
          try {
            const event = JSON.parse(data) as { ts: number; type: string };
            if (event.ts >= openedAt) onEvent(event, receivedAt);
          } catch {
            // keep-alive comments and non-JSON payloads
          }
        }
      });
      response.on('end', () => resolve());
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** The value at quantile `q` (0..1) of numbers, by nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** What {@link blast} measured. */
export interface BlastResult {
  requestsPerSecond: number;
  latencyMsP50: number;
  latencyMsP99: number;
  failures: number;
}

/**
 * Sends `amount` requests over `connections` keep-alive connections with autocannon (its own HTTP
 * parser, so the client is not what limits the figure on a 2-core machine).
 */
export async function blast(url: string, options: { method?: 'GET' | 'POST'; body?: unknown; amount: number; connections?: number }): Promise<BlastResult> {
  const { default: autocannon } = await import('autocannon');
  const started = performance.now();
  const result = await autocannon({
    url,
    method: options.method ?? 'GET',
    connections: options.connections ?? 32,
    amount: options.amount,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body), headers: { 'content-type': 'application/json' } } : {}),
  });
  return {
    // Wall time around the whole run: autocannon's own duration is rounded.
    requestsPerSecond: (options.amount * 1000) / (performance.now() - started),
    latencyMsP50: result.latency.p50,
    latencyMsP99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
