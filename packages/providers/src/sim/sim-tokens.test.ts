import { describe, expect, it } from 'vitest';
import { userPrompt } from './__fixtures__/sim-test-helpers.ts';
import { SimLanguageModel } from './sim-language-model.ts';
import { countSimTokens, tokenizeSimText } from './sim-tokens.ts';

describe('countSimTokens', () => {
  it.each(['', ' ', 'a', 'a ', ' a', 'a.b', 'a  .', "don't stop", 'Hi — there… “quoted” é café 👋 日本語', '1. Step one\n2. Step two\n', '{"start":"2026-12-03T14:00:00Z","n":[1,2]}', 'tab\tand\r\nlines\v\f'])(
    'counts %j like tokenizeSimText',
    (text) => {
      expect(countSimTokens(text)).toBe(tokenizeSimText(text).length);
    },
  );

  it('counts every simulated answer like tokenizeSimText', async () => {
    for (let seed = 0; seed < 30; seed++) {
      const model = new SimLanguageModel(`writer?tps=0&seed=${seed}`);
      const result = await model.doGenerate({ prompt: userPrompt(`How do I reset my password, case ${seed}?`) });
      const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
      expect(result.usage.outputTokens.total).toBe(tokenizeSimText(text).length);
      expect(tokenizeSimText(text).join('')).toBe(text);
    }
  });
});
