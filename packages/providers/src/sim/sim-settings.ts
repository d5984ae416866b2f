import { StudioError } from '@tandem/shared';

/** Parsed form of a simulator model name such as `writer?tps=40&ttft=600`. */
export interface SimSettings {
  /** The name before `?`, e.g. `writer`. Part of the seed. */
  name: string;
  /** Tokens per second after the first token; `Infinity` streams everything at once. */
  tokensPerSecond: number;
  /** Milliseconds before the first token. */
  firstTokenMs: number;
  /** Probability (0..1) that a call fails with a retryable 503. */
  errorRate: number;
  /** Probability (0..1) that a call returns malformed output. */
  invalidRate: number;
  /** Probability (0..1) that a call hangs until it is aborted (to demonstrate step timeouts). */
  timeoutRate: number;
  /** Seed mixed into every generation. */
  seed: number;
  /** True when the model answers with no delay and no timers at all (`sim:instant`, `tps=0`, or `tps=inf&ttft=0`). */
  instant: boolean;
}

/** Defaults from DESIGN.md §3: 2000 tokens/s after 150 ms, no faults, seed 0. */
export const defaultSimSettings: Readonly<Omit<SimSettings, 'name' | 'instant'>> = {
  tokensPerSecond: 2000,
  firstTokenMs: 150,
  errorRate: 0,
  invalidRate: 0,
  timeoutRate: 0,
  seed: 0,
};

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

type NumericOption = 'tps' | 'ttft' | 'errorRate' | 'invalidRate' | 'timeoutRate' | 'seed';

const optionLimits: Record<NumericOption, { min: number; max: number; allowInfinity: boolean }> = {
  tps: { min: 0, max: Number.POSITIVE_INFINITY, allowInfinity: true },
  ttft: { min: 0, max: 600_000, allowInfinity: false },
  errorRate: { min: 0, max: 1, allowInfinity: false },
  invalidRate: { min: 0, max: 1, allowInfinity: false },
  timeoutRate: { min: 0, max: 1, allowInfinity: false },
  seed: { min: -2_147_483_648, max: 4_294_967_295, allowInfinity: false },
};

function invalidModel(modelName: string, message: string, option?: string): StudioError {
  return new StudioError('MODEL_UNKNOWN', `Invalid simulator model "sim:${modelName}": ${message}`, {
    details: { model: `sim:${modelName}`, option },
  });
}

function parseNumber(modelName: string, option: NumericOption, raw: string): number {
  const limits = optionLimits[option];
  const lowered = raw.trim().toLowerCase();
  const value = limits.allowInfinity && (lowered === 'inf' || lowered === 'infinity') ? Number.POSITIVE_INFINITY : Number(raw);
  if (raw.trim() === '' || Number.isNaN(value) || (!Number.isFinite(value) && !limits.allowInfinity)) {
    throw invalidModel(modelName, `option "${option}" must be a number, got "${raw}"`, option);
  }
  if (value < limits.min || value > limits.max) {
    throw invalidModel(modelName, `option "${option}" must be between ${limits.min} and ${limits.max}, got ${raw}`, option);
  }
  if (option === 'seed' && !Number.isInteger(value)) {
    throw invalidModel(modelName, `option "seed" must be an integer, got ${raw}`, option);
  }
  return value;
}

/**
 * Parses the part of a `sim:` model string after the colon.
 * Throws StudioError `MODEL_UNKNOWN` naming the bad option.
 *
 * @example
 * parseSimModelName('slow?tps=40&ttft=600'); // { name: 'slow', tokensPerSecond: 40, firstTokenMs: 600, … }
 */
export function parseSimModelName(modelName: string): SimSettings {
  const questionMark = modelName.indexOf('?');
  const name = questionMark === -1 ? modelName : modelName.slice(0, questionMark);
  if (!namePattern.test(name)) {
    throw invalidModel(modelName, 'the name must be letters, digits, ".", "_" or "-"');
  }
  const settings: SimSettings = { name, ...defaultSimSettings, instant: name === 'instant' };
  if (questionMark !== -1) {
    for (const [option, raw] of new URLSearchParams(modelName.slice(questionMark + 1))) {
      if (!(option in optionLimits)) {
        throw invalidModel(modelName, `unknown option "${option}" (known: ${Object.keys(optionLimits).join(', ')})`, option);
      }
      const value = parseNumber(modelName, option as NumericOption, raw);
      if (option === 'tps') settings.tokensPerSecond = value;
      else if (option === 'ttft') settings.firstTokenMs = value;
      else if (option === 'errorRate') settings.errorRate = value;
      else if (option === 'invalidRate') settings.invalidRate = value;
      else if (option === 'timeoutRate') settings.timeoutRate = value;
      else settings.seed = value;
    }
  }
  if (settings.tokensPerSecond === 0) settings.instant = true;
  if (settings.tokensPerSecond === Number.POSITIVE_INFINITY && settings.firstTokenMs === 0) settings.instant = true;
  return settings;
}
