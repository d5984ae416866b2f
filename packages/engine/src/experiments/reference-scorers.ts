import type { GraphProblem, Scorer } from '@tandem/shared';
import { parseModelJson, validateJson } from '../nodes/json-output.ts';
import { compileUserPattern, type UserPattern } from '../nodes/user-pattern.ts';

/** The scorers that compare an output with a reference and need no model or sandbox. */
export type ReferenceScorer = Extract<Scorer, { type: 'exact' | 'contains' | 'regex' | 'jsonSchema' }>;

/** What a scorer reads of a trial. */
export interface ScoredTrial {
  /** The value of the scored `output` node. */
  output: unknown;
  /** The row's expected value; undefined without an expected column or when the cell is empty. */
  expected: unknown;
}

/** Metric names no scorer may take: they are every trial's own metrics. */
const reservedNames = new Set(['latencyMs', 'costUsd', 'inputTokens', 'outputTokens']);

/** A scorer's metric name: its `name`, or its type. */
export function scorerName(scorer: Scorer): string {
  return scorer.name ?? scorer.type;
}

/** Text of a value as a scorer compares it: strings as they are, anything else as JSON. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}

/** True for the reference scorers (the rest need the server). */
export function isReferenceScorer(scorer: Scorer): scorer is ReferenceScorer {
  return scorer.type === 'exact' || scorer.type === 'contains' || scorer.type === 'regex' || scorer.type === 'jsonSchema';
}

/** Whether a scorer needs the row's expected value. */
export function needsExpected(scorer: Scorer): boolean {
  return scorer.type === 'exact' || scorer.type === 'contains' || (scorer.type === 'regex' && scorer.pattern === undefined) || (scorer.type === 'jsonSchema' && scorer.schema === undefined);
}

/**
 * Scores one trial with a reference scorer: pass (true) or fail (false); undefined when the scorer
 * needs an expected value the row does not have. Never throws on the trial's data: an expected
 * value that is not a valid pattern or schema fails the trial's score.
 */
export function scoreReference(scorer: ReferenceScorer, trial: ScoredTrial): boolean | undefined {
  const expected = trial.expected === undefined || trial.expected === null || trial.expected === '' ? undefined : trial.expected;
  if (needsExpected(scorer) && expected === undefined) return undefined;
  const output = textOf(trial.output);
  switch (scorer.type) {
    case 'exact':
      return normalise(output, scorer.caseSensitive) === normalise(textOf(expected), scorer.caseSensitive);
    case 'contains':
      return normalise(output, scorer.caseSensitive).includes(normalise(textOf(expected), scorer.caseSensitive));
    case 'regex': {
      const pattern = compile(scorer.pattern ?? textOf(expected), scorer.flags);
      return pattern ? pattern.test(output) : false;
    }
    case 'jsonSchema': {
      const schema = scorer.schema ?? readSchema(expected);
      if (!schema) return false;
      const value = typeof trial.output === 'string' ? parseModelJson(trial.output) : trial.output;
      return value !== undefined && validateJson(schema, value).length === 0;
    }
  }
}

/**
 * Problems of an experiment's scorers, each naming its field: duplicate or reserved names, an
 * unknown output node, a pattern or schema that does not compile, a reference scorer without an
 * expected column.
 */
export function checkScorers(scorers: readonly Scorer[], context: { outputNodeIds: readonly string[]; hasExpected: boolean; metricNames?: readonly string[] }): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const add = (index: number, field: string, message: string) => {
    const path = `scorers.${index}${field ? `.${field}` : ''}`;
    problems.push({ code: 'EXPERIMENT_INVALID', field: path, message: `${path}: ${message}` });
  };
  const names = new Set<string>();
  scorers.forEach((scorer, index) => {
    const name = scorerName(scorer);
    if (names.has(name)) add(index, 'name', `another scorer is already called "${name}"; give each a name`);
    if (reservedNames.has(name) || context.metricNames?.includes(name)) add(index, 'name', `"${name}" is already a metric of every trial; pick another name`);
    names.add(name);
    if (scorer.output !== undefined && !context.outputNodeIds.includes(scorer.output)) {
      add(index, 'output', `the pipeline has no output node "${scorer.output}" (its outputs: ${context.outputNodeIds.join(', ')})`);
    }
    if (needsExpected(scorer) && !context.hasExpected) add(index, '', `the ${scorer.type} scorer compares with the expected answer: mark the dataset's expected column`);
    if (scorer.type === 'regex' && scorer.pattern !== undefined) {
      const compiled = compileUserPattern(scorer.pattern, scorer.flags);
      if (!compiled.ok) add(index, compiled.field, compiled.message);
    }
    if (scorer.type === 'jsonSchema' && scorer.schema !== undefined) {
      const errors = validateJson(scorer.schema, null);
      if (errors.some((error) => error.startsWith('the schema itself is invalid'))) add(index, 'schema', errors[0]!);
    }
    if (scorer.type === 'rubric' && !(scorer.scale.max > scorer.scale.min)) add(index, 'scale.max', 'must be above min');
  });
  return problems;
}

function normalise(text: string, caseSensitive: boolean): string {
  const trimmed = text.trim();
  return caseSensitive ? trimmed : trimmed.toLowerCase();
}

/** User patterns run on the linear-time engine (re2js), like validator regex checks: no pattern can hang scoring. */
function compile(pattern: string, flags: string | undefined): UserPattern | undefined {
  const compiled = compileUserPattern(pattern, flags);
  return compiled.ok ? compiled.pattern : undefined;
}

function readSchema(expected: unknown): Record<string, unknown> | undefined {
  const value = typeof expected === 'string' ? parseModelJson(expected) : expected;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
