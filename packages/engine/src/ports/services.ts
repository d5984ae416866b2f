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

/** A stored model answer, for the exact-match cache. */
export interface CachedCompletion {
  text: string;
  usage: { inputTokens: number; outputTokens: number };
}

/** The exact-match LLM cache. */
export interface CompletionCache {
  get(key: string): Promise<CachedCompletion | undefined>;
  set(key: string, value: CachedCompletion): Promise<void>;
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
  pipelines?: ChildPipelineRunner;
}
