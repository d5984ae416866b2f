import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateRun, type Clock, type NodeEstimate } from '@tandem/engine';
import { createProviderRegistry, createSimProvider, parseSimModelName } from '@tandem/providers';
import type { PipelineDocument, RunEvent } from '@tandem/shared';
import type { ModelCatalog } from '../context.ts';
import { createTestServer } from '../testing/test-server.ts';
import { shippedTemplates } from './seed-templates.ts';

/**
 * The editor's run estimate against what the simulator really does. Each
 * template runs with the instant twin of its models (same name and seed, so
 * the same answers and faults, without the wait) on a clock that does not
 * sleep; the run's duration is then replayed from its trace with the
 * simulator's own pacing — first-token latency plus one token every 1/tps
 * seconds, the rule its paced stream follows — plus the validators'
 * recorded backoff. Deterministic, and no timing is measured.
 */

function instantTwin(modelId: string): string {
  if (!modelId.startsWith('sim:')) return modelId;
  const [name, query = ''] = modelId.slice('sim:'.length).split('?');
  const options = new URLSearchParams(query);
  options.set('tps', '0');
  return `sim:${name}?${options.toString()}`;
}

function pacedMilliseconds(modelId: string, outputTokens: number): number {
  const settings = parseSimModelName(modelId.slice('sim:'.length));
  if (settings.instant) return 0;
  return settings.firstTokenMs + (Math.max(0, outputTokens - 1) * 1000) / settings.tokensPerSecond;
}

const idle: NodeEstimate = { latencyMs: 0, costUsd: 0, inputTokens: 0, outputTokens: 0, calls: 0 };

/** Each node's duration replayed from the trace: its first attempt's calls (side by side for `variants`), and for a validator its backoff and the re-runs it ordered. */
function replayedDurations(document: PipelineDocument, events: RunEvent[]): Record<string, NodeEstimate> {
  const durations: Record<string, NodeEstimate> = {};
  const add = (nodeId: string, milliseconds: number, parallel = false) => {
    const current = durations[nodeId] ?? idle;
    durations[nodeId] = { ...current, latencyMs: parallel ? Math.max(current.latencyMs, milliseconds) : current.latencyMs + milliseconds, calls: current.calls + 1 };
  };
  const guardedBy = new Map(document.nodes.filter((node) => node.kind === 'validate').map((node) => [String((node.config as { target?: unknown }).target), node.id]));
  const kindOf = new Map(document.nodes.map((node) => [node.id, node.kind]));
  for (const event of events) {
    if (event.type === 'llm.call' && event.nodeId) {
      const data = event.data as { model: string; usage: { outputTokens: number } };
      const milliseconds = pacedMilliseconds(data.model, data.usage.outputTokens);
      const validator = guardedBy.get(event.nodeId);
      if ((event.attempt ?? 1) > 1 && validator) add(validator, milliseconds);
      else add(event.nodeId, milliseconds, kindOf.get(event.nodeId) === 'variants');
    }
    if (event.type === 'step.retrying') {
      const data = event.data as { validator?: string; delayMs?: number };
      if (data.validator) add(data.validator, data.delayMs ?? 0);
    }
  }
  return durations;
}

/**
 * Inputs per template: the default, and variations. The validated extraction and the A/B split get many: retries and
 * the arm each run is assigned are random, and the estimate is their expected mix.
 */
function inputsFor(template: PipelineDocument): Record<string, unknown>[] {
  const [field, property] = Object.entries(template.inputs.properties ?? {})[0] as [string, { default: string }];
  const variations: Record<string, string[]> = {
    'template-answer': ['How does a refrigerator work?', 'What is a mortgage?', 'Explain photosynthesis to a child.'],
    'template-critique': ['Explain why the sky looks blue during the day and red at sunset.', 'How do I reset my password?', 'What is a lighthouse and how does it work?'],
    'template-ab-test': [
      'Can I change my delivery address?',
      'My order arrived broken.',
      'How do I cancel my subscription?',
      ...Array.from({ length: 24 }, (_, index) => `Where is order ${1000 + index}, placed ${2 + (index % 5)} days ago?`),
    ],
    'template-meeting-scheduler': ['Ana, Bo and Chen should meet about the launch plan.', 'Schedule a budget review with Dana and Eli.'],
    'template-validated-json': Array.from({ length: 40 }, (_, index) => `Can Ana, Ben and person ${index} meet for ${15 + (index % 6) * 15} minutes to review draft ${index}?`),
  };
  return [property.default, ...(variations[template.id] ?? [])].map((value) => ({ [field]: value }));
}

const registry = createProviderRegistry({ providers: { sim: createSimProvider() } });
const models: ModelCatalog = {
  languageModel: (modelId) => registry.languageModel(instantTwin(modelId)),
  describe: (modelId) => registry.describe(modelId),
  listModels: () => registry.listModels(),
};
let now = 0;
const clock: Clock = { now: () => now, sleep: async (milliseconds) => void (now += milliseconds) };
let server: ReturnType<typeof createTestServer>;
beforeAll(() => (server = createTestServer({}, { models, clock })));
afterAll(() => server.cleanup());

describe('the editor\'s run estimate on the simulator', () => {
  it.each(shippedTemplates.map((template) => template.id))('%s: lands within a quarter of the replayed run time', async (id) => {
    const template = shippedTemplates.find((candidate) => candidate.id === id)!;
    const estimate = (server.context.pipelines.check(template) as { run?: NodeEstimate }).run;
    expect(estimate).toBeDefined();
    const replayed: number[] = [];
    for (const inputs of inputsFor(template)) {
      const { run, events } = await server.runToEnd(template.id, inputs);
      expect(['completed', 'waiting']).toContain(run.status);
      replayed.push(estimateRun(template, replayedDurations(template, events)).latencyMs);
    }
    const mean = replayed.reduce((total, value) => total + value, 0) / replayed.length;
    expect(mean).toBeGreaterThan(0);
    if (process.env.SHOW_ESTIMATES) console.log(id, estimate!.latencyMs, Math.round(mean), (estimate!.latencyMs / mean).toFixed(2));
    expect(Math.abs(estimate!.latencyMs - mean) / mean, `estimate ${estimate!.latencyMs} ms, replayed ${replayed.map(Math.round).join(', ')} ms`).toBeLessThan(0.25);
  }, 60_000);
});
