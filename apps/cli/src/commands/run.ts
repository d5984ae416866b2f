import type { Command } from 'commander';
import type { JsonSchema, RunEvent } from '@tandem/shared';
import { openStore } from '../open-store.ts';
import { describeRefusal, pipelineFrom } from '../pipeline-source.ts';

interface RunOptions {
  input: string[];
  json?: boolean;
  version?: string;
  db?: string;
}

/** Exit codes by how the run ended. */
const exitCodes = { completed: 0, failed: 1, cancelled: 1, waiting: 3 } as const;

/** `tandem run`: runs a pipeline (a file or a stored id) on the embedded store, streaming steps as they finish. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('Run a pipeline and print its output; steps are listed on stderr as they finish. Exit code: 0 completed, 1 failed, 3 waiting for a person, 2 could not run')
    .argument('<file or id>', 'a pipeline document (.json), stored under its id, or the id of a stored pipeline')
    .option('-i, --input <key=value>', 'a run input (repeat for several); numbers, booleans and JSON follow the input schema', collect, [])
    .option('--version <n>', 'run this version of a stored pipeline (default: the latest)')
    .option('--json', 'print the whole run (status, outputs, error) as JSON')
    .option('--db <file>', 'the SQLite database (default: TANDEM_DB, else ./data/tandem.db)')
    .action(async (fileOrId: string, options: RunOptions) => {
      process.exitCode = await runPipeline(fileOrId, options);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Turns `key=value` pairs into run inputs, typed by the pipeline's input schema. */
export function parseInputs(pairs: readonly string[], schema: JsonSchema): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, { type?: unknown }>;
  const inputs: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--input ${pair}: write it as name=value`);
    const name = pair.slice(0, at);
    const text = pair.slice(at + 1);
    const type = properties[name]?.type;
    if (type === 'number' || type === 'integer') {
      const number = Number(text);
      if (text.trim() === '' || !Number.isFinite(number)) throw new Error(`--input ${name}: expected a number, got "${text}"`);
      inputs[name] = number;
    } else if (type === 'boolean') {
      if (text !== 'true' && text !== 'false') throw new Error(`--input ${name}: expected true or false, got "${text}"`);
      inputs[name] = text === 'true';
    } else if (type === 'object' || type === 'array') {
      try {
        inputs[name] = JSON.parse(text) as unknown;
      } catch {
        throw new Error(`--input ${name}: expected JSON, got "${text}"`);
      }
    } else inputs[name] = text;
  }
  return inputs;
}

function describeStep(event: RunEvent): string | undefined {
  const attempt = event.attempt && event.attempt > 1 ? ` (attempt ${event.attempt})` : '';
  switch (event.type) {
    case 'step.completed':
      return `✓ ${event.nodeId}${attempt}  ${formatMs(event.data.durationMs)}`;
    case 'step.failed':
      return `✗ ${event.nodeId}${attempt}  ${event.data.error.message}`;
    case 'step.retrying':
      return `↻ ${event.nodeId}  ${event.data.reason}`;
    case 'user.waiting':
      return `… ${event.nodeId} waits for a person: ${event.data.title}`;
    default:
      return undefined;
  }
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

const endings = new Set(['run.completed', 'run.failed', 'run.cancelled', 'run.waiting']);

async function runPipeline(fileOrId: string, options: RunOptions): Promise<number> {
  const store = openStore(options.db);
  const { context } = store;
  try {
    let pipelineId: string;
    try {
      pipelineId = pipelineFrom(store, fileOrId).pipelineId;
    } catch (error) {
      throw new Error(describeRefusal(error));
    }
    const version = options.version === undefined ? undefined : Number(options.version);
    if (version !== undefined && (!Number.isInteger(version) || version < 1)) throw new Error(`--version must be a positive whole number, got "${options.version}"`);
    const document = context.pipelines.get(pipelineId, version).document;
    const inputs = parseInputs(options.input, document.inputs);

    let ended!: () => void;
    const end = new Promise<void>((resolve) => (ended = resolve));
    let runId = '';
    const show = (event: RunEvent) => {
      const line = describeStep(event);
      if (line) process.stderr.write(`${line}\n`);
      if (endings.has(event.type)) ended();
    };
    let stop = () => {};
    try {
      const run = context.runs.start({ pipelineId, inputs, ...(version ? { version } : {}) });
      runId = run.id;
      // Subscribed in the same tick the run starts: its first events are committed a few milliseconds later.
      stop = context.hub.subscribe(runId, (events) => events.forEach(({ event }) => show(event)));
    } catch (error) {
      throw new Error(describeRefusal(error));
    }
    await end;
    stop();
    const view = context.repositories.runs.get(runId)!;
    if (options.json) process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
    else if (view.status === 'completed') {
      const values = Object.values(view.outputs);
      const text = values.length === 1 && typeof values[0] === 'string' ? values[0] : JSON.stringify(view.outputs, null, 2);
      process.stdout.write(`${text}\n`);
    } else if (view.error) process.stderr.write(`Run ${view.status}: ${view.error.message}${view.error.nodeId ? ` (step ${view.error.nodeId})` : ''}\n`);
    else process.stderr.write(`Run ${view.status} (${runId})\n`);
    return exitCodes[view.status as keyof typeof exitCodes] ?? 1;
  } finally {
    store.close();
  }
}
