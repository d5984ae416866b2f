import { z } from 'zod';
import { StudioError } from '@tandem/shared';
import { defineNode } from '../define-node.ts';
import { jsonSchemaOf } from '../graph/output-schema.ts';
import type { StepContext } from '../runtime/step-context.ts';

const httpActivitySchema = z.object({
  type: z.literal('http'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  url: z.string().min(1, 'write a URL'),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  timeoutMs: z.number().int().min(0).optional(),
});
type HttpActivity = z.infer<typeof httpActivitySchema>;

export const activityConfigSchema = z.discriminatedUnion('type', [
  httpActivitySchema,
  z.object({ type: z.literal('js'), code: z.string().min(1, 'write the function body'), timeoutMs: z.number().int().min(0).optional() }),
  z.object({
    type: z.literal('function'),
    name: z.string().min(1, 'pick a function'),
    args: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
    timeoutMs: z.number().int().min(0).optional(),
  }),
]);

const httpOutputSchema = z.object({ json: z.unknown().optional(), body: z.string(), status: z.number(), headers: z.record(z.string(), z.string()) });
const valueOutputSchema = z.object({ value: z.unknown() });

const maxErrorBodyChars = 500;

function missing(capability: string): StudioError {
  return new StudioError('NODE_RUN_FAILED', `This host has no ${capability}, so the activity cannot run`);
}

async function runHttp(config: HttpActivity, context: StepContext): Promise<z.output<typeof httpOutputSchema>> {
  const http = context.services.http;
  if (!http) throw missing('HTTP client');
  const headers: Record<string, string> = {};
  for (const [name, template] of Object.entries(config.headers ?? {})) headers[name] = context.render(template);
  // A retried step sends the same key, so the receiving service can drop the duplicate.
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'idempotency-key')) headers['Idempotency-Key'] = `${context.runId}:${context.nodeId}`;
  const url = context.render(config.url);
  const body = config.body !== undefined && config.method !== 'GET' ? context.render(config.body) : undefined;
  const response = await http.request({ method: config.method, url, headers, ...(body !== undefined ? { body } : {}), signal: context.signal });
  if (response.status >= 400) {
    throw new StudioError('HTTP_ACTIVITY_FAILED', `${config.method} ${url} answered ${response.status}: ${response.body.slice(0, maxErrorBodyChars)}`, {
      details: { status: response.status, url, body: response.body.slice(0, maxErrorBodyChars) },
    });
  }
  const output: z.output<typeof httpOutputSchema> = { status: response.status, body: response.body, headers: response.headers };
  const json = parseJson(response.body);
  if (json !== undefined) output.json = json;
  return output;
}

function parseJson(text: string): unknown {
  if (!/^\s*[[{"\d-]|^\s*(?:true|false|null)\s*$/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Runs on the server: an HTTP request (through the host's SSRF policy), a
 * sandboxed JavaScript function, or a TypeScript function registered on the server.
 */
export const activityNode = defineNode({
  kind: 'activity',
  displayName: 'Activity',
  description: 'An HTTP request, a sandboxed JavaScript function, or a function registered on the server.',
  context: 'server',
  icon: 'terminal',
  version: 1,
  config: activityConfigSchema,
  defaultConfig: () => ({ type: 'http', method: 'GET', url: 'https://example.com' }),
  fields: { url: 'template', 'headers.*': 'template', body: 'template', code: 'code', args: 'template', 'args.*': 'template' },
  literalFields: ['code'],
  output: z.union([httpOutputSchema, valueOutputSchema]),
  outputFor: (config) => jsonSchemaOf(config.type === 'http' ? httpOutputSchema : valueOutputSchema),
  rerunnable: true,
  summary: (config) => ({ preview: config.type === 'http' ? `${config.method} ${config.url}` : config.type === 'function' ? `function ${config.name}` : 'js' }),
  async run({ config, scope, context }) {
    if (config.type === 'http') return runHttp(config, context);
    if (config.type === 'js') {
      const sandbox = context.services.sandbox;
      if (!sandbox) throw missing('JavaScript sandbox');
      return { value: await sandbox.run(config.code, { inputs: context.inputs, steps: scope }, { signal: context.signal }) };
    }
    const functions = context.services.functions;
    if (!functions) throw missing('function registry');
    const args =
      typeof config.args === 'string'
        ? context.evaluate(config.args)
        : Object.fromEntries(Object.entries(config.args ?? {}).map(([name, value]) => [name, typeof value === 'string' ? context.evaluate(value) : value]));
    return { value: await functions.call(config.name, args, { signal: context.signal }) };
  },
});
