import type { AccessService } from '../access/access-service.ts';
import type { ServerContext } from '../context.ts';

/** What runs a pipeline as a `pipeline:<id>` model: the single process's pipelines, runs and live events. */
export type PipelineHost = Pick<ServerContext, 'pipelines' | 'runs' | 'hub' | 'repositories'>;

/**
 * What the gateway's routes (`/v1`, `/api/providers`, `/api/monitoring`) use. The single process gives its whole
 * context; a cluster web node gives its gateway over the Postgres store, without pipelines as models.
 */
export interface GatewayRoutesContext {
  gateway: ServerContext['gateway'];
  models: ServerContext['models'];
  access: Pick<AccessService, 'audit'>;
}

/** The pipelines a context can run as models, when it has them. */
export function pipelineHostOf(context: GatewayRoutesContext | ServerContext): PipelineHost | undefined {
  return 'runs' in context && 'pipelines' in context ? context : undefined;
}
