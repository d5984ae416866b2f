import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { StudioError, type DatasetFormat } from '@tandem/shared';

/** A parsed upload: its columns in order, and each row as JSON object text. */
export interface ParsedDataset {
  columns: string[];
  rows: string[];
}

/** Limits of one upload. */
export interface ParseLimits {
  maxRows: number;
  maxColumns: number;
}

export const defaultParseLimits: ParseLimits = { maxRows: 200_000, maxColumns: 500 };

/** Text chunks of an upload, decoded as UTF-8 across chunk boundaries. */
export type TextSource = string | ReadableStream<Uint8Array>;

function textChunks(source: TextSource): AsyncIterable<string> {
  if (typeof source === 'string') return [source] as unknown as AsyncIterable<string>;
  return source.pipeThrough(new TextDecoderStream('utf-8', { fatal: false })) as unknown as AsyncIterable<string>;
}

function invalid(message: string, details: Record<string, unknown>): StudioError {
  return new StudioError('DATASET_INVALID', message, { details });
}

/**
 * Parses a CSV or JSONL upload as it streams in. CSV goes through papaparse row by row (quoted
 * fields, embedded commas and newlines, a header row naming the columns); JSONL is one JSON object
 * per line. The first malformed line stops the parse with DATASET_INVALID naming its line number
 * (and column when known); nothing is stored by the caller then.
 */
export async function parseDataset(format: DatasetFormat, source: TextSource, limits: ParseLimits = defaultParseLimits): Promise<ParsedDataset> {
  const parsed = format === 'csv' ? await parseCsv(source, limits) : await parseJsonl(source, limits);
  if (parsed.rows.length === 0) throw invalid('The file has no data rows', { field: 'content' });
  return parsed;
}

function parseCsv(source: TextSource, limits: ParseLimits): Promise<ParsedDataset> {
  return new Promise((resolve, reject) => {
    const rows: string[] = [];
    let columns: string[] | undefined;
    // The line a row starts on: the header is line 1; quoted cells may hold newlines of their own.
    let line = 2;
    let failure: StudioError | undefined;
    const stop = (error: StudioError, parser: Papa.Parser) => {
      failure ??= error;
      parser.abort();
    };
    const input = Readable.from(textChunks(source), { objectMode: true });
    Papa.parse<Record<string, string>>(input as unknown as Papa.LocalFile, {
      header: true,
      skipEmptyLines: false,
      transformHeader: (header, index) => header.trim() || `column_${index + 1}`,
      step(results, parser) {
        if (failure) return;
        columns ??= (results.meta.fields ?? []).slice();
        if (columns.length > limits.maxColumns) return stop(invalid(`The file has ${columns.length} columns; at most ${limits.maxColumns} are allowed`, { field: 'content', line: 1 }), parser);
        const values = Object.values(results.data).map((value) => (Array.isArray(value) ? value.join(',') : String(value ?? '')));
        const blank = values.every((value) => value.trim() === '');
        const error = results.errors.find((entry) => entry.code !== 'UndetectableDelimiter');
        if (blank && (!error || error.code === 'TooFewFields')) {
          line += 1;
          return;
        }
        if (error) return stop(csvError(error, line, columns), parser);
        if (rows.length >= limits.maxRows) return stop(invalid(`The file has more than ${limits.maxRows} rows`, { field: 'content', line }), parser);
        const row: Record<string, string> = {};
        for (const column of columns) row[column] = results.data[column] ?? '';
        rows.push(JSON.stringify(row));
        line += 1 + values.reduce((count, value) => count + (value.match(/\n/g)?.length ?? 0), 0);
      },
      complete() {
        if (failure) reject(failure);
        else resolve({ columns: columns ?? [], rows });
      },
      error(error: Error) {
        reject(failure ?? invalid(`The file could not be read as CSV: ${error.message}`, { field: 'content' }));
      },
    });
  });
}

function csvError(error: Papa.ParseError, line: number, columns: readonly string[]): StudioError {
  switch (error.code) {
    case 'MissingQuotes':
      return invalid(`Line ${line}: a quoted field is never closed (a " is missing)`, { field: 'content', line, reason: error.code });
    case 'InvalidQuotes':
      return invalid(`Line ${line}: a quote appears inside a field that is not quoted`, { field: 'content', line, reason: error.code });
    case 'TooManyFields':
    case 'TooFewFields':
      return invalid(`Line ${line}: ${error.message.replace(/\.$/, '')} (the header has ${columns.length}: ${columns.join(', ')})`, { field: 'content', line, reason: error.code });
    default:
      return invalid(`Line ${line}: ${error.message}`, { field: 'content', line, reason: error.code });
  }
}

async function parseJsonl(source: TextSource, limits: ParseLimits): Promise<ParsedDataset> {
  const columns = new Set<string>();
  const rows: string[] = [];
  let line = 0;
  let rest = '';
  const take = (text: string) => {
    line += 1;
    const trimmed = text.trim();
    if (trimmed === '') return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw invalid(`Line ${line}: not valid JSON (${(error as Error).message})`, { field: 'content', line });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw invalid(`Line ${line}: each line must be a JSON object, this one is ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}`, { field: 'content', line });
    }
    if (rows.length >= limits.maxRows) throw invalid(`The file has more than ${limits.maxRows} rows`, { field: 'content', line });
    for (const key of Object.keys(value)) columns.add(key);
    if (columns.size > limits.maxColumns) throw invalid(`The file has more than ${limits.maxColumns} distinct keys`, { field: 'content', line });
    rows.push(JSON.stringify(value));
  };
  for await (const chunk of textChunks(source)) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const text of lines) take(text);
  }
  if (rest !== '') take(rest);
  return { columns: [...columns], rows };
}
