import { resolve } from 'node:path';
import { z } from 'zod';

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** The server's settings, read from the environment once at start. */
export const envSchema = z
  .object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8888),
  HOST: z.string().min(1).default('127.0.0.1'),
  TANDEM_DB: z.string().min(1).default('./data/tandem.db'),
  /** Extra hostnames the server answers to besides loopback names (comma separated). */
  TANDEM_ALLOWED_HOSTS: z.string().default(''),
  /** Hosts or CIDR ranges HTTP activities may reach even though they are private (comma separated). */
  TANDEM_HTTP_ALLOW: z.string().default(''),
  /** Environment-defined `v1` API keys (comma separated). When set, `/v1` needs a key even with access control off. */
  TANDEM_API_KEYS: z.string().default(''),
  /** `auto`: sign-in is on once an account exists; `required`: always on (the first visit creates the owner with the printed setup link). */
  TANDEM_AUTH: z.enum(['auto', 'required']).default('auto'),
  /** The owner account created at start when it does not exist yet (with TANDEM_OWNER_PASSWORD). */
  TANDEM_OWNER_EMAIL: z.string().optional(),
  /** The password of TANDEM_OWNER_EMAIL (at least 10 characters). */
  TANDEM_OWNER_PASSWORD: z.string().optional(),
  /** Serve `/metrics` without credentials even when access control is on. */
  TANDEM_METRICS_PUBLIC: booleanString.default(false),
  /** Trust X-Forwarded-For/-Proto/-Host from a reverse proxy in front of the server. */
  TANDEM_TRUST_PROXY: booleanString.default(false),
  /** Largest request body in bytes (every route). */
  TANDEM_BODY_LIMIT: z.coerce.number().int().min(1024).default(2 * 1024 * 1024),
  /** How long a client may take to send the request headers (ms). */
  TANDEM_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  /** How long a client may take to send the whole request, body included (ms). */
  TANDEM_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  /** How long an idle keep-alive connection stays open (ms). */
  TANDEM_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
  /** Sandbox worker threads; default the machine's available parallelism (at least 2). */
  TANDEM_SANDBOX_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** Sandbox calls that may wait for a worker before further ones fail with SANDBOX_BUSY; default 4 per worker. */
  TANDEM_SANDBOX_QUEUE: z.coerce.number().int().min(0).max(10_000).optional(),
  /** Runs executing at once at most; further runs queue (`queued`) until one ends. Below it, runs also queue while the event loop is saturated. */
  TANDEM_MAX_ACTIVE_RUNS: z.coerce.number().int().min(1).default(5_000),
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
  /** How often a quiet `/v1` stream sends an SSE comment so proxies keep it open (ms). */
  TANDEM_STREAM_KEEPALIVE_MS: z.coerce.number().int().min(10).max(300_000).default(15_000),
  /** A JSON file of gateway settings (providers without keys, pools, limits, cache), read at start. */
  TANDEM_GATEWAY_CONFIG: z.string().optional(),
  /**
   * The semantic cache's embeddings: `hashed` (built in, no model), `gguf:<path to .gguf>` (in process),
   * or `openai:<model>:<dimensions>` / `local:<model>:<dimensions>` (the /embeddings of the `openai` or `local` provider).
   */
  TANDEM_EMBEDDINGS: z.string().regex(/^(hashed|gguf:.+|(openai|local):[^:]+:\d+)$/, 'must be hashed, gguf:<path>, openai:<model>:<dimensions> or local:<model>:<dimensions>').default('hashed'),
  /** How the semantic cache searches vectors: `auto` (sqlite-vec when it loads) or `brute-force`. */
  TANDEM_VECTOR_SEARCH: z.enum(['auto', 'brute-force']).default('auto'),
  /** The key sealing provider keys stored in Settings (AES-256-GCM); default: a key file beside the database. */
  TANDEM_SECRET_KEY: z.string().optional(),
  /** Where OpenTelemetry traces go (OTLP/HTTP, e.g. http://127.0.0.1:4318); off when unset. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().optional(),
  /** The service name in exported traces. */
  OTEL_SERVICE_NAME: z.string().default('tandem-studio'),
  })
  .refine((env) => env.TANDEM_HEADERS_TIMEOUT_MS <= env.TANDEM_REQUEST_TIMEOUT_MS, {
    path: ['TANDEM_HEADERS_TIMEOUT_MS'],
    message: 'must not be longer than TANDEM_REQUEST_TIMEOUT_MS',
  })
  .refine((env) => (env.TANDEM_OWNER_EMAIL === undefined) === (env.TANDEM_OWNER_PASSWORD === undefined), {
    path: ['TANDEM_OWNER_PASSWORD'],
    message: 'set TANDEM_OWNER_EMAIL and TANDEM_OWNER_PASSWORD together',
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
      ...(parsed.data.TANDEM_GATEWAY_CONFIG ? { TANDEM_GATEWAY_CONFIG: resolve(base, parsed.data.TANDEM_GATEWAY_CONFIG) } : {}),
    };
  }
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid environment:\n${lines.join('\n')}`);
}
