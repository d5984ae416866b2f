import { resolve } from 'node:path';
import { z } from 'zod';

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** The server's settings, read from the environment once at start. */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8888),
  HOST: z.string().min(1).default('127.0.0.1'),
  TANDEM_DB: z.string().min(1).default('./data/tandem.db'),
  /** Extra hostnames the server answers to besides loopback names (comma separated). */
  TANDEM_ALLOWED_HOSTS: z.string().default(''),
  /** Hosts or CIDR ranges HTTP activities may reach even though they are private (comma separated). */
  TANDEM_HTTP_ALLOW: z.string().default(''),
  /** Bearer keys accepted by the OpenAI-compatible API (comma separated); empty = no key needed. */
  TANDEM_API_KEYS: z.string().default(''),
  /** Default per-step timeout in milliseconds. */
  TANDEM_STEP_TIMEOUT_MS: z.coerce.number().int().min(0).default(300_000),
  /** Where the built studio lives. */
  TANDEM_STUDIO_DIST: z.string().optional(),
  /** Two-model compatibility API settings. */
  LLM_MODEL: z.string().default('sim:writer'),
  LLM_MODEL_SECONDARY: z.string().default('sim:critic'),
  COMMUNICATION_ROUNDS: z.coerce.number().int().min(0).max(10).default(2),
  SECONDARY_GOAL_PROMPT: z.string().optional(),
  ORCHESTRATION_ENABLED: booleanString.default(true),
  /** Append every compatibility run's steps as JSON lines to this file. */
  TANDEM_TRACE_LOG: z.string().optional(),
});

export type ServerEnv = z.infer<typeof envSchema>;

/** Parses the environment; throws a readable error naming each bad variable. */
export function readEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) {
    // Relative paths are read from where the command was typed (`pnpm start` at the repository root),
    // not from apps/server, where pnpm runs the script.
    const base = source.INIT_CWD ?? process.cwd();
    return {
      ...parsed.data,
      TANDEM_DB: resolve(base, parsed.data.TANDEM_DB),
      ...(parsed.data.TANDEM_TRACE_LOG ? { TANDEM_TRACE_LOG: resolve(base, parsed.data.TANDEM_TRACE_LOG) } : {}),
      ...(parsed.data.TANDEM_STUDIO_DIST ? { TANDEM_STUDIO_DIST: resolve(base, parsed.data.TANDEM_STUDIO_DIST) } : {}),
    };
  }
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid environment:\n${lines.join('\n')}`);
}
