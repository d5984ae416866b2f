import { afterAll, describe, expect, it } from 'vitest';
import { PrefixRouter } from './prefix-router.ts';
import { createTestServer } from './testing/test-server.ts';

/** The names of the handlers a router gives for a request, in order (either of Hono's result forms). */
function matched(router: PrefixRouter<string>, method: string, path: string): string[] {
  return router.match(method, path)[0].map(([handler]) => handler);
}

describe('PrefixRouter', () => {
  // Routes as an app registers them: middleware on every path, the API (with the parameter beside a
  // fixed segment that Hono's RegExpRouter refuses), the gateway, and the studio's catch-all.
  const routes: [string, string][] = [
    ['ALL', '*'],
    ['ALL', '/*'],
    ['GET', '/healthz'],
    ['PUT', '/api/providers/pools/:name'],
    ['PUT', '/api/providers/:name'],
    ['ALL', '/api/*'],
    ['GET', '/:first/models'],
    ['GET', '/v1/models'],
    ['GET', '/v1/models/:id{.+}'],
    ['POST', '/v1/chat/completions'],
    ['ALL', '/v1/*'],
    ['GET', '/*'],
  ];
  const router = new PrefixRouter<string>('/v1');
  for (const [method, path] of routes) router.add(method, path, `${method} ${path}`);

  it('matches what one router of every route matches, in the order the routes were added', () => {
    const everything = new PrefixRouter<string>('/elsewhere');
    for (const [method, path] of routes) everything.add(method, path, `${method} ${path}`);
    const requests: [string, string][] = [
      ['POST', '/v1/chat/completions'],
      ['GET', '/v1/models'],
      ['GET', '/v1/models/pool:fast'],
      ['GET', '/v1/models/openai:gpt/4'],
      ['DELETE', '/v1/files'],
      ['GET', '/v1'],
      ['GET', '/v10/models'],
      ['PUT', '/api/providers/pools/fast'],
      ['PUT', '/api/providers/openai'],
      ['GET', '/healthz'],
      ['GET', '/pipelines/chain'],
    ];
    for (const [method, path] of requests) expect(matched(router, method, path), `${method} ${path}`).toEqual(matched(everything, method, path));
    expect(matched(router, 'POST', '/v1/chat/completions')).toEqual(['ALL *', 'ALL /*', 'POST /v1/chat/completions', 'ALL /v1/*']);
    expect(matched(router, 'GET', '/v1/models/pool:fast')).toEqual(['ALL *', 'ALL /*', 'GET /v1/models/:id{.+}', 'ALL /v1/*', 'GET /*']);
    expect(matched(router, 'GET', '/v1/models')).toEqual(['ALL *', 'ALL /*', 'GET /:first/models', 'GET /v1/models', 'ALL /v1/*', 'GET /*']);
  });

  it('matches the prefix with the RegExpRouter while the other paths need the TrieRouter', () => {
    // A parameter as the first segment may match `/v1` too: beside `/v1/models` it is what makes the trie needed.
    const lean = new PrefixRouter<string>('/v1');
    for (const [method, path] of routes) if (path !== '/:first/models') lean.add(method, path, `${method} ${path}`);
    expect(matched(lean, 'GET', '/v1/models')).toEqual(['ALL *', 'ALL /*', 'GET /v1/models', 'ALL /v1/*', 'GET /*']);
    expect(matched(lean, 'PUT', '/api/providers/pools/fast')).toEqual(['ALL *', 'ALL /*', 'PUT /api/providers/pools/:name', 'ALL /api/*']);
    expect(lean.routerFor('/v1/models').name).toBe('SmartRouter + RegExpRouter');
    expect(lean.routerFor('/healthz').name).toBe('SmartRouter + TrieRouter');
    expect(router.routerFor('/v1/models').name).toBe('SmartRouter + TrieRouter');
  });

  it('takes one fixed segment as its prefix', () => {
    expect(() => new PrefixRouter('/v1/chat')).toThrow(/one fixed path segment/);
    expect(() => new PrefixRouter('/:version')).toThrow(/one fixed path segment/);
  });
});

describe("the server's router", () => {
  const server = createTestServer();
  afterAll(() => server.cleanup());

  it('answers the gateway from the RegExpRouter, and every route the same as before', async () => {
    const completion = await server.json<{ object: string }>('/v1/chat/completions', { body: { model: 'sim:instant', messages: [{ role: 'user', content: 'Hello' }] } });
    expect(completion).toMatchObject({ status: 200, body: { object: 'chat.completion' } });
    expect((await server.json('/v1/files', { method: 'DELETE' })).status).toBe(404);
    expect((await server.json('/api/providers')).status).toBe(200);
    const router = server.app.router as PrefixRouter<unknown>;
    expect(router).toBeInstanceOf(PrefixRouter);
    expect(router.routerFor('/v1/chat/completions').name).toBe('SmartRouter + RegExpRouter');
  });
});
