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
});
