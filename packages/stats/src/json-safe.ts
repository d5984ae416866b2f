/**
 * Last guard before a result leaves the package: replaces any NaN or ±Infinity left in a freshly built result
 * (e.g. from sums that overflow near 1e308) by `null`, in place, and notes where. Returns how many it replaced.
 */
export function replaceNonFinite(value: unknown, notes: string[], path = '$'): number {
  let replaced = 0;
  const visit = (node: unknown, at: string): void => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        if (typeof child === 'number' && !Number.isFinite(child)) {
          node[index] = null;
          replaced++;
          notes.push(`${at}[${index}] was ${child} and is given as null.`);
        } else if (child !== null && typeof child === 'object') visit(child, `${at}[${index}]`);
      });
    } else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const child = record[key];
        if (typeof child === 'number' && !Number.isFinite(child)) {
          record[key] = null;
          replaced++;
          notes.push(`${at}.${key} was ${child} and is given as null.`);
        } else if (child !== null && typeof child === 'object') visit(child, `${at}.${key}`);
      }
    }
  };
  visit(value, path);
  return replaced;
}
