import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from './testing/access-fixtures.ts';
import { chainDocument, createTestServer } from './testing/test-server.ts';

/**
 * Generated bodies against every write route of the app (derived from its routes): whatever
 * arrives, the answer is never a 5xx. Run as a signed-in owner so bodies reach the handlers.
 */
// 1,000 per route keeps the test near ten seconds on two cores; TANDEM_FUZZ_RUNS=5000 digs deeper.
const bodiesPerRoute = Number(process.env.TANDEM_FUZZ_RUNS ?? 1000);

const fieldNames = [
  'prompt', 'messages', 'model', 'stream', 'email', 'password', 'role', 'name', 'scopes', 'limits', 'rpm', 'tpm', 'httpAllowList',
  'pipelineId', 'inputs', 'version', 'decision', 'value', 'schema', 'id', 'nodes', 'edges', 'kind', 'config', 'type', 'properties',
  'required', 'pattern', 'enabled', 'communication_rounds', 'secondary_goal_prompt', 'max_tokens', 'temperature', 'token', 'content',
  '__proto__', 'constructor',
];
const goodValues = [
  'sim:fuzz?tps=0&ttft=0', 'user', 'approved', 'owner', 'viewer', 'v1', ['v1'], 'a@b.c', 'long enough password', 'chain',
  { prompt: 'hi' }, [{ role: 'user', content: 'hi' }], { type: 'object', properties: { prompt: { type: 'string' } } }, '10.0.0.0/8', 1, true,
];

const leaf = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...goodValues), fc.string({ maxLength: 300 }), fc.double(), fc.constantFrom(null, -1, 0, 1e308, '', '{{x}}', '['));
const structured: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.dictionary(fc.constantFrom(...fieldNames), tie('node'), { maxKeys: 6 }),
    fc.array(tie('node'), { maxLength: 4 }),
  ),
})).node;
const mutatedDocument = fc
  .record({ field: fc.constantFrom('schema', 'id', 'name', 'inputs', 'nodes', 'edges', 'description'), value: structured })
  .map(({ field, value }) => ({ ...chainDocument(), [field]: value }));
const deepJson = fc
  .record({ depth: fc.integer({ min: 60, max: 5000 }), object: fc.boolean() })
  .map(({ depth, object }) => (object ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`));

const bodyText = fc.oneof(
  structured.map((value) => JSON.stringify(value) ?? 'null'),
  mutatedDocument.map((value) => JSON.stringify(value)),
  deepJson,
  fc.string({ maxLength: 200 }),
  fc.jsonValue().map((value) => JSON.stringify(value)),
);
const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/problem+json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', undefined);

let server: ReturnType<typeof createTestServer>;
let headers: Record<string, string>;
let runId: string;
let writeRoutes: { method: string; path: string }[];
const tally = { requests: 0, serverErrors: 0 };

beforeAll(async () => {
  server = createTestServer({ LLM_MODEL: 'sim:writer?tps=0&ttft=0', LLM_MODEL_SECONDARY: 'sim:critic?tps=0&ttft=0' });
  headers = signedInAs(server, 'owner').headers;
  await server.json('/api/pipelines', { headers, body: chainDocument() });
  runId = ((await server.json<{ id: string }>('/api/runs', { headers, body: { pipelineId: 'chain', inputs: { prompt: 'x' } } })).body).id;
  writeRoutes = server.app.routes
    .filter((route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method))
    .map((route) => ({ method: route.method, path: route.path }))
    .filter((route, index, all) => all.findIndex((other) => other.method === route.method && other.path === route.path) === index);
});
afterAll(() => server.cleanup());

describe('fuzzed bodies on every write route', () => {
  it('finds the write routes', () => {
    expect(writeRoutes.length).toBeGreaterThanOrEqual(19);
  });

  it(`never answers 5xx (${bodiesPerRoute} bodies per route)`, async () => {
    const failures: string[] = [];
    for (const route of writeRoutes) {
      const pathParts = fc.record({ id: fc.constantFrom('chain', runId, 'nope', 'env-1', '%00', 'x'.repeat(300)), nodeId: fc.constantFrom('answer', 'out', 'nope') });
      await fc.assert(
        fc.asyncProperty(bodyText, contentType, pathParts, async (body, type, parts) => {
          const path = route.path.replace(':nodeId', encodeURIComponent(parts.nodeId)).replace(':id', encodeURIComponent(parts.id));
          const response = await server.app.request(path, { method: route.method, body, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), ...(type ? { 'content-type': type } : {}) } });
          await response.body?.cancel();
          tally.requests++;
          if (response.status >= 500) {
            tally.serverErrors++;
            failures.push(`${route.method} ${path} (${type}) ${body.slice(0, 120)} → ${response.status}`);
          }
          return response.status < 500;
        }),
        { numRuns: bodiesPerRoute, seed: 20_260_101 + writeRoutes.indexOf(route), endOnFailure: true },
      ).catch(() => undefined);
    }
    console.log(`fuzz: ${tally.requests} requests on ${writeRoutes.length} write routes, ${tally.serverErrors} answered 5xx`);
    expect(failures).toEqual([]);
    expect(tally.requests).toBeGreaterThanOrEqual(writeRoutes.length * bodiesPerRoute * 0.99);
  }, 120_000);
});
