import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineDocument } from '@tandem/shared';
import { createTemporaryPostgres, testPostgresUrl, type TemporaryPostgres } from '@tandem/db/pg-testing';
import { killHard } from '../testing/server-process.ts';
import { startClusterProcess, stopGracefully, type StartedClusterProcess } from './testing/cluster-process.ts';

const model = 'sim:writer?tps=1500&ttft=40';
const steps = ['draft', 'revise', 'polish'];
const document: PipelineDocument = {
  schema: 'tandem.pipeline/v1',
  id: 'three-steps',
  name: 'Three steps',
  inputs: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
    ...steps.map((id, index) => ({
      id,
      kind: 'llm',
      position: { x: 200 * (index + 1), y: 0 },
      config: { model, prompt: index === 0 ? '{{input.prompt}}' : `Improve: {{${steps[index - 1]}.text}}`, maxTokens: 60 },
    })),
    { id: 'out', kind: 'output', position: { x: 800, y: 0 }, config: { value: '{{polish.text}}' } },
  ],
  edges: [
    { id: 'e0', source: 'input', target: 'draft' },
    { id: 'e1', source: 'draft', target: 'revise' },
    { id: 'e2', source: 'revise', target: 'polish' },
    { id: 'e3', source: 'polish', target: 'out' },
  ],
};

const serverUrl = testPostgresUrl();
const runCount = 200;
const prompts = Array.from({ length: 10 }, (_, index) => `A story about harbour number ${index}`);

describe.skipIf(!serverUrl)('one web node and two worker processes on Postgres', () => {
  let temporary: TemporaryPostgres;
  let pool: pg.Pool;
  const processes: StartedClusterProcess[] = [];
  beforeAll(async () => {
    temporary = await createTemporaryPostgres(serverUrl!);
  });
  afterAll(async () => {
    await Promise.all(processes.map((started) => stopGracefully(started.child)));
    await pool?.end();
    await temporary?.drop();
  }, 60_000);

  it('finishes every run after a worker is killed with SIGKILL halfway: contiguous logs, no completed step repeated, same outputs', { timeout: 240_000 }, async () => {
    const env = { TANDEM_DATABASE_URL: temporary.url, TANDEM_LEASE_TTL_MS: '1500', TANDEM_QUEUED_GRACE_MS: '3000', TANDEM_WORKER_CONCURRENCY: '12', TANDEM_PG_POOL_SIZE: '6' };
    // All three start together: the migrations run once, under the advisory lock.
    const [web, doomed, survivor] = await Promise.all([startClusterProcess('web', env), startClusterProcess('worker', env), startClusterProcess('worker', env)]);
    processes.push(web!, doomed!, survivor!);
    pool = new pg.Pool({ connectionString: temporary.url, max: 2 });
    const post = async (path: string, body: unknown) =>
      fetch(`${web!.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('/api/pipelines', document)).status).toBe(201);

    const ids: string[] = [];
    for (let batch = 0; batch < runCount; batch += 20) {
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, index) => post('/api/runs', { pipelineId: 'three-steps', inputs: { prompt: prompts[(batch + index) % prompts.length] } })),
      );
      for (const response of responses) ids.push(((await response.json()) as { id: string }).id);
    }
    expect(ids).toHaveLength(runCount);

    // A browser on the web node watches a run the workers execute.
    const watched = fetch(`${web!.baseUrl}/api/runs/${ids.at(-1)}/events`).then((response) => response.text());

    const count = async (sql: string, values: unknown[] = []) => Number((await pool.query<{ n: string }>(sql, values)).rows[0]!.n);
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
      if ((await count("SELECT count(*) AS n FROM runs WHERE status = 'completed'")) >= runCount / 2) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const inFlight = await count("SELECT count(*) AS n FROM runs WHERE lease_owner = $1 AND status = 'running'", [doomed!.workerId]);
    await killHard(doomed!.child);
    expect(inFlight, 'the killed worker had runs in flight').toBeGreaterThan(0);

    for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
      if ((await count("SELECT count(*) AS n FROM runs WHERE status IN ('completed', 'failed', 'cancelled')")) === runCount) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const statuses = await pool.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM runs GROUP BY status');
    expect(Object.fromEntries(statuses.rows.map((row) => [row.status, Number(row.n)]))).toEqual({ completed: runCount });

    // Every log is contiguous from 1 and ends with the run's end.
    const logs = await pool.query<{ run_id: string; seqs: number[]; last_type: string }>(
      `SELECT run_id, array_agg(seq ORDER BY seq) AS seqs, (array_agg(type ORDER BY seq DESC))[1] AS last_type FROM run_events GROUP BY run_id`,
    );
    expect(logs.rows).toHaveLength(runCount);
    for (const row of logs.rows) {
      expect(row.seqs, row.run_id).toEqual(row.seqs.map((_, index) => index + 1));
      expect(row.last_type).toBe('run.completed');
    }
    // No completed step is completed twice (a step in flight at the kill may have started twice).
    expect(await count(`SELECT count(*) AS n FROM (SELECT run_id, node_id FROM run_events WHERE type = 'step.completed' GROUP BY run_id, node_id HAVING count(*) > 1) repeated`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM run_events WHERE type = 'step.completed'`)).toBe(runCount * (steps.length + 2));

    // Same inputs, same outputs, whichever worker ran (or resumed) the run.
    const outputs = await pool.query<{ prompt: string; outputs: string[] }>(
      `SELECT inputs->>'prompt' AS prompt, array_agg(DISTINCT outputs::text) AS outputs FROM runs GROUP BY inputs->>'prompt'`,
    );
    expect(outputs.rows).toHaveLength(prompts.length);
    for (const row of outputs.rows) expect(row.outputs, row.prompt).toHaveLength(1);

    const stream = await watched;
    const streamed = [...stream.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
    expect(streamed).toEqual(streamed.map((_, index) => index + 1));
    expect(stream).toContain('event: end');
    expect(survivor!.output()).not.toMatch(/could not be written|Unhandled/);
  });
});
