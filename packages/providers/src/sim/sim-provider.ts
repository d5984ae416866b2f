import type { ModelFacts } from '@tandem/engine';
import type { ModelInfo } from '@tandem/shared';
import type { Provider } from '../provider.ts';
import { simOutputTokens } from './sim-length-model.ts';
import { SimLanguageModel } from './sim-language-model.ts';
import { parseSimModelName, type SimSettings } from './sim-settings.ts';

/** Named simulator models offered in the model picker; each says "Simulator" in its label. */
export const simModelCatalog: readonly ModelInfo[] = [
  { id: 'sim:writer', label: 'Writer (Simulator)', description: 'Simulated model: prose answers, 2000 tok/s after 150 ms.' },
  { id: 'sim:critic', label: 'Critic (Simulator)', description: 'Simulated model: answers with numbered guidance for a draft.' },
  { id: 'sim:judge', label: 'Judge (Simulator)', description: 'Simulated model: answers "Score: N" and a reason (1–10 by default).' },
  { id: 'sim:fast?tps=20000&ttft=20', label: 'Fast (Simulator)', description: 'Simulated model: 20,000 tok/s after 20 ms.' },
  { id: 'sim:slow?tps=40&ttft=600', label: 'Slow (Simulator)', description: 'Simulated model: 40 tok/s after 600 ms.' },
  { id: 'sim:flaky?errorRate=0.3', label: 'Flaky (Simulator)', description: 'Simulated model: 30% of calls fail with a retryable 503.' },
  { id: 'sim:sloppy?invalidRate=0.3', label: 'Sloppy (Simulator)', description: 'Simulated model: 30% of answers are malformed (truncated JSON, off-format text).' },
  { id: 'sim:instant', label: 'Instant (Simulator)', description: 'Simulated model: answers with no delay (benchmarks, tests).' },
].map((entry) => {
  const settings = parseSimModelName(entry.id.slice('sim:'.length));
  return {
    ...entry,
    provider: 'sim',
    simulated: true,
    ...(settings.instant ? {} : { tokensPerSecond: settings.tokensPerSecond }),
    price: { input: 0, output: 0 },
  };
});

/**
 * Facts the simulator reports about itself: its configured speed and
 * latency, no cost, how long its answers typically are, and how often a
 * call gives nothing usable (a 503 or malformed output).
 */
export function describeSimSettings(settings: SimSettings): ModelFacts {
  return {
    tokensPerSecond: settings.instant ? Number.POSITIVE_INFINITY : settings.tokensPerSecond,
    firstTokenMs: settings.instant ? 0 : settings.firstTokenMs,
    price: { input: 0, output: 0 },
    outputTokens: { ...simOutputTokens },
    failureRate: 1 - (1 - settings.errorRate) * (1 - settings.invalidRate),
  };
}

/** Options for {@link createSimProvider}. */
export interface SimProviderOptions {
  /** How many distinct model strings to keep instances for (default 1000); the cache is cleared when full. */
  cacheSize?: number;
}

/**
 * The built-in simulator provider (`sim:`). It accepts any name with the
 * options of DESIGN.md §3 and keeps one model instance per model string, so
 * the fault-injection call counter survives across calls and parsing
 * happens once.
 *
 * @example
 * const sim = createSimProvider();
 * const model = sim.languageModel('flaky?errorRate=0.3&seed=7');
 */
export function createSimProvider(options: SimProviderOptions = {}): Provider {
  const cacheSize = options.cacheSize ?? 1000;
  const models = new Map<string, SimLanguageModel>();
  const languageModel = (modelName: string): SimLanguageModel => {
    let model = models.get(modelName);
    if (model === undefined) {
      model = new SimLanguageModel(modelName);
      if (models.size >= cacheSize) models.clear();
      models.set(modelName, model);
    }
    return model;
  };
  return {
    id: 'sim',
    languageModel,
    describe(modelName) {
      try {
        return describeSimSettings(languageModel(modelName).settings);
      } catch {
        return undefined;
      }
    },
    listModels: () => simModelCatalog.map((model) => ({ ...model })),
  };
}
