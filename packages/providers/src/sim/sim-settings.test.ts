import { describe, expect, it } from 'vitest';
import { StudioError } from '@tandem/shared';
import { parseSimModelName } from './sim-settings.ts';

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('parseSimModelName', () => {
  it('applies the defaults of DESIGN.md', () => {
    expect(parseSimModelName('writer')).toEqual({
      name: 'writer', tokensPerSecond: 2000, firstTokenMs: 150, errorRate: 0, invalidRate: 0, timeoutRate: 0, seed: 0, instant: false,
    });
  });

  it('reads every option', () => {
    const settings = parseSimModelName('slow?tps=40&ttft=600&errorRate=0.3&invalidRate=0.1&timeoutRate=0.05&seed=7');
    expect(settings).toMatchObject({ name: 'slow', tokensPerSecond: 40, firstTokenMs: 600, errorRate: 0.3, invalidRate: 0.1, timeoutRate: 0.05, seed: 7 });
  });

  it('treats sim:instant, tps=0 and tps=inf&ttft=0 as instant', () => {
    expect(parseSimModelName('instant').instant).toBe(true);
    expect(parseSimModelName('bench?tps=0').instant).toBe(true);
    expect(parseSimModelName('bench?tps=inf&ttft=0').instant).toBe(true);
    expect(parseSimModelName('bench?tps=inf').instant).toBe(false);
  });

  it('rejects a non-numeric option with MODEL_UNKNOWN naming the option', () => {
    const error = catchError(() => parseSimModelName('writer?tps=abc'));
    expect(StudioError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'MODEL_UNKNOWN', details: { model: 'sim:writer?tps=abc', option: 'tps' } });
    expect((error as Error).message).toContain('"tps"');
  });

  it('rejects unknown options, out-of-range rates and bad names', () => {
    expect(catchError(() => parseSimModelName('writer?speed=3'))).toMatchObject({ code: 'MODEL_UNKNOWN', details: { option: 'speed' } });
    expect(catchError(() => parseSimModelName('writer?errorRate=1.5'))).toMatchObject({ code: 'MODEL_UNKNOWN', details: { option: 'errorRate' } });
    expect(catchError(() => parseSimModelName('writer?seed=1.5'))).toMatchObject({ code: 'MODEL_UNKNOWN', details: { option: 'seed' } });
    expect(catchError(() => parseSimModelName(''))).toMatchObject({ code: 'MODEL_UNKNOWN' });
    expect(catchError(() => parseSimModelName('has space'))).toMatchObject({ code: 'MODEL_UNKNOWN' });
  });
});
