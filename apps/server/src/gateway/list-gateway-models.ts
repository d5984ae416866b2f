import { pipelineChatParameters } from '@tandem/shared';
import type { GatewayRoutesContext, PipelineHost } from './gateway-routes-context.ts';

const startedAt = Math.floor(Date.now() / 1000);

/** `GET /v1/models`: pipelines (saying which parameters apply; when `pipelines` runs them), pools and provider models, in OpenAI's shape. */
export function listGatewayModels(context: GatewayRoutesContext, pipelines: PipelineHost | undefined) {
  return [
    ...(pipelines?.repositories.pipelines.list() ?? []).map((pipeline) => ({
      id: `pipeline:${pipeline.id}`,
      object: 'model' as const,
      created: Math.floor(pipeline.updatedAt / 1000),
      owned_by: 'tandem-pipeline',
      tandem: { kind: 'pipeline', name: pipeline.name, parameters: [...pipelineChatParameters] },
    })),
    ...context.models.listModels().map((model) => ({
      id: model.id,
      object: 'model' as const,
      created: startedAt,
      owned_by: model.provider,
      tandem: { kind: model.provider === 'pool' ? 'pool' : 'model', name: model.label, simulated: model.simulated },
    })),
  ];
}
