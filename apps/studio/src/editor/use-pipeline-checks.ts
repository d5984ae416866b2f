import { useMemo, useRef } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { checkPipeline } from '@tandem/engine';
import type { GraphProblem, PipelineDocument } from '@tandem/shared';
import { pipelineCheckQuery, type NodeEstimateView } from '../api/pipelines.ts';
import { nodeRegistry } from '../nodes/node-registry.ts';
import { useDebouncedValue } from '../ui/use-debounced-value.ts';
import { mergeProblems } from './merge-problems.ts';
import { sameExceptPositions } from './same-except-positions.ts';

const noEstimates: Record<string, NodeEstimateView> = {};
const noProblems: GraphProblem[] = [];

/** Codes the engine also reports in the browser, where they are always fresher than the server's answer. */
const localCodes = new Set([
  'PIPELINE_INVALID',
  'GRAPH_DUPLICATE_ID',
  'GRAPH_DANGLING_EDGE',
  'GRAPH_CYCLE_DETECTED',
  'GRAPH_REFERENCE_UNKNOWN',
  'GRAPH_REFERENCE_NOT_UPSTREAM',
  'GRAPH_MISSING_INPUT',
  'GRAPH_NO_OUTPUT',
  'NODE_KIND_UNKNOWN',
  'NODE_CONFIG_INVALID',
  'TEMPLATE_INVALID',
]);

/**
 * Problems of the document being edited: the engine's checks run live in the browser;
 * the server's checks (unknown models…) and estimates follow a moment after typing stops.
 */
export function usePipelineChecks(document: PipelineDocument, extra: readonly GraphProblem[] = []) {
  // Dragging a node changes only positions: keep the checked document, so neither the browser's checks
  // nor the server's run again on every frame of the drag.
  const checked = useRef(document);
  if (!sameExceptPositions(checked.current, document)) checked.current = document;
  const content = checked.current;
  const local = useMemo(() => checkPipeline(content, nodeRegistry).problems, [content]);
  const debounced = useDebouncedValue(content, 500);
  const server = useQuery({ ...pipelineCheckQuery(debounced), placeholderData: keepPreviousData });
  const serverData = server.data?.problems ?? noProblems;
  const problems = useMemo(() => {
    // The server's answer may be about a slightly older document: keep only what the browser cannot check, on nodes that still exist.
    const nodeIds = new Set(document.nodes.map((node) => node.id));
    const serverOnly = serverData.filter((problem) => !localCodes.has(problem.code) && (!problem.nodeId || nodeIds.has(problem.nodeId)));
    return mergeProblems(local, serverOnly, extra);
  }, [local, serverData, extra, document.nodes]);
  return {
    problems,
    estimates: server.data?.estimates ?? noEstimates,
    runEstimate: server.data?.run,
    checking: server.isFetching || debounced !== content,
    serverError: server.error,
  };
}
