import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecretRedactor } from '@tandem/shared';
import { sendJson, startRecordingServer } from '../__fixtures__/recording-server.ts';
import { createGgufEmbedder } from './gguf-embedder.ts';
import { createHashedNgramEmbedder } from './hashed-ngram-embedder.ts';
import { createOpenAICompatibleEmbedder } from './openai-compatible-embedder.ts';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, index) => sum + value * b[index]!, 0);

describe('the hashed n-gram embedder', () => {
  it('puts rephrasings of one question close together and other questions far away, deterministically', async () => {
    const embedder = createHashedNgramEmbedder();
    const [question, rephrased, other, again] = await embedder.embed([
      'What is the capital of France?',
      'what is the capital of france',
      'How do I bake sourdough bread at home?',
      'What is the capital of France?',
    ]);
    expect(question!.length).toBe(256);
    expect(dot(question!, question!)).toBeCloseTo(1, 5);
    expect(dot(question!, rephrased!)).toBeGreaterThan(0.95);
    expect(dot(question!, other!)).toBeLessThan(0.5);
    expect(again).toEqual(question);
  });
});

describe('the OpenAI-compatible embedder', () => {
  it('posts the texts to /embeddings and normalises the vectors; an upstream error is masked', async () => {
    const server = await startRecordingServer((request, response) => {
      const body = request.body as { input: string[] };
      if (body.input[0] === 'fail') return sendJson(response, 401, { error: { message: 'bad key sk-embed-secret-12345', type: 'invalid_request_error' } });
      sendJson(response, 200, { object: 'list', data: body.input.map((_, index) => ({ object: 'embedding', index, embedding: [3, 4, 0] })), model: 'embed-small', usage: { prompt_tokens: 2, total_tokens: 2 } });
    });
    try {
      const secrets = createSecretRedactor();
      const embedder = createOpenAICompatibleEmbedder({ name: 'local', baseURL: `${server.origin}/v1`, apiKey: 'sk-embed-secret-12345', model: 'embed-small', dimensions: 3, secrets });
      const [vector] = await embedder.embed(['hello']);
      expect(Array.from(vector!)).toEqual([expect.closeTo(0.6, 5), expect.closeTo(0.8, 5), 0]);
      expect(server.requests[0]).toMatchObject({ path: '/v1/embeddings', body: { model: 'embed-small', input: ['hello'] } });
      expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-embed-secret-12345');
      const failure = await embedder.embed(['fail']).catch((error: unknown) => error as Error);
      expect(failure).toMatchObject({ statusCode: 401 });
      expect(String((failure as Error).message)).not.toContain('sk-embed-secret-12345');
    } finally {
      await server.close();
    }
  });
});

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const modelPath = process.env.TANDEM_TEST_GGUF ?? path.resolve(repositoryRoot, '../shared/models/stories260K.gguf');
const modelFound = existsSync(modelPath);
if (!modelFound) console.warn(`SKIPPED: GGUF model not found at ${modelPath} (set TANDEM_TEST_GGUF to a .gguf file to run the GGUF embedding test)`);

describe('the GGUF embedder', () => {
  const embedder = createGgufEmbedder({ name: 'stories', modelPath });
  afterAll(() => embedder.dispose?.());

  it.skipIf(!modelFound)('embeds text with the real model: unit vectors of the model’s width, the same text alike', async () => {
    await embedder.ready();
    expect(embedder.dimensions).toBe(64);
    const [first, same, other] = await embedder.embed(['Lily played with a red ball in the park.', 'Lily played with a red ball in the park.', 'The dragon flew over the dark mountains at night.']);
    expect(first!.length).toBe(64);
    expect(dot(first!, first!)).toBeCloseTo(1, 4);
    expect(dot(first!, same!)).toBeCloseTo(1, 4);
    expect(dot(first!, other!)).toBeLessThan(0.9999);
  }, 60_000);
});
