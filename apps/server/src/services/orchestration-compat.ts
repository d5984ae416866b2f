import { appendFile } from 'node:fs/promises';
import { z } from 'zod';
import type { PipelineDocument, PipelineVersionView } from '@tandem/shared';
import { callsOf, stampKindVersions, type NodeRegistry, type RunState } from '@tandem/engine';
import type { ServerContext } from '../context.ts';
import { runToCompletion } from './run-to-completion.ts';

/** The id of the stored pipeline behind `POST /generate`. */
export const orchestrationPipelineId = 'orchestration';

export const defaultGoalPrompt =
  'You are a reviewing assistant. Analyse the answer and propose clarifying questions or instructions that would improve it. Return only the list.';

/** `PUT /config/orchestration` body: any of the three settings. */
export const orchestrationConfigPatchSchema = z
  .object({
    enabled: z.boolean().optional(),
    communication_rounds: z.number().int().min(0, 'must be between 0 and 10').max(10, 'must be between 0 and 10').optional(),
    secondary_goal_prompt: z.string().min(1).max(10_000).optional(),
  })
  .strict();

/** `POST /generate` body. */
export const generateBodySchema = z.object({
  prompt: z.string().min(1, 'must not be empty'),
  max_tokens: z.number().int().positive().max(200_000).optional(),
  temperature: z.number().min(0).max(2).optional(),
});

export interface OrchestrationSettings {
  primaryModel: string;
  secondaryModel: string;
  rounds: number;
  goal: string;
  enabled: boolean;
  traceLogPath?: string;
}

interface CritiqueConfig {
  prompt: string;
  primary: { model: string; temperature?: number; maxTokens?: number };
  secondary: { model: string; temperature?: number; maxTokens?: number };
  goal: string;
  rounds: number;
  enabled: boolean;
}

function orchestrationDocument(config: CritiqueConfig, registry: NodeRegistry): PipelineDocument {
  // Built with today's critique config, so stamped as today's versions.
  return stampKindVersions({
    schema: 'tandem.pipeline/v1',
    id: orchestrationPipelineId,
    name: 'Two-model orchestration (compatibility API)',
    description: 'Backs POST /generate: the primary answers, the secondary critiques, the primary refines.',
    inputs: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
    nodes: [
      { id: 'input', kind: 'input', position: { x: 0, y: 80 }, config: {} },
      { id: 'orchestrate', kind: 'critique', position: { x: 300, y: 60 }, config: { ...config } },
      { id: 'out', kind: 'output', position: { x: 640, y: 80 }, config: { value: '{{orchestrate.text}}' } },
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'orchestrate' },
      { id: 'e2', source: 'orchestrate', target: 'out' },
    ],
  }, registry);
}

/**
 * The two-model orchestration API over an ordinary stored critique pipeline:
 * every call is a run a person can watch in the studio.
 */
export function createOrchestrationCompat(context: ServerContext, settings: OrchestrationSettings) {
  const configOf = (view: PipelineVersionView | undefined): CritiqueConfig => {
    const node = view?.document.nodes.find((candidate) => candidate.id === 'orchestrate');
    return node ? (node.config as unknown as CritiqueConfig) : initialConfig();
  };
  const currentConfig = () => configOf(context.pipelines.find(orchestrationPipelineId));
  const initialConfig = (): CritiqueConfig => ({
    prompt: '{{input.prompt}}',
    primary: { model: settings.primaryModel },
    secondary: { model: settings.secondaryModel },
    goal: settings.goal,
    rounds: settings.rounds,
    enabled: settings.enabled,
  });
  /** Saves a new version only when the config changed. */
  const store = (config: CritiqueConfig) => {
    const existing = context.pipelines.find(orchestrationPipelineId);
    if (!existing) return context.pipelines.create(orchestrationDocument(config, context.registry), { isSystem: true });
    if (JSON.stringify(configOf(existing)) === JSON.stringify(config)) return { id: existing.id, version: existing.version };
    return context.pipelines.saveVersion(orchestrationPipelineId, orchestrationDocument(config, context.registry));
  };

  return {
    /** Stores the pipeline from the environment at first start. */
    ensure() {
      const existing = context.pipelines.find(orchestrationPipelineId);
      if (!existing) store(initialConfig());
      // Databases written before system pipelines were marked: the pipeline is the server's all the same.
      else if (!existing.isSystem) context.repositories.pipelines.markSystem(orchestrationPipelineId);
    },
    getConfig() {
      const config = currentConfig();
      return { enabled: config.enabled, communication_rounds: config.rounds, secondary_goal_prompt: config.goal };
    },
    updateConfig(patch: z.infer<typeof orchestrationConfigPatchSchema>) {
      const config = currentConfig();
      store({
        ...config,
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        ...(patch.communication_rounds !== undefined ? { rounds: patch.communication_rounds } : {}),
        ...(patch.secondary_goal_prompt !== undefined ? { goal: patch.secondary_goal_prompt } : {}),
      });
      return this.getConfig();
    },
    async generate(body: z.infer<typeof generateBodySchema>) {
      const config = currentConfig();
      const primary = {
        ...config.primary,
        ...(body.max_tokens !== undefined ? { maxTokens: body.max_tokens } : {}),
        ...(body.temperature !== undefined ? { temperature: body.temperature } : {}),
      };
      const { version } = store({ ...config, primary });
      const { runId, outputs, state, usage } = await runToCompletion(context, { pipelineId: orchestrationPipelineId, version, inputs: { prompt: body.prompt } });
      const trace = traceSteps(state);
      if (settings.traceLogPath) {
        const lines = trace.map((step) => JSON.stringify({ run_id: runId, ...step })).join('\n');
        await appendFile(settings.traceLogPath, `${lines}\n`).catch((error: unknown) => console.error('Could not write the trace log', error));
      }
      return {
        id: `gen-${runId}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: primary.model,
        run_id: runId,
        choices: [{ index: 0, message: { role: 'assistant', content: String(outputs.out ?? '') }, finish_reason: 'stop' }],
        usage,
        orchestration: { enabled: config.enabled, communication_rounds: config.rounds },
        trace,
      };
    },
  };
}

/** The trace in the compatibility format: primary_response, secondary_guidance…, final_response. */
export function traceSteps(run: RunState) {
  const steps: { step: string; round: number; model: string; content: string; latency_ms: number; ts: number }[] = [];
  const calls = callsOf(run);
  let round = 0;
  calls.forEach((data, index) => {
    const isLast = index === calls.length - 1;
    if (data.role === 'secondary') round++;
    const step = data.role === 'secondary' ? 'secondary_guidance' : isLast ? 'final_response' : index === 0 ? 'primary_response' : 'refined_response';
    steps.push({ step, round, model: data.model, content: data.output, latency_ms: data.latencyMs, ts: data.ts });
  });
  return steps;
}
