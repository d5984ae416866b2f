import { describe, expect, it } from 'vitest';
import { StudioError } from '@tandem/shared';
import { parseDataset } from './dataset-parsing.ts';

async function failure(promise: Promise<unknown>): Promise<StudioError> {
  try {
    await promise;
  } catch (error) {
    if (StudioError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

function streamOf(text: string, chunkSize: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let offset = 0; offset < bytes.length; offset += chunkSize) controller.enqueue(bytes.slice(offset, offset + chunkSize));
      controller.close();
    },
  });
}

describe('parsing CSV uploads', () => {
  it('reads quoted fields with commas, quotes and newlines, and skips blank lines', async () => {
    const csv = 'question,expected\n"Hello, world","He said ""hi"""\n\n"two\nlines",ok\n';
    const parsed = await parseDataset('csv', csv);
    expect(parsed.columns).toEqual(['question', 'expected']);
    expect(parsed.rows.map((row) => JSON.parse(row))).toEqual([
      { question: 'Hello, world', expected: 'He said "hi"' },
      { question: 'two\nlines', expected: 'ok' },
    ]);
  });

  it('streams a large file in small chunks without splitting a character', async () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => `q${index} — café,${index}`);
    const parsed = await parseDataset('csv', streamOf(`question,n\n${rows.join('\n')}\n`, 997));
    expect(parsed.rows).toHaveLength(20_000);
    expect(JSON.parse(parsed.rows[19_999]!)).toEqual({ question: 'q19999 — café', n: '19999' });
  });

  it('names the line of a broken quote, counting the newlines inside earlier quoted cells', async () => {
    const error = await failure(parseDataset('csv', 'a,b\n"x\ny",1\nfine,2\n"broken,3\nmore,4\n'));
    expect(error.code).toBe('DATASET_INVALID');
    expect(error.details).toMatchObject({ line: 5 });
    expect(error.message).toContain('Line 5');
  });

  it('names the line with too many fields', async () => {
    const error = await failure(parseDataset('csv', 'a,b\n1,2\n1,2,3\n'));
    expect(error.details).toMatchObject({ line: 3, reason: 'TooManyFields' });
  });

  it('refuses a file without data rows', async () => {
    expect((await failure(parseDataset('csv', 'a,b\n'))).message).toContain('no data rows');
  });
});

describe('parsing JSONL uploads', () => {
  it('reads one object per line and collects the columns in order of appearance', async () => {
    const parsed = await parseDataset('jsonl', streamOf('{"q":"a","n":1}\n\n{"q":"b","extra":true}\n{"q":"c"}', 5));
    expect(parsed.columns).toEqual(['q', 'n', 'extra']);
    expect(parsed.rows).toHaveLength(3);
  });

  it('names a line that is not an object, or not JSON', async () => {
    expect((await failure(parseDataset('jsonl', '{"q":"a"}\n[1,2]\n'))).details).toMatchObject({ line: 2 });
    expect((await failure(parseDataset('jsonl', '{"q":"a"}\n{"q":\n'))).message).toContain('Line 2: not valid JSON');
  });
});
