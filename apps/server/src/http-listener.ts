import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';

/** Where and how the HTTP server listens; the timeouts bound what a slow client can hold. */
export interface ListenOptions {
  port: number;
  hostname: string;
  /** Time a client has to send the request headers. */
  headersTimeoutMs: number;
  /** Time a client has to send the whole request, body included (a response may then stream for longer). */
  requestTimeoutMs: number;
  /** Time an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
}

/**
 * Serves `fetch` with node:http and the server timeouts set, so a client that trickles its headers
 * or body is cut off instead of holding a connection forever. SSE responses are not affected: the
 * timeouts cover receiving the request only.
 */
export function listen(fetch: (request: Request) => Response | Promise<Response>, options: ListenOptions, onListening?: (address: AddressInfo) => void): ServerType {
  const server = serve(
    {
      fetch,
      port: options.port,
      hostname: options.hostname,
      serverOptions: {
        headersTimeout: options.headersTimeoutMs,
        requestTimeout: options.requestTimeoutMs,
        keepAliveTimeout: options.keepAliveTimeoutMs,
        // Node checks the two timeouts on this interval (30 s by default), so it bounds their precision.
        connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(options.headersTimeoutMs / 4))),
      },
    },
    onListening,
  );
  // Not every Node version reads this one from the constructor options.
  (server as { keepAliveTimeout?: number }).keepAliveTimeout = options.keepAliveTimeoutMs;
  return server;
}
