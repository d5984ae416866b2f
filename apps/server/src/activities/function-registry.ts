import type { z } from 'zod';
import { StudioError, toStudioError } from '@tandem/shared';
import type { FunctionRegistry } from '@tandem/engine';

/** What a server function receives besides its arguments. */
export interface ServerFunctionContext {
  signal: AbortSignal;
}

/**
 * A TypeScript function callable from an `activity` node by name. `argsSchema` validates (and may
 * transform) the arguments before `run` sees them; without it `run` receives them unchecked.
 */
export interface ServerFunction<TArgs = unknown> {
  name: string;
  description: string;
  argsSchema?: z.ZodType<TArgs>;
  run(args: TArgs, context: ServerFunctionContext): Promise<unknown> | unknown;
}

/** A server function of any argument type, as lists and the registry hold them (each checks its own args). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- argument types differ per function
export type AnyServerFunction = ServerFunction<any>;

/** Identity helper that infers `TArgs` from the schema, for declaring functions in a typed way. */
export function defineServerFunction<TArgs>(definition: ServerFunction<TArgs>): ServerFunction<TArgs> {
  return definition;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'args' : path.map((segment) => String(segment)).join('.');
}

/**
 * Creates the registry of server functions. Throws CONFLICT for a duplicate name. `call` throws
 * FUNCTION_UNKNOWN (listing known names), NODE_CONFIG_INVALID naming the first bad field,
 * RUN_ABORTED when the signal is aborted, and otherwise whatever the function throws as a StudioError
 * (NODE_RUN_FAILED for plain errors).
 */
export function createFunctionRegistry(functions: readonly AnyServerFunction[]): FunctionRegistry {
  const byName = new Map<string, AnyServerFunction>();
  for (const fn of functions) {
    if (byName.has(fn.name)) throw new StudioError('CONFLICT', `Function "${fn.name}" is registered twice`);
    byName.set(fn.name, fn);
  }

  return {
    async call(name, args, { signal }) {
      const fn = byName.get(name);
      if (!fn) {
        const known = [...byName.keys()].sort();
        throw new StudioError('FUNCTION_UNKNOWN', `Unknown function "${name}"; known functions: ${known.join(', ') || '(none)'}`, {
          details: { name, known },
        });
      }
      let parsedArgs: unknown = args;
      if (fn.argsSchema) {
        const parsed = fn.argsSchema.safeParse(args ?? {});
        if (!parsed.success) {
          const issues = parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
          const first = issues[0];
          throw new StudioError('NODE_CONFIG_INVALID', `Invalid arguments for "${name}": ${first ? `${first.path}: ${first.message}` : 'rejected'}`, {
            details: { function: name, issues },
          });
        }
        parsedArgs = parsed.data;
      }
      if (signal.aborted) throw new StudioError('RUN_ABORTED', 'The run was cancelled');
      try {
        return await fn.run(parsedArgs, { signal });
      } catch (error) {
        if (signal.aborted && !StudioError.is(error)) throw new StudioError('RUN_ABORTED', 'The run was cancelled', { cause: error });
        throw toStudioError(error, 'NODE_RUN_FAILED');
      }
    },

    list() {
      return [...byName.values()].map(({ name, description }) => ({ name, description }));
    },
  };
}
