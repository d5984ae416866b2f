import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '@tandem/shared';
import { createSafeHttpClient } from './safe-http.ts';
import type { HostResolver, SafeHttpClientOptions } from './safe-http.ts';

// Every test talks only to this loopback canary. Blocked targets must be refused before any socket
// opens; host names go through an injected resolver (never real DNS) that records each lookup.
let canary: Server;
let port = 0;
let connections = 0;
let requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
let handler: (request: IncomingMessage, response: ServerResponse, body: string) => void;

beforeAll(async () => {
  canary = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      handler(request, response, body);
    });
  });
  canary.on('connection', () => connections++);
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  port = (canary.address() as AddressInfo).port;
});

afterAll(async () => {
  canary.closeAllConnections();
  await new Promise<void>((resolve) => canary.close(() => resolve()));
});

beforeEach(() => {
  connections = 0;
  requests = [];
  handler = (_request, response) => {
    response.setHeader('Content-Type', 'application/json');
    response.setHeader('X-Canary', 'Yes');
    response.end(JSON.stringify({ ok: true }));
  };
});

/** A resolver that answers from a table and records every lookup. */
function tableResolver(table: Record<string, string[]>): HostResolver & { calls: string[] } {
  const calls: string[] = [];
  const resolver = async (hostname: string) => {
    calls.push(hostname);
    const answers = table[hostname];
    if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolver, { calls });
}

function client(options: SafeHttpClientOptions = {}) {
  return createSafeHttpClient({ resolve: tableResolver({}), ...options });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (!StudioError.is(error)) throw error;
    return error.code;
  }
}

const get = (url: string) => ({ method: 'GET', url, headers: {} });

describe('createSafeHttpClient: deny by default', () => {
  const literalTargets = [
    'http://127.0.0.1:PORT/',
    'http://2130706433:PORT/',
    'http://0177.0.0.1:PORT/',
    'http://0x7f000001:PORT/',
    'http://127.1:PORT/',
    'http://017700000001:PORT/',
    'http://0:PORT/',
    'http://0.0.0.0:PORT/',
    'http://[::1]:PORT/',
    'http://[::ffff:127.0.0.1]:PORT/',
    'http://[::ffff:7f00:1]:PORT/',
    'http://[::127.0.0.1]:PORT/',
    'http://[::]:PORT/',
    'http://[fe80::1]:PORT/',
    'http://[fc00::1]:PORT/',
    'http://[fd12:3456::1]:PORT/',
    'http://[64:ff9b::127.0.0.1]:PORT/',
    'http://[2002:7f00:1::1]:PORT/',
    'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]:PORT/',
    'http://[ff02::1]:PORT/',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/',
    'http://172.16.5.4/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://240.0.0.1/',
    'http://localhost:PORT/',
    'http://LOCALHOST.:PORT/',
    'http://api.localhost:PORT/',
    'http://metadata.google.internal/computeMetadata/v1/',
  ];

  it.each(literalTargets)('refuses %s before connecting', async (template) => {
    const resolve = tableResolver({ localhost: ['127.0.0.1'], 'api.localhost': ['127.0.0.1'] });
    const code = await codeOf(client({ resolve }).request(get(template.replace('PORT', String(port)))));
    expect(code).toBe('SSRF_BLOCKED');
    expect(resolve.calls).toEqual([]);
    expect(connections).toBe(0);
  });

  it.each(['file:///etc/passwd', 'gopher://127.0.0.1:70/_x', 'ftp://example.com/', 'data:text/plain,hi', 'ws://example.com/'])(
    'refuses the scheme of %s',
    async (url) => {
      expect(await codeOf(client().request(get(url)))).toBe('SSRF_BLOCKED');
      expect(connections).toBe(0);
    },
  );

  it('refuses credentials in the URL', async () => {
    const resolve = tableResolver({ 'example.com': ['93.184.216.34'] });
    expect(await codeOf(client({ resolve }).request(get('http://user:secret@example.com/')))).toBe('SSRF_BLOCKED');
    expect(resolve.calls).toEqual([]);
  });

  it('refuses a host name that resolves to loopback', async () => {
    const resolve = tableResolver({ 'canary.test': ['127.0.0.1'] });
    const code = await codeOf(client({ resolve }).request(get(`http://canary.test:${port}/`)));
    expect(code).toBe('SSRF_BLOCKED');
    expect(connections).toBe(0);
  });

  it('refuses when any of several answers is private', async () => {
    const resolve = tableResolver({ 'mixed.test': ['93.184.216.34', '10.1.2.3'] });
    expect(await codeOf(client({ resolve }).request(get('http://mixed.test/')))).toBe('SSRF_BLOCKED');
    expect(connections).toBe(0);
  });

  it('refuses a DNS rebinding answer at connect time', async () => {
    let calls = 0;
    const resolve: HostResolver = async () => {
      calls++;
      return [{ address: calls === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    };
    const error = await client({ resolve }).request(get(`http://rebind.test:${port}/`)).catch((caught: unknown) => caught);
    expect(StudioError.is(error) && error.code).toBe('SSRF_BLOCKED');
    expect((error as Error).message).toContain('127.0.0.1');
    expect(calls).toBe(2); // the pre-check saw the public answer; the connect-time lookup saw loopback
    expect(connections).toBe(0);
  });

  it('reports an unknown host as HTTP_ACTIVITY_FAILED', async () => {
    expect(await codeOf(client().request(get('http://nowhere.test/')))).toBe('HTTP_ACTIVITY_FAILED');
  });
});

describe('createSafeHttpClient: allow-list', () => {
  const allowed = () => client({ allowHosts: () => ['127.0.0.1/32'] });

  it('permits an allow-listed loopback target and returns status, lower-cased headers and body', async () => {
    const response = await allowed().request({
      method: 'POST',
      url: `http://127.0.0.1:${port}/echo?q=1`,
      headers: { 'Content-Type': 'application/json', Host: 'evil.test' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(200);
    expect(response.headers['x-canary']).toBe('Yes');
    expect(JSON.parse(response.body)).toEqual({ ok: true });
    expect(requests[0]).toMatchObject({ method: 'POST', url: '/echo?q=1', body: '{"a":1}' });
    expect(requests[0]?.headers.host).toBe(`127.0.0.1:${port}`);
  });

  it('permits exactly the listed host names, and only those', async () => {
    const resolve = tableResolver({ 'canary.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'] });
    const http = client({ resolve, allowHosts: () => ['Canary.Test'] });
    expect((await http.request(get(`http://canary.test:${port}/`))).status).toBe(200);
    expect(await codeOf(http.request(get(`http://other.test:${port}/`)))).toBe('SSRF_BLOCKED');
    expect(connections).toBe(1);
  });

  it('re-validates redirects and refuses private targets without any lookup or connection to them', async () => {
    const resolve = tableResolver({ 'internal.test': ['10.0.0.1'] });
    for (const location of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/', 'http://internal.test/', 'file:///etc/passwd']) {
      handler = (_request, response) => {
        response.writeHead(302, { Location: location });
        response.end();
      };
      const code = await codeOf(client({ resolve, allowHosts: () => ['127.0.0.1'] }).request(get(`http://127.0.0.1:${port}/go`)));
      expect(code).toBe('SSRF_BLOCKED');
    }
    // Only the allowed canary was contacted; internal.test was resolved by the pre-check and refused.
    expect(resolve.calls).toEqual(['internal.test']);
    expect(requests.map((request) => request.url)).toEqual(['/go', '/go', '/go', '/go']);
  });

  it('follows allowed redirects, switches 303 to GET and drops credentials across origins', async () => {
    const resolve = tableResolver({ 'canary.test': ['127.0.0.1'] });
    handler = (request, response) => {
      if (request.url === '/start') response.writeHead(307, { Location: '/same-origin' }).end();
      else if (request.url === '/same-origin') response.writeHead(303, { Location: `http://canary.test:${port}/other` }).end();
      else response.end('done');
    };
    const http = client({ resolve, allowHosts: () => ['127.0.0.1/32'] });
    const response = await http.request({
      method: 'POST',
      url: `http://127.0.0.1:${port}/start`,
      headers: { Authorization: 'Bearer secret', Cookie: 'a=b', 'X-Trace': '1' },
      body: 'payload',
    });
    expect(response.body).toBe('done');
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['POST', '/start', 'payload'],
      ['POST', '/same-origin', 'payload'],
      ['GET', '/other', ''],
    ]);
    expect(requests[1]?.headers.authorization).toBe('Bearer secret');
    expect(requests[2]?.headers.authorization).toBeUndefined();
    expect(requests[2]?.headers.cookie).toBeUndefined();
    expect(requests[2]?.headers['x-trace']).toBe('1');
  });

  it('stops after maxRedirects', async () => {
    handler = (_request, response) => response.writeHead(302, { Location: '/again' }).end();
    const http = client({ allowHosts: () => ['127.0.0.1'], maxRedirects: 2 });
    expect(await codeOf(http.request(get(`http://127.0.0.1:${port}/`)))).toBe('HTTP_ACTIVITY_FAILED');
    expect(requests).toHaveLength(3);
  });

  it('caps the response size, declared or streamed', async () => {
    const http = client({ allowHosts: () => ['127.0.0.1'], maxResponseBytes: 1000 });
    handler = (_request, response) => response.end('x'.repeat(5000));
    expect(await codeOf(http.request(get(`http://127.0.0.1:${port}/`)))).toBe('HTTP_ACTIVITY_FAILED');
    handler = (_request, response) => {
      response.write('x'.repeat(800));
      response.end('y'.repeat(800)); // chunked, no Content-Length
    };
    expect(await codeOf(http.request(get(`http://127.0.0.1:${port}/`)))).toBe('HTTP_ACTIVITY_FAILED');
  });

  it('times out a slow server', async () => {
    handler = () => {}; // never answers
    const http = client({ allowHosts: () => ['127.0.0.1'], timeoutMs: 200 });
    const error = await http.request(get(`http://127.0.0.1:${port}/slow`)).catch((caught: unknown) => caught);
    expect(StudioError.is(error) && error.code).toBe('HTTP_ACTIVITY_FAILED');
    expect((error as Error).message).toMatch(/timed out/);
  });

  it('times out a DNS lookup that never answers', async () => {
    const http = client({ resolve: () => new Promise(() => {}), timeoutMs: 100 });
    const error = await http.request(get('http://hang.test/')).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/timed out/);
  });

  it('honours the abort signal', async () => {
    handler = () => {};
    const controller = new AbortController();
    const pending = client({ allowHosts: () => ['127.0.0.1'] }).request({ ...get(`http://127.0.0.1:${port}/`), signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await codeOf(pending)).toBe('RUN_ABORTED');
  });
});
