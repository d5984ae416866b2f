import { z } from 'zod';

const commaList = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

/** Settings of the processes of a cluster (web nodes and workers), read from the environment once at start. */
export const clusterEnvSchema = z.object({
  /** `postgres://…`: the database every process of the cluster shares (runs, events, the queue). */
  TANDEM_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8888),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** API keys a web node asks for (`Authorization: Bearer`); required when it listens beyond loopback. */
  TANDEM_API_KEYS: commaList,
  /** Runs a worker executes at once. */
  TANDEM_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(8),
  /** How long a worker's claim on a run lasts unless renewed (ms): a dead worker's runs are taken over after it. */
  TANDEM_LEASE_TTL_MS: z.coerce.number().int().min(200).default(15_000),
  /** A queued run nobody claimed for this long is handed out again (ms). */
  TANDEM_QUEUED_GRACE_MS: z.coerce.number().int().min(100).default(30_000),
  /** Connections each process may open to Postgres (its pool; the queue and the listener take a few more). */
  TANDEM_PG_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /** Default per-step timeout in milliseconds. */
  TANDEM_STEP_TIMEOUT_MS: z.coerce.number().int().min(0).default(300_000),
  /** Hosts or CIDR ranges HTTP activities may reach although private (comma separated). */
  TANDEM_HTTP_ALLOW: commaList,
  /** Largest request body in bytes. */
  TANDEM_BODY_LIMIT: z.coerce.number().int().min(1024).default(2 * 1024 * 1024),
  /** How long an idle keep-alive connection to a web node stays open (ms). */
  TANDEM_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
  /** Seals provider keys stored through the API; the same on every node (without it a web node stores none). */
  TANDEM_SECRET_KEY: z.string().min(1).optional(),
  /** A gateway config file (providers, pools, limits, cache; no keys), merged into the stored settings at start. */
  TANDEM_GATEWAY_CONFIG: z.string().min(1).optional(),
  /** The semantic cache's embedder, as in one process. */
  TANDEM_EMBEDDINGS: z.string().regex(/^(hashed|gguf:.+|(openai|local):[^:]+:\d+)$/, 'must be hashed, gguf:<path>, openai:<model>:<dimensions> or local:<model>:<dimensions>').default('hashed'),
  /** How old a web node's copy of the gateway settings (pools, providers, limits, keys) may get before it reads them again (ms). */
  TANDEM_GATEWAY_SETTINGS_MAX_AGE_MS: z.coerce.number().int().min(0).default(1_000),
});

export type ClusterEnv = z.infer<typeof clusterEnvSchema>;

/** Parses the environment; throws a readable error naming each bad variable. */
export function readClusterEnv(source: Record<string, string | undefined> = process.env): ClusterEnv {
  const parsed = clusterEnvSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid environment:\n${lines.join('\n')}`);
}
