import { fileURLToPath } from 'node:url';
import { openDatabase } from '@tandem/db';
import { createSecretRedactor, passwordSchema } from '@tandem/shared';
import { createApp } from './app.ts';
import { createServerContext, type ServerContextOptions } from './create-server-context.ts';
import { envSchema, type ServerEnv } from './env.ts';
import { compatRoutes } from './routes/compat.ts';
import { openAICompatibleRoutes } from './routes/openai-compatible.ts';
import { createOrchestrationCompat, defaultGoalPrompt } from './services/orchestration-compat.ts';
import { seedSampleDatasets } from './templates/sample-datasets.ts';
import { seedTemplates } from './templates/seed-templates.ts';

const splitList = (value: string) => value.split(',').map((entry) => entry.trim()).filter(Boolean);

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
    sandbox: {
      ...(settings.TANDEM_SANDBOX_WORKERS !== undefined ? { maxWorkers: settings.TANDEM_SANDBOX_WORKERS } : {}),
      ...(settings.TANDEM_SANDBOX_QUEUE !== undefined ? { maxQueuedCalls: settings.TANDEM_SANDBOX_QUEUE } : {}),
    },
    ...overrides,
  });
  if (settings.TANDEM_OWNER_EMAIL && settings.TANDEM_OWNER_PASSWORD) {
    context.access.ensureOwnerFromEnvironment(settings.TANDEM_OWNER_EMAIL, settings.TANDEM_OWNER_PASSWORD);
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
    extraRoutes: [compatRoutes(compat), openAICompatibleRoutes(context)],
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
