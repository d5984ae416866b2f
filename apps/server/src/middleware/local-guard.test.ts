import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { handleError } from './error-handler.ts';
import { localGuard } from './local-guard.ts';

describe('localGuard', () => {
  const app = new Hono();
  app.onError(handleError);
  app.use('*', localGuard({ allowedHosts: ['studio.example'] }));
  app.get('/', (c) => c.text('ok'));
  const statusFor = async (host: string) => (await app.request('/', { headers: { host } })).status;

  it('checks every Host it has not just allowed, whatever came before', async () => {
    // Allowed, then refused, then allowed again, then refused: remembering the last allowed Host lets no other through.
    expect(await statusFor('127.0.0.1:8941')).toBe(200);
    expect(await statusFor('127.0.0.1:8941')).toBe(200);
    expect(await statusFor('evil.example')).toBe(403);
    expect(await statusFor('127.0.0.1:8941')).toBe(200);
    expect(await statusFor('evil.example:8941')).toBe(403);
    expect(await statusFor('STUDIO.example')).toBe(200);
    expect(await statusFor('[::1]:8941')).toBe(200);
    expect(await statusFor('[::2]:8941')).toBe(403);
  });
});
