import { createSecretRedactor, StudioError, type SecretRedactor } from '@tandem/shared';
import { createAnthropicProvider } from './anthropic/anthropic-provider.ts';
import { createGgufProvider } from './gguf/gguf-provider.ts';
import { createOpenAICompatibleProvider } from './openai-compatible/openai-compatible-provider.ts';
import type { Provider } from './provider.ts';
import { createProviderRegistry, type ProviderRegistry } from './provider-registry.ts';
import { createSimProvider } from './sim/sim-provider.ts';

/** OpenAI models offered in the picker when `OPENAI_API_KEY` is set. */
export const defaultOpenAIModels: readonly string[] = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'gpt-4.1', 'gpt-5-mini', 'gpt-5'];

/** Environment variables read by {@link createDefaultProviderRegistry}. */
export type ProviderEnvironment = Record<string, string | undefined>;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function commaList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/** Parses `TANDEM_GGUF_MODELS` (`name=path,name2=path2`). Throws StudioError `VALIDATION_FAILED` on a malformed entry. */
export function parseGgufModelList(value: string): Record<string, string> {
  const models: Record<string, string> = {};
  for (const entry of commaList(value)) {
    const equals = entry.indexOf('=');
    const name = entry.slice(0, equals).trim();
    const modelPath = entry.slice(equals + 1).trim();
    if (equals <= 0 || modelPath === '' || !/^[A-Za-z0-9._-]+$/.test(name)) {
      throw new StudioError('VALIDATION_FAILED', `TANDEM_GGUF_MODELS entry "${entry}" must look like name=/path/to/model.gguf`, {
        details: { variable: 'TANDEM_GGUF_MODELS', entry },
      });
    }
    models[name] = modelPath;
  }
  return models;
}

/**
 * The server's registry, configured from the environment (keys stay on the server):
 *
 * | prefix | when | from |
 * | --- | --- | --- |
 * | `sim` | always | built in |
 * | `openai` | `OPENAI_API_KEY` | `OPENAI_BASE_URL` (default `https://api.openai.com/v1`) |
 * | `local` | `TANDEM_OPENAI_COMPATIBLE_URL` | `TANDEM_OPENAI_COMPATIBLE_KEY`, `TANDEM_OPENAI_COMPATIBLE_MODELS` (comma list for the picker) |
 * | `anthropic` | `ANTHROPIC_API_KEY` | `ANTHROPIC_BASE_URL` (default `https://api.anthropic.com/v1`) |
 * | `gguf` | `TANDEM_GGUF_MODELS` (`name=path,…`) | `TANDEM_GGUF_THREADS` (default 1) |
 *
 * Every key it configures is added to `options.secrets` (the server's redactor), and the keyed
 * providers' errors are masked with it.
 *
 * @example
 * const registry = createDefaultProviderRegistry(process.env, { secrets });
 */
export function createDefaultProviderRegistry(
  env: ProviderEnvironment,
  options: { fetch?: typeof fetch; secrets?: SecretRedactor } = {},
): ProviderRegistry {
  const secrets = options.secrets ?? createSecretRedactor();
  const providers: Record<string, Provider> = { sim: createSimProvider() };
  const openAIKey = nonEmpty(env.OPENAI_API_KEY);
  if (openAIKey !== undefined) {
    providers.openai = createOpenAICompatibleProvider({
      name: 'openai',
      label: 'OpenAI',
      baseURL: nonEmpty(env.OPENAI_BASE_URL) ?? 'https://api.openai.com/v1',
      apiKey: openAIKey,
      fetch: options.fetch,
      secrets,
      models: defaultOpenAIModels,
      supportsStructuredOutputs: true,
    });
  }
  const compatibleURL = nonEmpty(env.TANDEM_OPENAI_COMPATIBLE_URL);
  if (compatibleURL !== undefined) {
    providers.local = createOpenAICompatibleProvider({
      name: 'local',
      label: 'OpenAI-compatible',
      baseURL: compatibleURL,
      apiKey: nonEmpty(env.TANDEM_OPENAI_COMPATIBLE_KEY),
      fetch: options.fetch,
      secrets,
      models: commaList(env.TANDEM_OPENAI_COMPATIBLE_MODELS),
    });
  }
  const anthropicKey = nonEmpty(env.ANTHROPIC_API_KEY);
  if (anthropicKey !== undefined) {
    providers.anthropic = createAnthropicProvider({ apiKey: anthropicKey, baseURL: nonEmpty(env.ANTHROPIC_BASE_URL), fetch: options.fetch, secrets });
  }
  const ggufModels = nonEmpty(env.TANDEM_GGUF_MODELS);
  if (ggufModels !== undefined) {
    const threads = Number(nonEmpty(env.TANDEM_GGUF_THREADS) ?? '1');
    if (!Number.isInteger(threads) || threads < 1) {
      throw new StudioError('VALIDATION_FAILED', `TANDEM_GGUF_THREADS must be a positive integer, got "${env.TANDEM_GGUF_THREADS}"`, {
        details: { variable: 'TANDEM_GGUF_THREADS' },
      });
    }
    providers.gguf = createGgufProvider({ models: parseGgufModelList(ggufModels), threads });
  }
  return createProviderRegistry({ providers });
}
