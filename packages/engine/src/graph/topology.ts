/** Dependencies by node id: the ids each node waits for. */
export type DependencyMap = ReadonlyMap<string, readonly string[]>;

/**
 * Orders nodes so each comes after its dependencies (Kahn's algorithm, stable
 * in document order). Nodes on a cycle are returned in `cyclic`.
 */
export function topologicalOrder(nodeIds: readonly string[], dependencies: DependencyMap) {
  const remaining = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const id of nodeIds) {
    const deps = dependencies.get(id) ?? [];
    remaining.set(id, deps.length);
    for (const dep of deps) {
      const list = dependents.get(dep);
      if (list) list.push(id);
      else dependents.set(dep, [id]);
    }
  }
  const order: string[] = [];
  const queue = nodeIds.filter((id) => remaining.get(id) === 0);
  while (queue.length > 0) {
    const id = queue.shift()!;
    order.push(id);
    for (const dependent of dependents.get(id) ?? []) {
      const left = remaining.get(dependent)! - 1;
      remaining.set(dependent, left);
      if (left === 0) queue.push(dependent);
    }
  }
  const cyclic = nodeIds.filter((id) => (remaining.get(id) ?? 0) > 0);
  return { order, cyclic };
}

/** Every node that `nodeId` depends on, directly or not. */
export function ancestorsOf(nodeId: string, dependencies: DependencyMap): Set<string> {
  const seen = new Set<string>();
  const stack = [...(dependencies.get(nodeId) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(dependencies.get(id) ?? []));
  }
  return seen;
}
