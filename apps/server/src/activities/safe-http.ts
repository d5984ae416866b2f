import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { StudioError } from '@tandem/shared';
import type { HttpClient, HttpRequest, HttpResponse } from '@tandem/engine';
import { blockedAddressReason, compileAllowList, isBlockedHostname, normalizeHostname, parseIpLiteral } from './ip-policy.ts';
import type { AllowList } from './ip-policy.ts';

/** One DNS answer. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every A/AAAA address (injectable so tests never touch real DNS). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** Options of {@link createSafeHttpClient}. */
export interface SafeHttpClientOptions {
  /** Host names, IPs or CIDRs allowed even if private (read on every request, so settings apply live; a cluster worker reads them from Postgres). */
  allowHosts?: () => readonly string[] | Promise<readonly string[]>;
  /** Redirect hops followed, each re-validated (default 5). */
  maxRedirects?: number;
  /** Total time for the request including redirects and the body (default 15 s). */
  timeoutMs?: number;
  /** Largest response body accepted (default 10 MiB). */
  maxResponseBytes?: number;
  /** DNS resolution; defaults to `dns.lookup(hostname, { all: true })`. */
  resolve?: HostResolver;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
/** Headers we set ourselves or that would let a caller smuggle framing or hosts. */
const managedHeaders = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'accept-encoding', 'upgrade']);
/** Credentials that must not follow a redirect to another origin. */
const credentialHeaders = new Set(['authorization', 'cookie', 'proxy-authorization']);

const defaultResolver: HostResolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family }));

function blocked(message: string, url: string): StudioError {
  return new StudioError('SSRF_BLOCKED', message, { details: { url } });
}

function failed(message: string, url: string, cause?: unknown): StudioError {
  return new StudioError('HTTP_ACTIVITY_FAILED', message, { details: { url }, cause });
}

/** Checks every resolved address; throws SSRF_BLOCKED naming the first refused one. */
function assertAddressesAllowed(hostname: string, addresses: ResolvedAddress[], allow: AllowList, url: string): void {
  if (addresses.length === 0) throw failed(`Could not resolve host "${hostname}"`, url);
  if (allow.allowsHostname(hostname)) return;
  for (const { address } of addresses) {
    const parsed = parseIpLiteral(address);
    if (!parsed) throw blocked(`Host "${hostname}" resolved to an unparseable address`, url);
    const reason = blockedAddressReason(parsed);
    if (reason && !allow.allowsAddress(parsed)) {
      throw blocked(`Host "${hostname}" resolves to ${address} (${reason}); private addresses are refused`, url);
    }
  }
}

/** Static checks on a URL before any DNS or socket: scheme, credentials, host names and IP literals. */
function precheckUrl(target: URL, allow: AllowList): { hostname: string; isLiteral: boolean } {
  const url = target.href;
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw blocked(`Scheme "${target.protocol}" is not allowed; use http or https`, url);
  }
  if (target.username !== '' || target.password !== '') throw blocked('Credentials in the URL are not allowed', url);
  const hostname = normalizeHostname(target.hostname);
  if (allow.allowsHostname(hostname)) return { hostname, isLiteral: parseIpLiteral(hostname) !== undefined };
  if (isBlockedHostname(hostname)) throw blocked(`Host "${hostname}" is not allowed`, url);
  const literal = parseIpLiteral(hostname);
  if (literal) {
    const reason = blockedAddressReason(literal);
    if (reason && !allow.allowsAddress(literal)) throw blocked(`Address ${hostname} (${reason}) is not allowed`, url);
  }
  return { hostname, isLiteral: literal !== undefined };
}

/** A `lookup` for node:net that resolves, validates every address and only then connects. */
function guardedLookup(resolve: HostResolver, allow: AllowList, url: string): LookupFunction {
  return (hostname, options, callback) => {
    const host = normalizeHostname(hostname);
    resolve(host)
      .then((answers) => {
        assertAddressesAllowed(host, answers, allow, url);
        const wanted = options.family === 4 || options.family === 6 ? answers.filter((a) => a.family === options.family) : answers;
        const usable = wanted.length > 0 ? wanted : answers;
        if (options.all) {
          (callback as (error: Error | null, addresses: ResolvedAddress[]) => void)(null, usable);
        } else {
          const first = usable[0] as ResolvedAddress;
          callback(null, first.address, first.family);
        }
      })
      .catch((error: unknown) => callback(error as NodeJS.ErrnoException, '', 0));
  };
}

/** Rejects as soon as `signal` aborts (DNS lookups cannot be cancelled, so stop waiting for them). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolvePromise, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolvePromise, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** Sends one request (no redirects) and reads the body up to the cap. */
function sendOnce(hop: Hop, lookup: LookupFunction, signal: AbortSignal, maxBytes: number): Promise<HttpResponse> {
  return new Promise((resolvePromise, reject) => {
    const transport = hop.url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { ...hop.headers, 'accept-encoding': 'identity' };
    if (hop.body !== undefined) headers['content-length'] = String(Buffer.byteLength(hop.body));
    let request: http.ClientRequest;
    try {
      request = transport.request(hop.url, { method: hop.method, headers, lookup, signal, agent: false });
    } catch (error) {
      reject(failed(`Invalid request: ${(error as Error).message}`, hop.url.href, error));
      return;
    }
    request.on('error', reject);
    request.on('response', (response) => {
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        response.destroy();
        reject(failed(`Response is larger than ${maxBytes} bytes`, hop.url.href));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          response.destroy();
          reject(failed(`Response is larger than ${maxBytes} bytes`, hop.url.href));
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', reject);
      response.on('aborted', () => reject(failed('The connection closed before the response ended', hop.url.href)));
      response.on('end', () => {
        const flat: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolvePromise({ status: response.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    request.end(hop.body);
  });
}

/** Turns a 3xx answer into the next hop, or undefined when it is not a followable redirect. */
function nextHop(hop: Hop, response: HttpResponse): Hop | undefined {
  const location = response.headers.location;
  if (!redirectStatuses.has(response.status) || !location) return undefined;
  let url: URL;
  try {
    url = new URL(location, hop.url);
  } catch (error) {
    throw failed(`Invalid redirect location "${location.slice(0, 200)}"`, hop.url.href, error);
  }
  const changeToGet = response.status === 303 || ((response.status === 301 || response.status === 302) && hop.method === 'POST');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(hop.headers)) {
    if (url.origin !== hop.url.origin && credentialHeaders.has(name)) continue;
    if (changeToGet && name === 'content-type') continue;
    headers[name] = value;
  }
  return {
    url,
    method: changeToGet && hop.method !== 'HEAD' ? 'GET' : hop.method,
    headers,
    body: changeToGet ? undefined : hop.body,
  };
}

/**
 * Creates the server's outbound HTTP client for `activity` nodes, deny-by-default against SSRF:
 * only http/https, no URL credentials, no loopback/private/link-local/metadata/reserved targets.
 * Addresses are validated in the socket `lookup` hook at connect time (closing the DNS-rebinding
 * window a separate pre-check leaves), after a fail-fast pre-check. Redirects are followed by hand
 * and re-validated per hop; credentials are dropped across origins. Body size and total time are capped.
 */
export function createSafeHttpClient(options: SafeHttpClientOptions = {}): HttpClient {
  const maxRedirects = options.maxRedirects ?? 5;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxResponseBytes = options.maxResponseBytes ?? 10 * 1024 * 1024;
  const resolve = options.resolve ?? defaultResolver;

  return {
    async request(request: HttpRequest): Promise<HttpResponse> {
      const allow = compileAllowList((await options.allowHosts?.()) ?? []);
      if (request.signal?.aborted) throw new StudioError('RUN_ABORTED', 'The request was cancelled');
      let hop: Hop;
      try {
        hop = { url: new URL(request.url), method: request.method.toUpperCase(), headers: {}, body: request.body };
      } catch (error) {
        throw failed(`Invalid URL "${request.url.slice(0, 200)}"`, request.url, error);
      }
      for (const [name, value] of Object.entries(request.headers)) {
        const key = name.toLowerCase();
        if (!managedHeaders.has(key)) hop.headers[key] = value;
      }

      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      const onAbort = () => controller.abort();
      request.signal?.addEventListener('abort', onAbort, { once: true });

      try {
        for (let redirects = 0; ; redirects++) {
          const { hostname, isLiteral } = precheckUrl(hop.url, allow);
          if (!isLiteral) {
            // Fail fast before opening a socket; the lookup hook below re-resolves and re-checks at connect.
            let answers: ResolvedAddress[];
            try {
              answers = await untilAborted(resolve(hostname), controller.signal);
            } catch (error) {
              if (controller.signal.aborted) throw error;
              throw failed(`Could not resolve host "${hostname}"`, hop.url.href, error);
            }
            assertAddressesAllowed(hostname, answers, allow, hop.url.href);
          }
          const response = await sendOnce(hop, guardedLookup(resolve, allow, hop.url.href), controller.signal, maxResponseBytes);
          const next = nextHop(hop, response);
          if (!next) return response;
          if (redirects >= maxRedirects) throw failed(`Too many redirects (more than ${maxRedirects})`, hop.url.href);
          hop = next;
        }
      } catch (error) {
        if (timedOut) throw failed(`The request timed out after ${timeoutMs} ms`, hop.url.href, error);
        if (request.signal?.aborted) throw new StudioError('RUN_ABORTED', 'The request was cancelled', { cause: error });
        if (StudioError.is(error)) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') throw failed(`Could not resolve host "${hop.url.hostname}"`, hop.url.href, error);
        throw failed(`Request failed: ${(error as Error).message ?? String(error)}`, hop.url.href, error);
      } finally {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
