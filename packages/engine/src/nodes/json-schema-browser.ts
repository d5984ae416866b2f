import { z } from 'zod';

/**
 * The browser's JSON Schema checker (package.json `imports`, condition `browser`): zod's
 * `fromJSONSchema`, which needs no code generation. ajv compiles schemas with `new Function`, which
 * the studio's Content-Security-Policy forbids, and would add 116 KB to a bundle that never runs a
 * pipeline; this keeps the engine usable in a browser at no cost.
 */
export function compileJsonSchema(schema: Record<string, unknown>): (value: unknown) => string[] {
  const checker = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  return (value) => {
    const parsed = checker.safeParse(value);
    return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.length > 0 ? `/${issue.path.join('/')}` : '(root)'} ${issue.message}`);
  };
}
