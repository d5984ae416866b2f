import { afterAll, describe, expect, it } from 'vitest';
import { createTestServer } from './testing/test-server.ts';

const server = createTestServer();
afterAll(() => server.cleanup());

describe('response headers', () => {
  it('give studio pages the full set of security headers', async () => {
    const page = await server.request('/pipelines');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('keep JSON answers lean: nosniff, no page policies', async () => {
    for (const path of ['/api/pipelines', '/v1/models', '/healthz']) {
      const response = await server.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('content-security-policy'), path).toBeNull();
      expect(response.headers.get('x-frame-options'), path).toBeNull();
    }
  });

  it('keep nosniff on chat completions however they are answered: a completion, a cached one with its cache headers, a refusal', async () => {
    const ask = (body: unknown, headers: Record<string, string> = {}) => server.request('/v1/chat/completions', { body, headers });
    const question = { model: 'sim:instant', messages: [{ role: 'user', content: 'A question worth caching.' }] };
    for (const [what, response] of [
      ['answered', await ask(question, { 'x-tandem-cache': 'exact' })],
      ['cached', await ask(question, { 'x-tandem-cache': 'exact' })],
      ['refused', await ask({ ...question, n: 3 })],
    ] as const) {
      expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(response.headers.get('content-type'), what).toMatch(/^application\/json/);
      expect(response.headers.get('content-security-policy'), what).toBeNull();
      await response.json();
    }
    const cached = await ask(question, { 'x-tandem-cache': 'exact' });
    expect(cached.headers.get('x-tandem-cache')).toBe('exact');
    expect(((await cached.json()) as { choices: unknown[] }).choices).toHaveLength(1);
  });
});
