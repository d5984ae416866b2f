import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@tandem/db';
import { createSecretRedactor, gatewayConfigSchema, passwordSchema, type GatewayConfig, type SecretRedactor } from '@tandem/shared';
import { createGgufEmbedder, createHashedNgramEmbedder, createOpenAICompatibleEmbedder, type Embedder } from '@tandem/providers';
import { createApp } from './app.ts';
import { createServerContext, type ServerContextOptions } from './create-server-context.ts';
import { ensureOwnerFromEnvironmentSync } from './access/owner-from-environment.ts';
import { envSchema, type ServerEnv } from './env.ts';
import { compatRoutes } from './routes/compat.ts';
import { openAICompatibleRoutes } from './routes/openai-compatible.ts';
import { createOrchestrationCompat, defaultGoalPrompt } from './services/orchestration-compat.ts';
import { seedSampleDatasets } from './templates/sample-datasets.ts';
import { seedTemplates } from './templates/seed-templates.ts';

const splitList = (value: string) => value.split(',').map((entry) => entry.trim()).filter(Boolean);

/** The semantic cache's embedder named by TANDEM_EMBEDDINGS (keys of the `openai` and `local` providers from the environment). */
export function createEmbedderFromSetting(setting: string, env: Record<string, string | undefined>, secrets: SecretRedactor): Embedder {
  if (setting === 'hashed') return createHashedNgramEmbedder();
  if (setting.startsWith('gguf:')) return createGgufEmbedder({ name: 'embeddings', modelPath: setting.slice(5), threads: Number(env.TANDEM_GGUF_THREADS ?? 1) || 1 });
  const [provider, model, dimensions] = setting.split(':') as [string, string, string];
  const baseURL = provider === 'openai' ? (env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1') : env.TANDEM_OPENAI_COMPATIBLE_URL;
  if (!baseURL) throw new Error(`TANDEM_EMBEDDINGS ${setting}: set TANDEM_OPENAI_COMPATIBLE_URL for the local provider`);
  const apiKey = provider === 'openai' ? env.OPENAI_API_KEY : env.TANDEM_OPENAI_COMPATIBLE_KEY;
  return createOpenAICompatibleEmbedder({ name: provider, baseURL, ...(apiKey ? { apiKey } : {}), model, dimensions: Number(dimensions), secrets });
}

/** Reads TANDEM_GATEWAY_CONFIG; a file that is not valid gateway settings stops the start, naming the field. */
export function readGatewayConfigFile(path: string): GatewayConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`TANDEM_GATEWAY_CONFIG ${path}: ${(error as Error).message}`);
  }
  const parsed = gatewayConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`TANDEM_GATEWAY_CONFIG ${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Opens the database, wires every part and builds the app: the one place
 * shared by `pnpm start` and the server tests.
 */
export function createTandemServer(env: Partial<ServerEnv> = {}, overrides: Partial<Omit<ServerContextOptions, 'database'>> = {}) {
  const settings = envSchema.parse({}) as ServerEnv;
  Object.assign(settings, env);
  const environmentKeys = splitList(settings.TANDEM_API_KEYS);
  if (settings.TANDEM_OWNER_PASSWORD !== undefined) {
    const checked = passwordSchema.safeParse(settings.TANDEM_OWNER_PASSWORD);
    if (!checked.success) throw new Error(`TANDEM_OWNER_PASSWORD ${checked.error.issues[0]!.message}`);
  }
  const secrets = overrides.secrets ?? createSecretRedactor();
  const database = openDatabase(settings.TANDEM_DB);
  const context = createServerContext({
    database,
    stepTimeoutMs: settings.TANDEM_STEP_TIMEOUT_MS,
    admission: { maxActive: settings.TANDEM_MAX_ACTIVE_RUNS },
    httpAllowList: splitList(settings.TANDEM_HTTP_ALLOW),
    secrets,
    access: { mode: settings.TANDEM_AUTH, environmentKeys },
    ...(settings.TANDEM_SECRET_KEY ? { secretKey: settings.TANDEM_SECRET_KEY } : {}),
    embedder: createEmbedderFromSetting(settings.TANDEM_EMBEDDINGS, overrides.providerEnv ?? process.env, secrets),
    vectorSearch: settings.TANDEM_VECTOR_SEARCH,
    ...(settings.OTEL_EXPORTER_OTLP_ENDPOINT ? { tracing: { endpoint: settings.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: settings.OTEL_SERVICE_NAME } } : {}),
    ...(settings.TANDEM_GATEWAY_CONFIG ? { gatewayConfig: readGatewayConfigFile(settings.TANDEM_GATEWAY_CONFIG) } : {}),
    sandbox: {
      ...(settings.TANDEM_SANDBOX_WORKERS !== undefined ? { maxWorkers: settings.TANDEM_SANDBOX_WORKERS } : {}),
      ...(settings.TANDEM_SANDBOX_QUEUE !== undefined ? { maxQueuedCalls: settings.TANDEM_SANDBOX_QUEUE } : {}),
    },
    ...overrides,
  });
  if (settings.TANDEM_OWNER_EMAIL && settings.TANDEM_OWNER_PASSWORD) {
    secrets.add(settings.TANDEM_OWNER_PASSWORD);
    ensureOwnerFromEnvironmentSync(context.repositories, settings.TANDEM_OWNER_EMAIL, settings.TANDEM_OWNER_PASSWORD);
  }
  seedTemplates(context);
  seedSampleDatasets(context);
  const compat = createOrchestrationCompat(context, {
    primaryModel: settings.LLM_MODEL,
    secondaryModel: settings.LLM_MODEL_SECONDARY,
    rounds: settings.COMMUNICATION_ROUNDS,
    goal: settings.SECONDARY_GOAL_PROMPT ?? defaultGoalPrompt,
    enabled: settings.ORCHESTRATION_ENABLED,
    ...(settings.TANDEM_TRACE_LOG ? { traceLogPath: settings.TANDEM_TRACE_LOG } : {}),
  });
  try {
    compat.ensure();
  } catch (error) {
    console.warn(`The orchestration pipeline was not stored: ${(error as Error).message}`);
  }
  const app = createApp(context, {
    allowedHosts: splitList(settings.TANDEM_ALLOWED_HOSTS),
    studioDist: settings.TANDEM_STUDIO_DIST ?? fileURLToPath(new URL('../../studio/dist', import.meta.url)),
    extraRoutes: [compatRoutes(compat), openAICompatibleRoutes(context, { keepAliveMs: settings.TANDEM_STREAM_KEEPALIVE_MS })],
    bodyLimitBytes: settings.TANDEM_BODY_LIMIT,
    trustProxy: settings.TANDEM_TRUST_PROXY,
    metricsPublic: settings.TANDEM_METRICS_PUBLIC,
    environmentKeyCount: environmentKeys.length,
  });
  return {
    app,
    context,
    settings,
    close() {
      context.close();
      database.close();
    },
  };
}
