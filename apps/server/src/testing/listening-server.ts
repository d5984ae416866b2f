import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import OpenAI from 'openai';
import type { ServerEnv } from '../env.ts';
import type { ServerContextOptions } from '../create-server-context.ts';
import { createTestServer } from './test-server.ts';

/**
 * The real server over a temporary SQLite file, listening on a loopback port, with the official
 * `openai` client pointed at it (no retries, so each test sees exactly what the server answered).
 */
export async function startListeningTestServer(env: Partial<ServerEnv> = {}, overrides: Partial<Omit<ServerContextOptions, 'database'>> = {}) {
  const server = createTestServer(env, overrides);
  const listener: ServerType = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => listener.once('listening', resolve));
  const { port } = listener.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    server,
    origin,
    /** An official OpenAI client for this server. */
    client: (apiKey = 'no-key-needed') => new OpenAI({ baseURL: `${origin}/v1`, apiKey, maxRetries: 0 }),
    async close() {
      await new Promise<void>((resolve) => listener.close(() => resolve()));
      server.cleanup();
    },
  };
}

export type ListeningTestServer = Awaited<ReturnType<typeof startListeningTestServer>>;
