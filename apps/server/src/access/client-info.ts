import type { Context } from 'hono';
import type { ClientInfo } from './access-service.ts';

/** The client's address (the first X-Forwarded-For hop when a trusted proxy is in front) and user agent. */
export function clientInfo(c: Context, trustProxy: boolean): ClientInfo {
  const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  const socketAddress = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
  const userAgent = c.req.header('user-agent');
  return { address: forwarded || socketAddress || 'unknown', ...(userAgent ? { userAgent } : {}) };
}
