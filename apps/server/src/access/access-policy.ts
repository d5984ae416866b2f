import type { ApiKeyScope, UserRole } from '@tandem/shared';

/** Who may call a route: anyone, the metrics rule (public when configured), or a role / a key scope. */
export type RouteAccess =
  | 'public'
  | 'metrics'
  | {
      /** The least role of a signed-in account; null: accounts may not call it (keys only). */
      role: UserRole | null;
      /** Keys with any of these scopes may call it. */
      scopes: readonly ApiKeyScope[];
    };

/** One route's rule. `path` is written as the app registers it (`/api/runs/:id`, `/v1/*`). */
export interface AccessRule {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ALL';
  path: string;
  access: RouteAccess;
  /** False for the routes that create a session (sign-in, owner setup): they have none to protect yet. */
  csrf?: boolean;
}

const read = { role: 'viewer', scopes: ['studio', 'runs'] } as const;
const inspect = { role: 'viewer', scopes: ['studio'] } as const;
const edit = { role: 'editor', scopes: ['studio'] } as const;
const run = { role: 'editor', scopes: ['studio', 'runs'] } as const;
const owner = { role: 'owner', scopes: ['admin'] } as const;
const gateway = { role: null, scopes: ['v1'] } as const;
// A person's verdict on a run: anyone signed in, and the apps that serve runs to people (gateway keys).
const feedback = { role: 'viewer', scopes: ['studio', 'runs', 'v1'] } as const;

/**
 * Every route of the server and who may call it (DESIGN.md §10). The first rule that matches wins;
 * a request no rule matches is refused. The auth matrix test checks that every route the app
 * registers has its own rule here, so a new route cannot be added without deciding its access.
 */
export const accessRules: readonly AccessRule[] = [
  { method: 'GET', path: '/healthz', access: 'public' },
  { method: 'GET', path: '/metrics', access: 'metrics' },

  { method: 'POST', path: '/api/session', access: 'public', csrf: false },
  { method: 'GET', path: '/api/session', access: 'public' },
  { method: 'DELETE', path: '/api/session', access: 'public' },
  { method: 'POST', path: '/api/setup', access: 'public', csrf: false },
  { method: 'GET', path: '/api/users', access: owner },
  { method: 'POST', path: '/api/users', access: owner },
  { method: 'PATCH', path: '/api/users/:id', access: owner },
  { method: 'DELETE', path: '/api/users/:id', access: owner },
  { method: 'GET', path: '/api/keys', access: owner },
  { method: 'POST', path: '/api/keys', access: owner },
  { method: 'DELETE', path: '/api/keys/:id', access: owner },
  { method: 'GET', path: '/api/audit', access: owner },
  { method: 'GET', path: '/api/settings', access: { role: 'viewer', scopes: ['studio', 'admin'] } },
  { method: 'PUT', path: '/api/settings', access: owner },

  { method: 'GET', path: '/api/pipelines', access: read },
  { method: 'POST', path: '/api/pipelines', access: edit },
  // Read-only (problems and estimates): the editor asks for it while a viewer looks at a pipeline.
  { method: 'POST', path: '/api/pipelines/check', access: inspect },
  { method: 'POST', path: '/api/pipelines/import', access: edit },
  { method: 'GET', path: '/api/pipelines/:id', access: read },
  { method: 'PUT', path: '/api/pipelines/:id', access: edit },
  { method: 'DELETE', path: '/api/pipelines/:id', access: edit },
  { method: 'GET', path: '/api/pipelines/:id/export', access: read },
  { method: 'GET', path: '/api/pipelines/:id/diff', access: read },
  { method: 'DELETE', path: '/api/pipelines/:id/draft', access: edit },
  { method: 'POST', path: '/api/runs', access: run },
  { method: 'GET', path: '/api/runs', access: read },
  { method: 'GET', path: '/api/runs/:id', access: read },
  { method: 'GET', path: '/api/runs/:id/trace', access: read },
  { method: 'POST', path: '/api/runs/:id/cancel', access: run },
  // A fork may save its changed config as a new version: editing, not only running.
  { method: 'POST', path: '/api/runs/:id/fork', access: edit },
  { method: 'POST', path: '/api/runs/:id/nodes/:nodeId/submit', access: run },
  { method: 'GET', path: '/api/runs/:id/events', access: read },
  { method: 'GET', path: '/api/providers/models', access: read },
  { method: 'GET', path: '/api/providers', access: read },
  // Pools, providers and their keys route traffic and hold secrets: security settings, an owner's, audited.
  { method: 'PUT', path: '/api/providers/pools/:name', access: owner },
  { method: 'DELETE', path: '/api/providers/pools/:name', access: owner },
  { method: 'PUT', path: '/api/providers/:name', access: owner },
  { method: 'DELETE', path: '/api/providers/:name', access: owner },
  { method: 'POST', path: '/api/providers/:name/test', access: run },
  { method: 'GET', path: '/api/monitoring', access: read },
  { method: 'GET', path: '/api/functions', access: read },
  { method: 'GET', path: '/api/inbox', access: read },
  { method: 'POST', path: '/api/runs/:id/feedback', access: feedback },
  { method: 'GET', path: '/api/runs/:id/feedback', access: read },
  { method: 'GET', path: '/api/pipelines/:id/live', access: read },
  { method: 'GET', path: '/api/datasets', access: read },
  { method: 'POST', path: '/api/datasets', access: edit },
  { method: 'GET', path: '/api/datasets/:id', access: read },
  { method: 'PUT', path: '/api/datasets/:id', access: edit },
  { method: 'GET', path: '/api/datasets/:id/rows', access: read },
  { method: 'GET', path: '/api/experiments', access: read },
  { method: 'POST', path: '/api/experiments', access: run },
  { method: 'POST', path: '/api/experiments/estimate', access: run },
  { method: 'GET', path: '/api/experiments/:id', access: read },
  { method: 'GET', path: '/api/experiments/:id/events', access: read },
  { method: 'POST', path: '/api/experiments/:id/cancel', access: run },
  { method: 'POST', path: '/api/experiments/:id/retry-failed', access: run },
  { method: 'GET', path: '/api/experiments/:id/analysis', access: read },
  { method: 'GET', path: '/api/experiments/:id/results', access: read },
  { method: 'GET', path: '/api/experiments/:id/rows', access: read },
  { method: 'GET', path: '/api/experiments/:id/compare', access: read },
  // An API route without a rule of its own is an owner's until it is given one.
  { method: 'ALL', path: '/api/*', access: owner },

  { method: 'POST', path: '/generate', access: run },
  { method: 'GET', path: '/config/orchestration', access: read },
  { method: 'PUT', path: '/config/orchestration', access: edit },

  { method: 'GET', path: '/v1/models', access: gateway },
  { method: 'GET', path: '/v1/models/:id{.+}', access: gateway },
  { method: 'POST', path: '/v1/chat/completions', access: gateway },
  { method: 'ALL', path: '/v1/*', access: gateway },

  // The studio's files and pages: the page itself asks for sign-in.
  { method: 'GET', path: '/*', access: 'public' },
];

/** Access to `/metrics` when it is not public. */
export const metricsAccess = { role: 'viewer', scopes: ['studio', 'admin'] } as const;

function matches(pattern: string, path: string): boolean {
  const wanted = pattern.split('/');
  const actual = path.split('/');
  for (let index = 0; index < wanted.length; index++) {
    const segment = wanted[index]!;
    if (segment === '*' && index === wanted.length - 1) return true;
    const given = actual[index];
    if (given === undefined) return false;
    if (segment.startsWith(':') ? given === '' : segment !== given) return false;
  }
  return actual.length === wanted.length;
}

// The rules of the paths seen lately (the same few routes take most requests): a bounded memo, dropped when full.
const memo = new Map<string, AccessRule | undefined>();
const memoSize = 2000;

/** The rule for a request, or undefined (refused). HEAD is read as GET. */
export function findAccessRule(method: string, path: string, rules: readonly AccessRule[] = accessRules): AccessRule | undefined {
  const normalised = method === 'HEAD' ? 'GET' : method;
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (rules !== accessRules) return rules.find((rule) => (rule.method === 'ALL' || rule.method === normalised) && matches(rule.path, trimmed));
  const key = `${normalised} ${trimmed}`;
  if (memo.has(key)) return memo.get(key);
  const rule = rules.find((candidate) => (candidate.method === 'ALL' || candidate.method === normalised) && matches(candidate.path, trimmed));
  if (memo.size >= memoSize) memo.clear();
  memo.set(key, rule);
  return rule;
}
