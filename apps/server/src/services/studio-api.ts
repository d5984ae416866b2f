import type { FunctionRegistry, NodeRegistry } from '@tandem/engine';
import type { ModelInfo } from '@tandem/shared';
import type { RunStore } from '@tandem/db';
import type { PipelineLibrary } from './pipeline-library.ts';
import type { RunLauncher } from './run-launcher.ts';

/**
 * What the routes of the studio's everyday screens (pipelines, drafts, runs, forks, inbox, feedback,
 * catalog) are served by. The single-process server wires it over SQLite (create-server-context.ts), a
 * cluster's web node over Postgres (cluster-web.ts): the same route modules answer in both.
 */
export interface StudioApi {
  /** Runs, their events, the runs list, the inbox and feedback. */
  runStore: RunStore;
  /** Pipelines, their versions and drafts. */
  library: PipelineLibrary;
  /** Starts, cancels, answers and streams runs where they execute. */
  launcher: RunLauncher;
  registry: NodeRegistry;
  /** The models the studio's pickers offer. */
  models: { listModels(): ModelInfo[] };
  /** The server functions `function` nodes may call. */
  functions: Pick<FunctionRegistry, 'list'>;
}
