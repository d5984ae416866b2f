/** How deeply a request body may nest objects and arrays. */
export const maxJsonDepth = 64;

/**
 * The path to the first object or array nested deeper than `maxDepth` (the top level is depth 1), or
 * undefined when there is none. Iterative, so a hostile value cannot overflow the stack; run it
 * before anything recursive (schema checks, `JSON.stringify`) sees the value.
 */
export function findTooDeep(value: unknown, maxDepth = maxJsonDepth): string[] | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  // Parent links instead of a path per entry: a wide body must not cost depth × width memory.
  interface Entry {
    value: object;
    depth: number;
    key?: string;
    parent?: Entry;
  }
  const stack: Entry[] = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if (entry.depth > maxDepth) {
      const path: string[] = [];
      for (let current: Entry | undefined = entry; current?.key !== undefined; current = current.parent) path.push(current.key);
      return path.reverse();
    }
    const children = Array.isArray(entry.value) ? entry.value.entries() : Object.entries(entry.value);
    for (const [key, child] of children) {
      if (child !== null && typeof child === 'object') stack.push({ value: child as object, depth: entry.depth + 1, key: String(key), parent: entry });
    }
  }
  return undefined;
}

/** A path for a message: the first segments, then how many more. */
export function describePath(path: readonly string[], shown = 6): string {
  if (path.length === 0) return 'body';
  const head = path.slice(0, shown).join('.');
  return path.length > shown ? `${head}… (${path.length} levels)` : head;
}
