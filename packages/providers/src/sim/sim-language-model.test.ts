import { APICallError } from '@ai-sdk/provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateJson } from '@tandem/engine';
import { collectStream, userPrompt } from './__fixtures__/sim-test-helpers.ts';
import { tokenizeSimText } from './sim-tokens.ts';
import { SimLanguageModel } from './sim-language-model.ts';

const question = 'Explain how photosynthesis turns sunlight into sugar in green plants.';

async function generateText(modelName: string, prompt = userPrompt(question), extra: object = {}): Promise<string> {
  const result = await new SimLanguageModel(modelName).doGenerate({ prompt, ...extra });
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('SimLanguageModel', () => {
  describe('when called twice with the same prompt and settings', () => {
    it('answers with the same text, from different instances too', async () => {
      const first = await generateText('writer?tps=0');
      const second = await generateText('writer?tps=0');
      expect(first.length).toBeGreaterThan(50);
      expect(second).toBe(first);
    });

    it('streams the same text that doGenerate returns, with usage matching the tokens', async () => {
      const model = new SimLanguageModel('instant');
      const generated = await model.doGenerate({ prompt: userPrompt(question) });
      const { parts, text } = await collectStream((await model.doStream({ prompt: userPrompt(question) })).stream);
      expect(generated.content).toEqual([{ type: 'text', text }]);
      expect(parts.map((part) => part.type)).toEqual(['stream-start', 'text-start', 'text-delta', 'text-end', 'finish']);
      const finish = parts.at(-1);
      expect(finish).toMatchObject({
        type: 'finish',
        finishReason: { unified: 'stop' },
        usage: { inputTokens: { total: Math.ceil(question.length / 4) }, outputTokens: { total: tokenizeSimText(text).length } },
      });
      expect(generated.usage).toEqual(finish?.type === 'finish' ? finish.usage : undefined);
    });
  });

  it('answers differently for a different seed, call seed, model name or prompt', async () => {
    const base = await generateText('writer?tps=0&seed=1');
    expect(await generateText('writer?tps=0&seed=2')).not.toBe(base);
    expect(await generateText('writer?tps=0&seed=1', userPrompt(question), { seed: 5 })).not.toBe(base);
    expect(await generateText('critic-two?tps=0&seed=1')).not.toBe(base);
    expect(await generateText('writer?tps=0&seed=1', userPrompt(`${question} Briefly.`))).not.toBe(base);
  });

  it('respects maxOutputTokens and reports finish reason "length"', async () => {
    const model = new SimLanguageModel('instant');
    const result = await model.doGenerate({ prompt: userPrompt(question), maxOutputTokens: 10 });
    expect(result.usage.outputTokens.total).toBe(10);
    expect(result.finishReason.unified).toBe('length');
    const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
    expect(tokenizeSimText(text)).toHaveLength(10);
  });

  describe('when instant', () => {
    it('uses no timers at all', async () => {
      vi.useFakeTimers();
      const model = new SimLanguageModel('instant');
      const { text } = await collectStream((await model.doStream({ prompt: userPrompt(question) })).stream);
      await model.doGenerate({ prompt: userPrompt(question) });
      expect(text.length).toBeGreaterThan(0);
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  describe('when paced', () => {
    it('waits for the first token and spreads deltas at the configured rate', async () => {
      // Find a seed whose answer has at least 100 tokens (the instant twin gives the same text).
      let seed = 0;
      let expectedText = '';
      for (; seed < 50; seed++) {
        expectedText = await generateText(`pace?tps=0&seed=${seed}`);
        if (tokenizeSimText(expectedText).length >= 100) break;
      }
      const tokenCount = tokenizeSimText(expectedText).length;
      expect(tokenCount).toBeGreaterThanOrEqual(100);

      const model = new SimLanguageModel(`pace?tps=200&ttft=100&seed=${seed}`);
      const startedAt = performance.now();
      const { parts, times, text } = await collectStream((await model.doStream({ prompt: userPrompt(question) })).stream);
      const elapsed = performance.now() - startedAt;
      expect(text).toBe(expectedText);

      const deltaTimes = times.filter((_time, index) => parts[index]?.type === 'text-delta');
      const expectedStreamingMs = ((tokenCount - 1) * 1000) / 200;
      expect(deltaTimes[0]! - startedAt).toBeGreaterThanOrEqual(95);
      expect(elapsed).toBeGreaterThanOrEqual(0.9 * (100 + expectedStreamingMs));
      expect(deltaTimes.at(-1)! - deltaTimes[0]!).toBeGreaterThanOrEqual(0.8 * expectedStreamingMs);
      expect(deltaTimes.length).toBeGreaterThanOrEqual(10);
    });

    it('errors the stream promptly with an AbortError when aborted', async () => {
      const controller = new AbortController();
      const model = new SimLanguageModel('slow?tps=10&ttft=50');
      const { stream } = await model.doStream({ prompt: userPrompt(question), abortSignal: controller.signal });
      setTimeout(() => controller.abort(), 120);
      const startedAt = performance.now();
      const error = await collectStream(stream).then(() => undefined, (caught: unknown) => caught);
      expect(error).toMatchObject({ name: 'AbortError' });
      expect(performance.now() - startedAt).toBeLessThan(400);
    });

    it('rejects doGenerate when aborted, and any call whose signal is already aborted', async () => {
      const model = new SimLanguageModel('slow?tps=10&ttft=50');
      const controller = new AbortController();
      const pending = model.doGenerate({ prompt: userPrompt(question), abortSignal: controller.signal });
      controller.abort();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
      await expect(model.doStream({ prompt: userPrompt(question), abortSignal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    });
  });

  describe('prompt shapes', () => {
    it('answers a judge prompt with "Score: N" inside the requested scale and a reason', async () => {
      for (const [scale, minimum, maximum] of [['on a scale from 1 to 10', 1, 10], ['on a scale of 0-100', 0, 100], ['from 1 to 5', 1, 5]] as const) {
        for (let seed = 0; seed < 10; seed++) {
          const text = await generateText(`judge?tps=0&seed=${seed}`, userPrompt(`Score the following answer ${scale}.\n\nAnswer: Plants eat sunlight.`));
          const match = /^Score: (\d+)\nReason: .{10,}$/.exec(text);
          expect(match, text).not.toBeNull();
          expect(Number(match![1])).toBeGreaterThanOrEqual(minimum);
          expect(Number(match![1])).toBeLessThanOrEqual(maximum);
        }
      }
    });

    it('answers a critique prompt with a numbered list of 2 to 4 guidance items', async () => {
      const system = 'You are a critic. Find inaccuracies and propose clarifying questions or instructions.';
      for (let seed = 0; seed < 10; seed++) {
        const text = await generateText(`critic?tps=0&seed=${seed}`, userPrompt('Answer: Plants eat sunlight to grow.', system));
        const lines = text.split('\n');
        expect(lines.length).toBeGreaterThanOrEqual(2);
        expect(lines.length).toBeLessThanOrEqual(4);
        lines.forEach((line, index) => expect(line).toMatch(new RegExp(`^${index + 1}\\. \\S.+`)));
      }
    });

    it('refines a draft into a different, longer text', async () => {
      const draft = await generateText('writer?tps=0');
      const prompt = [
        ...userPrompt(question),
        { role: 'assistant' as const, content: [{ type: 'text' as const, text: draft }] },
        ...userPrompt('Improve your answer using this guidance:\n1. Add a concrete example.'),
      ];
      const refined = await generateText('writer?tps=0', prompt);
      expect(refined).not.toBe(draft);
      expect(tokenizeSimText(refined).length).toBeGreaterThan(tokenizeSimText(draft).length);
    });

    it('answers prose in the shape the prompt asks for, about its subject', async () => {
      const howTo = await generateText('writer?tps=0', userPrompt('How do I reset my password?'));
      expect(howTo).toMatch(/^.*reset your password.*:\n1\. .+\n2\. .+\n3\. /);
      const brief = await generateText('writer?tps=0', userPrompt('Answer briefly: How do I reset my password?'));
      expect(brief.split('\n')).toHaveLength(1);
      expect(tokenizeSimText(brief).length).toBeLessThan(tokenizeSimText(howTo).length / 2);
      const why = await generateText('writer?tps=0', userPrompt('Why is the sky blue?'));
      expect(why).toMatch(/The first reason .+ The second reason/);
      expect(why).toMatch(/the sky/);
      const problem = await generateText('writer?tps=0', userPrompt('My order arrived broken.'));
      expect(problem).toMatch(/^I'm sorry to hear that your order arrived broken|^Thanks for telling us that your order arrived broken/);
      for (let seed = 0; seed < 10; seed++) {
        const explanation = await generateText(`writer?tps=0&seed=${seed}`, userPrompt(question));
        expect(explanation).toMatch(/photosynthesis/i);
        expect(explanation).toMatch(/^[A-Z].+\.$/s);
      }
    });

    it('produces JSON valid against the requested schema', async () => {
      const schemas: object[] = [
        { type: 'object', properties: { score: { type: 'integer', minimum: 1, maximum: 10 }, reason: { type: 'string' } }, required: ['score', 'reason'], additionalProperties: false },
        {
          type: 'object',
          properties: {
            title: { type: 'string', minLength: 3, maxLength: 40 },
            tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3, uniqueItems: true },
            status: { enum: ['draft', 'final'] },
            version: { const: 2 },
            ratio: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
            even: { type: 'integer', multipleOf: 2, minimum: 3, maximum: 9 },
            published: { type: 'boolean' },
            author: { type: 'object', properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' } }, required: ['name'] },
            parts: { type: 'array', items: { $ref: '#/$defs/part' } },
            note: { type: ['string', 'null'] },
          },
          required: ['title', 'tags', 'status'],
          $defs: { part: { type: 'object', properties: { heading: { type: 'string' }, weight: { type: 'number', minimum: -5, maximum: 5 } }, required: ['heading', 'weight'] } },
        },
        {
          allOf: [
            { type: 'object', properties: { _considerations: { type: 'string' } }, required: ['_considerations'] },
            { type: 'object', properties: { answer: { type: 'string' }, items: { type: 'array', items: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 0, maximum: 3 }] } } }, required: ['answer'] },
          ],
        },
        { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false },
      ];
      for (const schema of schemas) {
        for (let seed = 0; seed < 20; seed++) {
          const text = await generateText(`writer?tps=0&seed=${seed}`, userPrompt('Give me the data.'), { responseFormat: { type: 'json', schema } });
          const value: unknown = JSON.parse(text);
          expect(validateJson(schema as Record<string, unknown>, value), text).toEqual([]);
        }
      }
    });
  });

  describe('fault injection', () => {
    it('fails about errorRate of the calls with a retryable 503, so retries can succeed', async () => {
      const model = new SimLanguageModel('flaky?tps=0&errorRate=0.3');
      let failures = 0;
      for (let call = 0; call < 200; call++) {
        try {
          await model.doGenerate({ prompt: userPrompt(question) });
        } catch (error) {
          failures++;
          expect(APICallError.isInstance(error)).toBe(true);
          expect(error).toMatchObject({ statusCode: 503, isRetryable: true });
        }
      }
      expect(failures).toBeGreaterThan(35);
      expect(failures).toBeLessThan(85);
    });

    it('returns truncated JSON or off-format text at invalidRate', async () => {
      const model = new SimLanguageModel('sloppy?tps=0&invalidRate=1');
      const json = await model.doGenerate({ prompt: userPrompt('Data please'), responseFormat: { type: 'json', schema: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } } } });
      const jsonText = json.content[0]?.type === 'text' ? json.content[0].text : '';
      expect(() => JSON.parse(jsonText)).toThrow();
      const judged = await model.doGenerate({ prompt: userPrompt('Rate the answer on a scale from 1 to 10: Plants eat sunlight.') });
      const judgedText = judged.content[0]?.type === 'text' ? judged.content[0].text : '';
      expect(judgedText).not.toMatch(/Score: \d+/);
    });

    it('hangs until aborted at timeoutRate', async () => {
      const model = new SimLanguageModel('stuck?tps=0&timeoutRate=1');
      const controller = new AbortController();
      const { stream } = await model.doStream({ prompt: userPrompt(question), abortSignal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await expect(collectStream(stream)).rejects.toMatchObject({ name: 'AbortError' });
    });
  });
});
