import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { createExperimentBodySchema, type TrialResult } from '@tandem/shared';
import { resultsCsv } from '@tandem/server/headless';
import { compareExperiments, findRegressions, type Trial } from '@tandem/stats';
import { parseArmsOption } from '../arms-option.ts';
import { openStore, type Store } from '../open-store.ts';
import { existingFile, fromWhereTyped } from '../paths.ts';
import { summaryTable } from '../summary-table.ts';

interface EvalOptions {
  pipeline: string;
  dataset: string;
  arms?: string;
  baseline?: string;
  baselineArm?: string;
  threshold: string;
  metric?: string;
  repeats: string;
  concurrency: string;
  budget?: string;
  out?: string;
  db?: string;
  quiet?: boolean;
}

/** `tandem eval`: runs an experiment against the embedded store, prints the summary, writes the export, gates on regressions. */
export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('Run a pipeline over a dataset, print the comparison, and exit 1 when an arm regressed beyond the threshold')
    .requiredOption('-p, --pipeline <file or id>', 'a pipeline document (.json) or the id of a stored pipeline')
    .requiredOption('-d, --dataset <file or id>', 'a CSV or JSONL file, or the id of a stored dataset')
    .option('-a, --arms <spec>', 'variants:<nodeId> | versions:1,2 | models:<nodeId>=<model>,<model> (default: the first variants node, else the latest version)')
    .option('-b, --baseline <experiment id or results file>', 'compare with an earlier experiment (its id in this database, or a results file written by --out)')
    .option('--baseline-arm <arm>', 'the arm of this experiment the others are compared with')
    .option('-t, --threshold <amount>', 'how much worse (in the metric’s units) an arm may be before the command fails', '0')
    .option('-m, --metric <name>', 'gate on this metric only (default: every score and pass metric)')
    .option('-r, --repeats <n>', 'runs per row and arm', '1')
    .option('-c, --concurrency <n>', 'trials at once', '4')
    .option('--budget <usd>', 'stop starting trials once this much was spent')
    .option('-o, --out <file>', 'write the results: .json (trials and analysis) or .csv (one line per trial)')
    .option('--db <file>', 'the SQLite database (default: TANDEM_DB, else ./data/tandem.db)')
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (options: EvalOptions) => {
      process.exitCode = await runEval(options);
    });
}

function number(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new Error(`${option} must be a number, got "${value}"`);
  return parsed;
}

async function runEval(options: EvalOptions): Promise<number> {
  const server = openStore(options.db);
  const { context } = server;
  try {
    const pipelineId = storePipeline(context, options.pipeline);
    const datasetId = await storeDataset(context, options.dataset);
    const latest = context.pipelines.get(pipelineId);
    const request = createExperimentBodySchema.safeParse({
      name: `tandem eval ${new Date().toISOString()}`,
      pipelineId,
      datasetId,
      arms: parseArmsOption(options.arms, latest.document, latest.version),
      repeats: number(options.repeats, '--repeats'),
      concurrency: number(options.concurrency, '--concurrency'),
      ...(options.budget !== undefined ? { budgetUsd: number(options.budget, '--budget') } : {}),
      ...(options.baselineArm ? { baseline: options.baselineArm } : {}),
    });
    if (!request.success) throw new Error(request.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    const experiment = await context.experiments.create(request.data);
    if (!options.quiet) process.stderr.write(`Experiment ${experiment.id}: ${experiment.progress.total} trials over "${experiment.datasetName}"\n`);

    const record = await waitForEnd(context, experiment.id, options.quiet ?? false);
    const analysis = await context.experimentResults.analysis(record);
    const results = await context.experimentResults.results(record);
    process.stdout.write(`\n${summaryTable(analysis)}`);
    if (options.out) writeExport(fromWhereTyped(options.out), { experiment: await context.experiments.view(record), trials: results, analysis });

    const threshold = number(options.threshold, '--threshold') ?? 0;
    const gateOptions = { threshold, ...(options.metric ? { metric: options.metric } : {}) };
    const report = options.baseline
      ? findRegressions(
          {
            comparisons: (await againstBaseline(context, options.baseline, results)).pairs.flatMap((pair) =>
              pair.metrics.map((metric) => ({ ...metric.comparison, baseline: `${pair.previousArm} in the baseline` })),
            ),
          },
          gateOptions,
        )
      : findRegressions(analysis, gateOptions);
    process.stdout.write(`\n${report.passed ? 'PASSED' : 'FAILED'}: ${report.summary}\n`);
    return report.passed ? 0 : 1;
  } finally {
    await context.trials.idle();
    server.close();
  }
}

type Context = Store['context'];

/** A pipeline file is stored (a new version when its id exists with another document); an id is used as it is. */
function storePipeline(context: Context, value: string): string {
  const file = existingFile(value);
  if (!file) {
    if (!context.pipelines.find(value)) throw new Error(`--pipeline: no file and no stored pipeline "${value}"`);
    return value;
  }
  const input: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const id = (input as { id?: unknown }).id;
  if (typeof id !== 'string') throw new Error(`--pipeline: ${value} is not a pipeline document (it has no "id")`);
  // Stored as the server would: checked and upgraded; a document that changed becomes the next version.
  const existing = context.pipelines.find(id);
  if (!existing) context.pipelines.create(input);
  else {
    const checked = context.pipelines.problemsOf(input).plan?.document;
    if (!checked || JSON.stringify(checked) !== JSON.stringify(existing.document)) context.pipelines.saveVersion(id, input);
  }
  return id;
}

async function storeDataset(context: Context, value: string): Promise<string> {
  const file = existingFile(value);
  if (!file) {
    if (!context.repositories.datasets.get(value)) throw new Error(`--dataset: no file and no stored dataset "${value}"`);
    return value;
  }
  const format = /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv';
  const created = await context.datasets.create({ name: basename(file), format, source: readFileSync(file, 'utf8') });
  return created.id;
}

async function waitForEnd(context: Context, id: string, quiet: boolean) {
  let lastLine = '';
  for (;;) {
    const record = context.repositories.experiments.get(id)!;
    const running = record.started - record.done - record.failed;
    if (record.status !== 'running' && running === 0) {
      await context.trials.idle();
      return context.repositories.experiments.get(id)!;
    }
    const line = `${record.done + record.failed}/${record.total} trials (${record.failed} failed)`;
    if (!quiet && line !== lastLine) process.stderr.write(`  ${line}\n`);
    lastLine = line;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The earlier experiment's trials (from this database or a results file) compared row by row with this one's. */
async function againstBaseline(context: Context, baseline: string, current: readonly TrialResult[]) {
  const file = existingFile(baseline);
  let previous: readonly TrialResult[];
  if (file) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { trials?: TrialResult[] };
    if (!Array.isArray(parsed.trials)) throw new Error(`--baseline: ${baseline} has no "trials" list (write one with --out results.json)`);
    previous = parsed.trials;
  } else {
    const record = context.repositories.experiments.get(baseline);
    if (!record) throw new Error(`--baseline: no file and no experiment "${baseline}"`);
    previous = await context.experimentResults.results(record);
  }
  const toTrials = (list: readonly TrialResult[]): Trial[] =>
    list.filter((trial) => trial.status === 'completed' || trial.status === 'failed').map((trial) => ({ row: trial.row, arm: trial.arm, repeat: trial.repeat, status: trial.status as 'completed' | 'failed', metrics: trial.metrics }));
  return compareExperiments({ trials: toTrials(current) }, { trials: toTrials(previous) });
}

function writeExport(path: string, content: { experiment: unknown; trials: TrialResult[]; analysis: unknown }): void {
  writeFileSync(path, path.endsWith('.csv') ? `${resultsCsv(content.trials)}\n` : `${JSON.stringify(content, null, 2)}\n`);
}
