import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../main.ts', import.meta.url));
// The package's own folder, where `--import tsx` resolves; file arguments are read from INIT_CWD, as under `pnpm tandem`.
const cliFolder = fileURLToPath(new URL('../..', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'tandem-cli-test-'));
const database = join(directory, 'tandem.db');

/** Runs `tandem …` as its own process against the temporary database. */
function tandem(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', main, ...args], { cwd: cliFolder, env: { ...process.env, TANDEM_DB: database, INIT_CWD: directory }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function chain(id: string, model = 'sim:writer?tps=0&ttft=0') {
  return {
    schema: 'tandem.pipeline/v1',
    id,
    name: `CLI ${id}`,
    inputs: { type: 'object', properties: { prompt: { type: 'string' }, count: { type: 'integer' } }, required: ['prompt'] },
    nodes: [
      { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
      { id: 'answer', kind: 'llm', position: { x: 300, y: 0 }, config: { model, prompt: '{{input.prompt}} ({{input.count}})' } },
      { id: 'out', kind: 'output', position: { x: 600, y: 0 }, config: { value: '{{answer.text}}' } },
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'answer' },
      { id: 'e2', source: 'answer', target: 'out' },
    ],
  };
}

beforeAll(() => {
  writeFileSync(join(directory, 'chain.json'), JSON.stringify(chain('cli-chain')));
  writeFileSync(join(directory, 'failing.json'), JSON.stringify(chain('cli-failing', 'sim:writer?tps=0&ttft=0&errorRate=1')));
  writeFileSync(join(directory, 'teleport.json'), JSON.stringify({ ...chain('cli-teleport'), nodes: [...chain('x').nodes, { id: 'jump', kind: 'teleport', config: {} }] }));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('tandem run', () => {
  it('runs a file, streams its steps on stderr, prints the output and exits 0', async () => {
    const { code, stdout, stderr } = await tandem('run', 'chain.json', '--input', 'prompt=Why ride a tandem?', '--input', 'count=2');
    expect(code).toBe(0);
    expect(stderr.split('\n').filter((line) => line.startsWith('✓')).map((line) => line.split(/\s+/)[1])).toEqual(['input', 'answer', 'out']);
    expect(stdout.trim().length).toBeGreaterThan(20);
    expect(stdout).not.toContain('{');
  });

  it('runs a stored pipeline by id and prints the whole run as JSON', async () => {
    const { code, stdout } = await tandem('run', 'cli-chain', '--input', 'prompt=Again', '--json');
    expect(code).toBe(0);
    const run = JSON.parse(stdout) as { status: string; pipelineId: string; version: number; outputs: Record<string, unknown> };
    expect(run).toMatchObject({ status: 'completed', pipelineId: 'cli-chain', version: 1 });
    expect(typeof run.outputs.out).toBe('string');
  });

  it('exits 1 when the run fails, naming the step', async () => {
    const { code, stderr } = await tandem('run', 'failing.json', '--input', 'prompt=Hi');
    expect(code).toBe(1);
    expect(stderr).toMatch(/✗ answer/);
    expect(stderr).toMatch(/Run failed: .*\(step answer\)/);
  });

  it('exits 2 with the field named for inputs it cannot use, and for a document with problems', async () => {
    const typed = await tandem('run', 'cli-chain', '--input', 'prompt=Hi', '--input', 'count=many');
    expect(typed).toMatchObject({ code: 2 });
    expect(typed.stderr).toContain('--input count: expected a number, got "many"');
    const missing = await tandem('run', 'cli-chain');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('prompt');
    const teleport = await tandem('run', 'teleport.json', '--input', 'prompt=Hi');
    expect(teleport.code).toBe(2);
    expect(teleport.stderr).toContain('is of kind "teleport"');
  });
});

describe('tandem export and import', () => {
  it('exports a git-friendly file that imports back as an identical pipeline', async () => {
    const exported = await tandem('export', 'cli-chain', '-o', 'exported.json');
    expect(exported.code).toBe(0);
    const text = readFileSync(join(directory, 'exported.json'), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    const imported = await tandem('import', 'exported.json');
    expect(imported.code).toBe(0);
    expect(imported.stdout.trim()).toBe('cli-chain-2');
    const again = await tandem('export', 'cli-chain-2');
    expect(again.stdout).toBe(text.replace('"id": "cli-chain"', '"id": "cli-chain-2"'));
  });

  it('refuses an import with problems, naming the first real one', async () => {
    const { code, stderr } = await tandem('import', 'teleport.json');
    expect(code).toBe(2);
    expect(stderr).toContain('jump: Node "jump" is of kind "teleport"');
  });
});
