import { randomUUID } from 'node:crypto';
import { StudioError, type SecretRedactor, type SessionView, type SetupOwnerBody, type UserView } from '@tandem/shared';
import type { Repositories } from '@tandem/db';
import { createLoginThrottle, type LoginLimits } from './login-throttle.ts';
import { hashPassword, hashPasswordSync, verifyPassword } from './passwords.ts';
import { actorOf, type Principal } from './principal.ts';
import { newToken, sameSecret, sha256 } from './secret-tokens.ts';

/** Settings of {@link createAccessService}. */
export interface AccessSettings {
  /** `auto`: access control is on once an account exists; `required`: always on. */
  mode: 'auto' | 'required';
  /** TANDEM_API_KEYS: environment-defined keys with the `v1` scope. */
  environmentKeys: readonly string[];
  /** A session ends after this long without a request; default 7 days. */
  sessionIdleMs?: number;
  /** A session ends this long after sign-in whatever happens; default 30 days. */
  sessionMaxMs?: number;
  loginLimits?: LoginLimits;
}

/** Where a request came from, for sessions, throttling and the audit log. */
export interface ClientInfo {
  address: string;
  userAgent?: string;
}

const day = 24 * 60 * 60_000;
// A session's last-seen time is written at most this often, not on every request.
const touchEveryMs = 60_000;

/**
 * Accounts' authentication: who a request is (session token or API key), sign-in and sign-out,
 * the first owner. Passwords are argon2id; session tokens and keys are stored as SHA-256 hashes.
 */
export function createAccessService(repositories: Repositories, secrets: SecretRedactor, settings: AccessSettings) {
  const idleMs = settings.sessionIdleMs ?? 7 * day;
  const maxMs = settings.sessionMaxMs ?? 30 * day;
  const throttle = createLoginThrottle(repositories.rateLimits, settings.loginLimits);
  const keyUses = new Map<string, number>();
  for (const key of settings.environmentKeys) secrets.add(key);
  // Printed at start while no account exists in `required` mode: whoever holds it creates the owner.
  let setupToken: string | undefined = settings.mode === 'required' && !repositories.users.any() ? newToken(24) : undefined;

  // Asked on every request. Accounts only ever come into existence (the last owner cannot be removed),
  // so once there are some the answer is kept; until then it is read again at most once a second.
  let accountsExist = false;
  let checkedAt = Number.NEGATIVE_INFINITY;
  const hasAccounts = () => {
    if (accountsExist) return true;
    const now = Date.now();
    if (now - checkedAt < 1000) return false;
    checkedAt = now;
    return (accountsExist = repositories.users.any());
  };
  const accountCreated = () => {
    accountsExist = true;
  };

  const state = () => {
    const exist = hasAccounts();
    return { accessControl: exist || settings.mode === 'required', setupRequired: !exist && settings.mode === 'required', hasAccounts: exist };
  };

  function openSession(user: UserView, client: ClientInfo): { token: string; view: SessionView } {
    const token = newToken(32);
    const csrfToken = newToken(24);
    const now = Date.now();
    repositories.sessions.create({
      id: sha256(token),
      userId: user.id,
      csrfToken,
      expiresAt: Math.min(now + idleMs, now + maxMs),
      ip: client.address,
      ...(client.userAgent ? { userAgent: client.userAgent.slice(0, 300) } : {}),
    });
    return { token, view: { accessControl: true, setupRequired: false, user, via: 'session', csrfToken, role: user.role } };
  }

  return {
    state,
    /** The link token of the first-owner setup, while one is needed in `required` mode. */
    setupToken: () => (state().setupRequired ? setupToken : undefined),

    /** The principal of a bearer key, or undefined when no key matches (unknown or revoked). */
    findKey(token: string): Principal | undefined {
      const index = settings.environmentKeys.findIndex((key) => sameSecret(key, token));
      if (index >= 0) return { kind: 'key', keyId: `env-${index + 1}`, name: `TANDEM_API_KEYS #${index + 1}`, scopes: ['v1'], source: 'environment' };
      const stored = repositories.apiKeys.findActiveByHash(sha256(token));
      if (!stored) return undefined;
      const now = Date.now();
      if (now - (keyUses.get(stored.id) ?? 0) >= touchEveryMs) {
        keyUses.set(stored.id, now);
        repositories.apiKeys.markUsed(stored.id, now);
      }
      return { kind: 'key', keyId: stored.id, name: stored.name, scopes: stored.scopes, source: 'stored', ...(stored.limits ? { limits: stored.limits } : {}) };
    },

    /** The principal of a session cookie's token, or undefined when it is unknown or expired. */
    findSession(token: string): Principal | undefined {
      const now = Date.now();
      const session = repositories.sessions.find(sha256(token), now);
      if (!session) return undefined;
      if (now - session.lastSeenAt >= touchEveryMs) repositories.sessions.touch(session.id, now, Math.min(now + idleMs, session.createdAt + maxMs));
      return { kind: 'user', user: session.user, sessionId: session.id, csrfToken: session.csrfToken };
    },

    /** What `GET /api/session` answers for a principal. */
    describe(principal: Principal): SessionView {
      const { accessControl, setupRequired } = state();
      switch (principal.kind) {
        case 'local':
          return { accessControl, setupRequired, via: 'local', role: 'owner' };
        case 'user':
          return { accessControl, setupRequired, via: 'session', user: principal.user, csrfToken: principal.csrfToken, role: principal.user.role };
        case 'key':
          return { accessControl, setupRequired, via: 'key' };
        case 'anonymous':
          return { accessControl, setupRequired, via: 'none' };
      }
    },

    /** Checks a password (throttled per account and per address) and opens a session. */
    async signIn(email: string, password: string, client: ClientInfo): Promise<{ token: string; view: SessionView }> {
      throttle.check(email, client.address);
      const user = repositories.users.getByEmail(email);
      if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
        throttle.recordFailure(email, client.address);
        repositories.audit.append({ actor: email, action: 'sign-in.failed', details: { address: client.address } });
        throw new StudioError('UNAUTHENTICATED', 'Wrong email or password', { details: { field: 'password' } });
      }
      throttle.recordSuccess(email);
      const { passwordHash: _hash, ...view } = user;
      repositories.audit.append({ actor: email, action: 'sign-in', details: { address: client.address } });
      return openSession(view, client);
    },

    signOut(principal: Principal): void {
      if (principal.kind !== 'user') return;
      repositories.sessions.delete(principal.sessionId);
      repositories.audit.append({ actor: principal.user.email, action: 'sign-out' });
    },

    /**
     * Creates the first owner and signs them in. Allowed with access control off (the person at this
     * machine turns it on) or, in `required` mode, with the setup token printed at start.
     */
    async setupOwner(body: SetupOwnerBody, principal: Principal, client: ClientInfo): Promise<{ token: string; view: SessionView }> {
      if (repositories.users.any()) throw new StudioError('CONFLICT', 'The owner account already exists: sign in instead', { details: { field: 'email' } });
      if (principal.kind !== 'local') {
        if (!setupToken || !body.token || !sameSecret(setupToken, body.token)) {
          throw new StudioError('FORBIDDEN', 'The setup token is missing or wrong: open the setup link the server printed when it started', { details: { field: 'token' } });
        }
      }
      const user = repositories.users.create({ id: randomUUID(), email: body.email, passwordHash: await hashPassword(body.password), role: 'owner' });
      accountCreated();
      setupToken = undefined;
      repositories.audit.append({ actor: principal.kind === 'local' ? 'local' : user.email, action: 'owner.created', target: user.email });
      return openSession(user, client);
    },

    /** Creates the owner from TANDEM_OWNER_EMAIL / TANDEM_OWNER_PASSWORD when that account does not exist yet. */
    ensureOwnerFromEnvironment(email: string, password: string): 'created' | 'exists' {
      secrets.add(password);
      const normalised = email.trim().toLowerCase();
      if (repositories.users.getByEmail(normalised)) return 'exists';
      repositories.users.create({ id: randomUUID(), email: normalised, passwordHash: hashPasswordSync(password), role: 'owner' });
      accountCreated();
      setupToken = undefined;
      repositories.audit.append({ actor: 'environment', action: 'owner.created', target: normalised });
      return 'created';
    },

    /** Writes an audit entry in the name of a principal. */
    audit(principal: Principal, action: string, target?: string, details?: unknown): void {
      repositories.audit.append({ actor: actorOf(principal), action, ...(target !== undefined ? { target } : {}), ...(details !== undefined ? { details } : {}) });
    },
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
