import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainDocument, createTestServer } from '../testing/test-server.ts';

const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
const promtoolFound = promtool.status === 0;
const onCi = Boolean(process.env.CI);
if (!promtoolFound && !onCi) console.warn('SKIPPED: promtool not found (apt-get install prometheus); the /metrics lint runs on CI, where .ci/run installs it');

let server: ReturnType<typeof createTestServer>;
let exposition: string;

beforeAll(async () => {
  server = createTestServer({}, { requestLogFlushMs: 5 });
  await server.json('/api/pipelines', { body: chainDocument('metered') });
  await server.runToEnd('metered', { prompt: 'Count this run' });
  await server.json('/api/providers/pools/metered', { method: 'PUT', body: { strategy: 'priority', members: [{ model: 'sim:instant' }] } });
  await server.request('/v1/chat/completions', { body: { model: 'pool:metered', messages: [{ role: 'user', content: 'and this call' }] } });
  await server.request('/v1/chat/completions', { body: { model: 'sim:instant', messages: [{ role: 'user', content: 'x' }] }, headers: { 'x-tandem-cache': 'exact' } });
  exposition = await (await server.request('/metrics')).text();
});
afterAll(() => server.cleanup());

describe('/metrics', () => {
  it.runIf(promtoolFound || onCi)('passes promtool check metrics', () => {
    // On CI promtool must be there: a missing one fails here instead of skipping.
    expect(promtoolFound, 'promtool is installed').toBe(true);
    const checked = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.status).toBe(0);
  });

  it('uses the standard process and Node.js names, and reports runs, calls, first tokens, gateway requests, caches and breakers', () => {
    expect(exposition).toMatch(/^process_cpu_seconds_total /m);
    expect(exposition).toMatch(/^nodejs_heap_size_used_bytes /m);
    expect(exposition).not.toContain('tandem_process_');
    expect(exposition).toMatch(/^tandem_runs_finished_total\{status="completed"\} 1$/m);
    expect(exposition).toMatch(/^tandem_llm_time_to_first_token_seconds_count\{model="sim:writer",source="run"\} 1$/m);
    expect(exposition).toMatch(/^tandem_gateway_requests_total\{route="chat.completions",key="studio",model="pool:metered",status="200"\} 1$/m);
    expect(exposition).toMatch(/^tandem_pool_member_breaker_state\{pool="metered",member="sim:instant",state="closed"\} 1$/m);
    expect(exposition).toMatch(/^tandem_cache_lookups\{cache="exact",outcome="miss"\} [1-9]/m);
  });
});
