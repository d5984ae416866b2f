import { z } from 'zod';

const namePattern = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const nameSchema = z.string().regex(namePattern, 'must be 1–40 lower-case letters, digits, "_" or "-", starting with a letter or digit');
const modelString = z.string().trim().min(3).max(300).regex(/^[A-Za-z0-9_-]+:\S+$/, 'must be written provider:model, e.g. openai:gpt-4o-mini');

/** How a pool spreads calls over its members. */
export const poolStrategies = ['priority', 'weighted', 'least-latency'] as const;
export type PoolStrategy = (typeof poolStrategies)[number];

/** When a member's circuit opens, and for how long. */
export const breakerSettingsSchema = z.strictObject({
  /** Failures that open the circuit: in a row, or within `windowMs` when set. */
  failures: z.number().int().min(1).max(1000),
  /** Count failures within this sliding window (ms) instead of in a row. */
  windowMs: z.number().int().min(1000).max(3_600_000).optional(),
  /** How long the circuit stays open before one probe call is let through (half-open). */
  cooldownMs: z.number().int().min(100).max(3_600_000),
});
export type BreakerSettings = z.infer<typeof breakerSettingsSchema>;

/** `PUT /api/providers/pools/:name` body (DESIGN.md §9). */
export const poolConfigSchema = z.strictObject({
  strategy: z.enum(poolStrategies),
  members: z
    .array(z.strictObject({ model: modelString, weight: z.number().positive().max(1000).optional(), maxConcurrency: z.number().int().min(1).max(10_000).optional() }))
    .min(1, 'a pool needs at least one member')
    .max(20)
    .refine((members) => new Set(members.map((member) => member.model)).size === members.length, 'must not list a model twice'),
  breaker: breakerSettingsSchema.optional(),
  /** A member that has not sent its first token after this long is abandoned for the next (ms). */
  timeoutMs: z.number().int().min(100).max(600_000).optional(),
  /** Probe members whose circuit is open every this many ms (an active health check); off when absent. */
  probeIntervalMs: z.number().int().min(1000).max(3_600_000).optional(),
});
export type PoolConfig = z.infer<typeof poolConfigSchema>;

/** A provider configured in Settings (any OpenAI-compatible endpoint); its key is stored apart, sealed. */
export const providerConfigSchema = z.strictObject({
  kind: z.literal('openai-compatible'),
  baseURL: z.url({ protocol: /^https?$/ }).max(500),
  /** Model names to offer (without the prefix). */
  models: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  /** The environment variable holding its key (config files never hold keys); a key stored in Settings wins. */
  apiKeyEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name').optional(),
  /** Requests and tokens per minute this server may send the provider. */
  limits: z.strictObject({ rpm: z.number().int().positive().optional(), tpm: z.number().int().positive().optional() }).optional(),
});
export type ProviderConfig = z.infer<typeof providerConfigSchema>;

/** `PUT /api/providers/:name` body: the provider, and optionally its key (stored sealed, never sent back). */
export const putProviderBodySchema = providerConfigSchema.extend({ apiKey: z.string().min(1).max(500).optional() });
export type PutProviderBody = z.infer<typeof putProviderBodySchema>;

/** Cache settings of the gateway. */
export const gatewayCacheSettingsSchema = z.strictObject({
  /** What `/v1` uses when a request does not say (`x-tandem-cache`). */
  v1: z.enum(['off', 'exact', 'semantic']).default('off'),
  /** How long an entry lives (ms); absent: until evicted. */
  ttlMs: z.number().int().min(1000).optional(),
  /** Cosine similarity a semantic hit needs (0–1). */
  similarityThreshold: z.number().min(0.5).max(1).default(0.92),
});

/** The gateway's configuration: what `TANDEM_GATEWAY_CONFIG` holds and Settings edits (no secrets). */
export const gatewayConfigSchema = z.strictObject({
  providers: z.record(nameSchema, providerConfigSchema).default({}),
  pools: z.record(nameSchema, poolConfigSchema).default({}),
  /** Per-provider limits for the built-in and environment providers, by prefix. */
  providerLimits: z.record(nameSchema, z.strictObject({ rpm: z.number().int().positive().optional(), tpm: z.number().int().positive().optional() })).default({}),
  cache: gatewayCacheSettingsSchema.default({ v1: 'off', similarityThreshold: 0.92 }),
});
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

/** A pool or provider name as the routes take it. */
export const gatewayNameSchema = nameSchema;

/** A circuit breaker's state. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** `GET /api/providers` (DESIGN.md §9). */
export interface ProvidersView {
  providers: {
    name: string;
    models: string[];
    health: { status: 'ok' | 'degraded' | 'down' | 'unknown'; calls: number; failures: number; lastError?: string; latencyMs?: number };
    /** Where it comes from: built in, the environment, Settings, or the config file (`TANDEM_GATEWAY_CONFIG`, which wins at each start). */
    source: 'built-in' | 'environment' | 'settings' | 'config-file';
    baseURL?: string;
    /** The last four characters of its stored key, when one is stored. */
    keyLast4?: string;
    limits?: { rpm?: number; tpm?: number };
  }[];
  pools: {
    name: string;
    strategy: PoolStrategy;
    members: { model: string; weight?: number; breaker: BreakerState; inFlight: number; errorRate: number; calls: number; latencyMs?: number }[];
    breaker?: BreakerSettings;
    timeoutMs?: number;
  }[];
}

/** One time bucket of one group on the Monitoring page (gateway requests and the model calls of runs). */
export interface MonitoringBucket {
  /** Start of the bucket (ms since the epoch). */
  at: number;
  group: string;
  requests: number;
  errors: number;
  cacheHits: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMsAverage: number;
  firstTokenMsAverage: number | null;
}
