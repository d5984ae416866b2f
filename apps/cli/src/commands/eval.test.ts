import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../main.ts', import.meta.url));
// The process runs in a temporary directory, where a bare `tsx` would not resolve.
const tsx = import.meta.resolve('tsx');
const directory = mkdtempSync(join(tmpdir(), 'tandem-cli-test-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Runs `tandem …` as its own process against a temporary database. */
function tandem(args: string[], database = join(directory, 'tandem.db')): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', tsx, main, ...args], { cwd: directory, env: { ...process.env, TANDEM_DB: database, INIT_CWD: directory } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const pipeline = {
  schema: 'tandem.pipeline/v1',
  id: 'cli-ab',
  name: 'CLI A/B',
  inputs: { type: 'object', properties: { question: { type: 'string' } }, required: ['question'] },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
    { id: 'variants', kind: 'variants', position: { x: 0, y: 0 }, config: { mode: 'split', model: 'sim:writer?tps=0', variants: [{ id: 'A', weight: 1, prompt: 'Briefly: {{input.question}}' }, { id: 'B', weight: 1, prompt: 'In detail: {{input.question}}' }] } },
    { id: 'judge', kind: 'judge', position: { x: 0, y: 0 }, config: { model: 'sim:judge?tps=0', subject: '{{variants.text}}', criteria: 'Helpful.' } },
    { id: 'out', kind: 'output', position: { x: 0, y: 0 }, config: { value: '{{variants.text}}' } },
  ],
  edges: [{ id: 'e1', source: 'input', target: 'variants' }, { id: 'e2', source: 'variants', target: 'judge' }, { id: 'e3', source: 'judge', target: 'out' }],
};
const rows = Array.from({ length: 12 }, (_, index) => `"How do I fix problem number ${index}?",fix`);
writeFileSync(join(directory, 'pipeline.json'), JSON.stringify(pipeline));
writeFileSync(join(directory, 'data.csv'), `question,expected\n${rows.join('\n')}\n`);

describe('tandem eval', () => {
  it('runs the experiment, prints the summary table, writes the results and passes', async () => {
    const { code, stdout, stderr } = await tandem(['eval', '--pipeline', 'pipeline.json', '--dataset', 'data.csv', '--out', 'results.json', '--quiet']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^arm\s+trials\s+failed\s+judge\.score \(mean, 95% CI\)/m);
    expect(stdout).toMatch(/^A \(baseline\)\s+12\s+0\s+\d/m);
    expect(stdout).toContain('PASSED');
    const written = JSON.parse(readFileSync(join(directory, 'results.json'), 'utf8')) as { trials: { row: number; arm: string; metrics: Record<string, unknown> }[]; analysis: { arms: unknown[] } };
    expect(written.trials).toHaveLength(24);
    expect(written.trials[0]!.metrics).toHaveProperty('judge.score');
    expect(written.analysis.arms).toHaveLength(2);
  }, 60_000);

  it('exits 1 when an arm regressed against a baseline results file beyond the threshold', async () => {
    const baseline = JSON.parse(readFileSync(join(directory, 'results.json'), 'utf8')) as { trials: { metrics: Record<string, unknown> }[] };
    for (const trial of baseline.trials) trial.metrics['judge.score'] = 10;
    writeFileSync(join(directory, 'perfect.json'), JSON.stringify(baseline));
    const { code, stdout } = await tandem(['eval', '-p', 'cli-ab', '-d', 'data.csv', '--baseline', 'perfect.json', '--threshold', '0.5', '--metric', 'judge.score', '-q', '--out', 'second.csv']);
    expect(stdout).toContain('FAILED');
    expect(stdout).toMatch(/A is worse than A in the baseline on judge\.score/);
    expect(code).toBe(1);
    expect(readFileSync(join(directory, 'second.csv'), 'utf8').split('\n')[0]).toBe('row,arm,repeat,runId,status,judge.score,latencyMs,costUsd,inputTokens,outputTokens');
  }, 60_000);

  it('explains a bad argument and exits 2', async () => {
    const missing = await tandem(['eval', '--dataset', 'data.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '-p, --pipeline");
    const arms = await tandem(['eval', '-p', 'pipeline.json', '-d', 'data.csv', '--arms', 'colours:red']);
    expect([arms.code, arms.stderr]).toEqual([2, expect.stringContaining('--arms "colours:red"')]);
    const unknown = await tandem(['eval', '-p', 'nope', '-d', 'data.csv']);
    expect(unknown.stderr).toContain('no file and no stored pipeline "nope"');
  }, 60_000);
});
