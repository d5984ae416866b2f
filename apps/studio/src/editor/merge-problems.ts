import type { GraphProblem } from '@tandem/shared';

/** Joins problem lists without repeating the same problem (same code, node, field and message). */
export function mergeProblems(...lists: readonly (readonly GraphProblem[])[]): GraphProblem[] {
  const seen = new Set<string>();
  const merged: GraphProblem[] = [];
  for (const list of lists) {
    for (const problem of list) {
      const key = [problem.code, problem.nodeId ?? '', problem.edgeId ?? '', problem.field ?? '', problem.message].join('\u0000');
      if (seen.has(key)) continue;
      seen.add(key);
      merged.push(problem);
    }
  }
  return merged;
}
