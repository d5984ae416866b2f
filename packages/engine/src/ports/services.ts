import type { PipelineDocument, RunStatus } from '@tandem/shared';

/** Runs untrusted JavaScript in an isolated sandbox (the server provides it). */
export interface Sandbox {
  /**
   * Evaluates `code` as the body of a function receiving `input` (JSON) and
   * returns its JSON result. Throws StudioError SANDBOX_TIMEOUT, SANDBOX_MEMORY or SANDBOX_ERROR.
   */
  run(code: string, input: unknown, options?: { timeoutMs?: number; signal?: AbortSignal }): Promise<unknown>;
}

/** An outbound HTTP request from an `activity` step. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Performs HTTP requests with the server's SSRF policy; throws StudioError SSRF_BLOCKED. */
export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
}

/** Calls TypeScript functions registered on the server by name. */
export interface FunctionRegistry {
  /** Throws StudioError FUNCTION_UNKNOWN when `name` is not registered. */
  call(name: string, args: unknown, options: { signal: AbortSignal }): Promise<unknown>;
  list(): { name: string; description: string }[];
}

/** A stored model answer, for the caches. */
export interface CachedCompletion {
  text: string;
  usage: { inputTokens: number; outputTokens: number };
  /** What the call that filled the entry cost (USD): what a hit saves. */
  costUsd?: number;
}

/** The exact-match LLM cache. Errors are never stored. */
export interface CompletionCache {
  /** The live entry of `key` (expired entries are never answered). */
  get(key: string): Promise<CachedCompletion | undefined>;
  /** Stores an answer, kept `ttlMs` when given. */
  set(key: string, value: CachedCompletion, options?: { ttlMs?: number }): Promise<void>;
}

/** What the semantic cache matches: answers in one scope, found by the similarity of the user content. */
export interface SemanticCacheRequest {
  /** Hash of what must be equal for an answer to be reused: model, parameters, system prompt. */
  scope: string;
  /** The user content, embedded and compared. */
  text: string;
}

/** The semantic LLM cache (the server embeds the text and searches stored vectors). */
export interface SemanticCompletionCache {
  /** The most similar stored answer in the scope above the cache's threshold, with its cosine similarity. */
  lookup(request: SemanticCacheRequest): Promise<(CachedCompletion & { similarity: number }) | undefined>;
  /** Stores an answer, kept `ttlMs` when given. */
  store(request: SemanticCacheRequest, value: CachedCompletion, options?: { ttlMs?: number }): Promise<void>;
}

/** Runs another pipeline as a child run (the `pipeline` node). */
export interface ChildPipelineRunner {
  run(request: {
    parentRunId: string;
    nodeId: string;
    pipelineId: string;
    version?: number;
    inputs: Record<string, unknown>;
    signal: AbortSignal;
  }): Promise<{ runId: string; status: RunStatus; outputs: Record<string, unknown>; error?: { code: string; message: string } }>;
  /** Loads a pipeline document, for checks. */
  load?(pipelineId: string, version?: number): Promise<PipelineDocument | undefined>;
}

/** Host capabilities a run may use. Each one is optional; a node that needs a missing one fails with a clear error. */
export interface RunServices {
  sandbox?: Sandbox;
  http?: HttpClient;
  functions?: FunctionRegistry;
  cache?: CompletionCache;
  semanticCache?: SemanticCompletionCache;
  pipelines?: ChildPipelineRunner;
}
