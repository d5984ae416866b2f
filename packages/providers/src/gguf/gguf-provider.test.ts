import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGgufPrompt } from './build-gguf-prompt.ts';
import { createGgufProvider } from './gguf-provider.ts';
import { readAllParts } from '../__fixtures__/stream-parts.ts';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const modelPath = process.env.TANDEM_TEST_GGUF ?? path.resolve(repositoryRoot, '../shared/models/stories260K.gguf');
const modelFound = existsSync(modelPath);
if (!modelFound) console.warn(`SKIPPED: GGUF model not found at ${modelPath} (set TANDEM_TEST_GGUF to a .gguf file to run the GGUF tests)`);

const storyPrompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Once upon a time, there was a little girl named Lily.' }] }];
const provider = createGgufProvider({ models: { stories: modelPath }, threads: 1 });

afterAll(async () => {
  await provider.dispose();
});

describe('createGgufProvider', () => {
  it('rejects unknown model names with MODEL_UNKNOWN and lists configured ones', () => {
    expect(() => provider.languageModel('missing')).toThrow(expect.objectContaining({ code: 'MODEL_UNKNOWN' }));
    expect(() => provider.languageModel('toString')).toThrow(expect.objectContaining({ code: 'MODEL_UNKNOWN' }));
    expect(provider.listModels()).toEqual([expect.objectContaining({ id: 'gguf:stories', simulated: false })]);
    expect(provider.describe('stories')).toEqual({ price: { input: 0, output: 0 } });
  });

  it('flattens messages to plain text for a base model', () => {
    expect(buildGgufPrompt(storyPrompt)).toBe('Once upon a time, there was a little girl named Lily.');
    expect(buildGgufPrompt([{ role: 'system', content: 'Write a story.' }, ...storyPrompt])).toBe(
      'Write a story.\n\nOnce upon a time, there was a little girl named Lily.',
    );
  });

  it.skipIf(!modelFound)('streams a greedy completion that is deterministic, with token usage', async () => {
    const model = provider.languageModel('stories');
    const first = await readAllParts((await model.doStream({ prompt: storyPrompt, maxOutputTokens: 40, temperature: 0 })).stream);
    const deltas = first.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []));
    const text = deltas.join('');
    expect(text.trim().length).toBeGreaterThan(0);
    expect(deltas.length).toBeGreaterThan(3);
    const finish = first.find((part) => part.type === 'finish');
    expect(finish?.type === 'finish' && finish.usage.inputTokens.total).toBeGreaterThan(0);
    expect(finish?.type === 'finish' && finish.usage.outputTokens.total).toBeGreaterThan(0);
    expect(finish?.type === 'finish' && finish.usage.outputTokens.total).toBeLessThanOrEqual(40);

    const second = await model.doGenerate({ prompt: storyPrompt, maxOutputTokens: 40, temperature: 0 });
    expect(second.content).toEqual([{ type: 'text', text }]);
  }, 60_000);

  it.skipIf(!modelFound)('serializes concurrent generations and honours abort', async () => {
    const model = provider.languageModel('stories');
    const [a, b] = await Promise.all([
      model.doGenerate({ prompt: storyPrompt, maxOutputTokens: 20 }),
      model.doGenerate({ prompt: storyPrompt, maxOutputTokens: 20 }),
    ]);
    expect(a.content).toEqual(b.content);

    const alreadyAborted = new AbortController();
    alreadyAborted.abort();
    await expect(model.doGenerate({ prompt: storyPrompt, abortSignal: alreadyAborted.signal })).rejects.toMatchObject({ name: 'AbortError' });

    const controller = new AbortController();
    const { stream } = await model.doStream({ prompt: storyPrompt, maxOutputTokens: 400, temperature: 0.8, seed: 3, abortSignal: controller.signal });
    const reader = stream.getReader();
    let deltas = 0;
    const outcome = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'finished';
        if (value.type === 'text-delta' && ++deltas === 3) controller.abort();
      }
    })();
    await expect(outcome).rejects.toMatchObject({ name: 'AbortError' });
    expect(deltas).toBeLessThan(50);
  }, 60_000);
});
