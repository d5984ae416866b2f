import { fileURLToPath } from 'node:url';
import { openDatabase } from '@tandem/db';
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
  const database = openDatabase(settings.TANDEM_DB);
  const context = createServerContext({
    database,
    stepTimeoutMs: settings.TANDEM_STEP_TIMEOUT_MS,
    httpAllowList: splitList(settings.TANDEM_HTTP_ALLOW),
    ...overrides,
  });
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
    extraRoutes: [compatRoutes(compat), openAICompatibleRoutes(context, { apiKeys: splitList(settings.TANDEM_API_KEYS) })],
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
