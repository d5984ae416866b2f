import type { Result, Router } from 'hono/router';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { SmartRouter } from 'hono/router/smart-router';
import { TrieRouter } from 'hono/router/trie-router';

/** Hono's default router: the RegExpRouter when it accepts every route it was given, else the TrieRouter. */
const defaultRouter = <T>(): Router<T> => new SmartRouter<T>({ routers: [new RegExpRouter<T>(), new TrieRouter<T>()] });

/** True when a route's pattern could match a path whose first segment is `segment` (`/v1` → `v1`). */
function mayMatchFirstSegment(pattern: string, segment: string): boolean {
  if (pattern === '*' || pattern === '/*') return true;
  const end = pattern.indexOf('/', 1);
  const first = pattern.slice(1, end === -1 ? undefined : end);
  // A parameter, wildcard, optional or pattern in the first segment may match anything there.
  return /[:*?{(]/.test(first) || first === segment;
}

/**
 * A Hono router that matches the paths under one prefix (`/v1`) with a router of their own, holding
 * only the routes that can match there (those of the prefix, and wildcards such as middleware), and
 * every other path with a router of all routes, as Hono's default router would.
 *
 * Why: Hono's default router falls back from its RegExpRouter to the slower TrieRouter for the whole
 * app as soon as one route has a form the RegExpRouter cannot hold (a parameter beside a fixed
 * segment, as `/api/providers/:name` beside `/api/providers/pools/:name`). The gateway's routes then
 * pay for routes they never meet. The answers are the same either way: for a path under the prefix,
 * the routes left out of its router are those whose first segment is another fixed word, which
 * cannot match it, and the routes kept are in the order they were added.
 */
export class PrefixRouter<T> implements Router<T> {
  name = 'PrefixRouter';
  readonly #segment: string;
  readonly #prefix: string;
  readonly #slashed: string;
  readonly #underPrefix: Router<T> = defaultRouter<T>();
  readonly #everything: Router<T> = defaultRouter<T>();

  /** `prefix`: one fixed path segment with its slash, such as `/v1`. */
  constructor(prefix: string) {
    if (!/^\/[^/:*?{(]+$/.test(prefix)) throw new Error(`A router prefix is one fixed path segment such as /v1, not "${prefix}"`);
    this.#prefix = prefix;
    this.#slashed = `${prefix}/`;
    this.#segment = prefix.slice(1);
  }

  add(method: string, path: string, handler: T): void {
    this.#everything.add(method, path, handler);
    if (mayMatchFirstSegment(path, this.#segment)) this.#underPrefix.add(method, path, handler);
  }

  match(method: string, path: string): Result<T> {
    return path.startsWith(this.#slashed) || path === this.#prefix ? this.#underPrefix.match(method, path) : this.#everything.match(method, path);
  }

  /** The router that matches `path` (its name says which of Hono's routers it settled on once it matched a path). */
  routerFor(path: string): Router<T> {
    return path.startsWith(this.#slashed) || path === this.#prefix ? this.#underPrefix : this.#everything;
  }
}
