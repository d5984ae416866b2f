import type { RunView } from '@tandem/shared';
import type { ChildPipelineRunner, CompletionCache, FunctionRegistry, RunOutcome, RunServices, SemanticCompletionCache } from '@tandem/engine';
import type { Repositories } from '@tandem/db';
import { builtInFunctions, createFunctionRegistry, createQuickJsSandbox, createSafeHttpClient, type QuickJsSandboxOptions } from '../activities/index.ts';

/** Builds the host capabilities runs may use: sandbox, guarded HTTP, server functions, cache, child pipelines. */
export function createRunServices(deps: {
  repositories: Repositories;
  functions?: FunctionRegistry;
  httpAllowList: string[];
  sandbox?: QuickJsSandboxOptions;
  /** The gateway's caches (exact with TTL and statistics, semantic). */
  caches?: { completionCache: CompletionCache; semanticCache: SemanticCompletionCache };
  startChildRun(request: { pipelineId: string; version?: number; inputs: Record<string, unknown>; parentRunId: string; parentNodeId: string }): Promise<RunView>;
  waitForRun(runId: string): Promise<RunOutcome>;
}): { services: RunServices; functions: FunctionRegistry } {
  const functions = deps.functions ?? createFunctionRegistry(builtInFunctions);
  const settingsAllowList = () => deps.repositories.settings.get<string[]>('http.allowList') ?? [];
  const pipelines: ChildPipelineRunner = {
    async run(request) {
      const child = await deps.startChildRun({
        pipelineId: request.pipelineId,
        ...(request.version ? { version: request.version } : {}),
        inputs: request.inputs,
        parentRunId: request.parentRunId,
        parentNodeId: request.nodeId,
      });
      const outcome = await deps.waitForRun(child.id);
      return { runId: child.id, status: outcome.status, outputs: outcome.outputs, ...(outcome.error ? { error: outcome.error } : {}) };
    },
  };
  return {
    functions,
    services: {
      sandbox: createQuickJsSandbox(deps.sandbox),
      http: createSafeHttpClient({ allowHosts: () => [...deps.httpAllowList, ...settingsAllowList()] }),
      functions,
      cache: deps.caches?.completionCache ?? deps.repositories.cache,
      ...(deps.caches ? { semanticCache: deps.caches.semanticCache } : {}),
      pipelines,
    },
  };
}
