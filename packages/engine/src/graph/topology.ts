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

/**
 * The cycles of a dependency graph: each strongly connected component with more than one node (or a
 * node that depends on itself), in document order. Nodes that only sit downstream of a cycle are not
 * in it, so only the nodes of the loop are blamed.
 */
export function findCycles(nodeIds: readonly string[], dependencies: DependencyMap): string[][] {
  // Tarjan's algorithm, iterative so a long chain cannot overflow the stack.
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodeIds) {
    if (index.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    lowLink.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work.at(-1)!;
      const deps = dependencies.get(frame.id) ?? [];
      if (frame.next < deps.length) {
        const dep = deps[frame.next++]!;
        if (!index.has(dep)) {
          index.set(dep, counter);
          lowLink.set(dep, counter++);
          stack.push(dep);
          onStack.add(dep);
          work.push({ id: dep, next: 0 });
        } else if (onStack.has(dep)) lowLink.set(frame.id, Math.min(lowLink.get(frame.id)!, index.get(dep)!));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) lowLink.set(parent.id, Math.min(lowLink.get(parent.id)!, lowLink.get(frame.id)!));
      if (lowLink.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.id);
      if (component.length > 1 || (dependencies.get(frame.id) ?? []).includes(frame.id)) components.push(component);
    }
  }
  const order = new Map(nodeIds.map((id, position) => [id, position]));
  return components.map((component) => component.sort((a, b) => order.get(a)! - order.get(b)!)).sort((a, b) => order.get(a[0]!)! - order.get(b[0]!)!);
}
