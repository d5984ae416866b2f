import { randomUUID } from 'node:crypto';
import { StudioError, type ApiKeyScope, type ApiKeyView, type SecretRedactor, type SessionView, type SetupOwnerBody, type UserView } from '@tandem/shared';
import type { AccessStore } from '@tandem/db';
import { createLoginThrottle, type LoginLimits } from './login-throttle.ts';
import { environmentOwner, environmentOwnerAudit, normaliseEmail } from './owner-from-environment.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { actorOf, type Principal } from './principal.ts';
import { newToken, sameSecret, sha256 } from './secret-tokens.ts';

/** Settings of {@link createAccessService}. */
export interface AccessSettings {
  /** `auto`: access control is on once an account exists; `required`: always on. */
  mode: 'auto' | 'required';
  /** TANDEM_API_KEYS: keys defined in the environment. */
  environmentKeys: readonly string[];
  /** What the environment's keys may do: `v1` in one process; a cluster's web nodes also let them drive runs (ADR 44). */
  environmentKeyScopes?: readonly ApiKeyScope[];
  /**
   * While no account exists, how often the store is asked again whether one does (ms; default 1000).
   * A web node of a cluster asks on every request (0), since another node may have created the owner.
   */
  accountsRecheckMs?: number;
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

/** Whether access control is on and whether the first owner is still to be created. */
export interface AccessState {
  accessControl: boolean;
  setupRequired: boolean;
  hasAccounts: boolean;
}

const day = 24 * 60 * 60_000;
// A session's last-seen time and a key's last use are written at most this often, not on every request.
const touchEveryMs = 60_000;

/**
 * Accounts' authentication: who a request is (session token or API key), sign-in and sign-out,
 * the first owner. Passwords are argon2id; session tokens and keys are stored as SHA-256 hashes.
 * Everything is read from the store on each request (no cache a revocation could outlive), so the
 * same service serves the single process (SQLite) and every web node of a cluster (Postgres).
 */
export function createAccessService(store: AccessStore, secrets: SecretRedactor, settings: AccessSettings) {
  const idleMs = settings.sessionIdleMs ?? 7 * day;
  const maxMs = settings.sessionMaxMs ?? 30 * day;
  const recheckMs = settings.accountsRecheckMs ?? 1000;
  const environmentKeyScopes = settings.environmentKeyScopes ?? ['v1'];
  const throttle = createLoginThrottle(store.signInCounters, settings.loginLimits);
  const keyUses = new Map<string, number>();
  for (const key of settings.environmentKeys) secrets.add(key);
  // Printed at start in `required` mode; shown (and accepted) only while no account exists.
  let setupToken: string | undefined = settings.mode === 'required' ? newToken(24) : undefined;

  // Asked on every request. Accounts only ever come into existence (the last owner cannot be removed),
  // so once there are some the answer is kept; until then it is read again at most every `recheckMs`.
  let accountsExist = false;
  let checkedAt = Number.NEGATIVE_INFINITY;
  const hasAccounts = async () => {
    if (accountsExist) return true;
    const now = Date.now();
    if (now - checkedAt < recheckMs) return false;
    checkedAt = now;
    return (accountsExist = await store.users.any());
  };
  const accountCreated = () => {
    accountsExist = true;
    setupToken = undefined;
  };

  const state = async (): Promise<AccessState> => {
    const exist = await hasAccounts();
    return { accessControl: exist || settings.mode === 'required', setupRequired: !exist && settings.mode === 'required', hasAccounts: exist };
  };

  async function openSession(user: UserView, client: ClientInfo): Promise<{ token: string; view: SessionView }> {
    const token = newToken(32);
    const csrfToken = newToken(24);
    const now = Date.now();
    // Sessions past their end are removed as new ones open, so the table holds only live sessions.
    await store.sessions.deleteExpired(now);
    await store.sessions.create({
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
    /** The storage of accounts, sessions, keys, the audit log and settings (the access routes use it). */
    store,
    state,
    /** The link token of the first-owner setup, while one is needed in `required` mode. */
    setupToken: async () => ((await state()).setupRequired ? setupToken : undefined),

    /** The keys of TANDEM_API_KEYS as `GET /api/keys` lists them (never their value). */
    environmentKeyViews: (): ApiKeyView[] =>
      settings.environmentKeys.map((_, index) => ({ id: `env-${index + 1}`, name: `TANDEM_API_KEYS #${index + 1}`, prefix: '', scopes: [...environmentKeyScopes], source: 'environment' })),

    /** The principal of a bearer key, or undefined when no key matches (unknown or revoked). */
    async findKey(token: string): Promise<Principal | undefined> {
      const index = settings.environmentKeys.findIndex((key) => sameSecret(key, token));
      if (index >= 0) return { kind: 'key', keyId: `env-${index + 1}`, name: `TANDEM_API_KEYS #${index + 1}`, scopes: environmentKeyScopes, source: 'environment' };
      const stored = await store.apiKeys.findActiveByHash(sha256(token));
      if (!stored) return undefined;
      const now = Date.now();
      if (now - (keyUses.get(stored.id) ?? 0) >= touchEveryMs) {
        keyUses.set(stored.id, now);
        await store.apiKeys.markUsed(stored.id, now);
      }
      return { kind: 'key', keyId: stored.id, name: stored.name, scopes: stored.scopes, source: 'stored', ...(stored.limits ? { limits: stored.limits } : {}) };
    },

    /** The principal of a session cookie's token, or undefined when it is unknown or expired. */
    async findSession(token: string): Promise<Principal | undefined> {
      const now = Date.now();
      const session = await store.sessions.find(sha256(token), now);
      if (!session) return undefined;
      if (now - session.lastSeenAt >= touchEveryMs) await store.sessions.touch(session.id, now, Math.min(now + idleMs, session.createdAt + maxMs));
      return { kind: 'user', user: session.user, sessionId: session.id, csrfToken: session.csrfToken };
    },

    /** What `GET /api/session` answers for a principal. */
    async describe(principal: Principal): Promise<SessionView> {
      const { accessControl, setupRequired } = await state();
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
      await throttle.check(email, client.address);
      const user = await store.users.getByEmail(email);
      if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
        await throttle.recordFailure(email, client.address);
        await store.audit.append({ actor: email, action: 'sign-in.failed', details: { address: client.address } });
        throw new StudioError('UNAUTHENTICATED', 'Wrong email or password', { details: { field: 'password' } });
      }
      await throttle.recordSuccess(email);
      const { passwordHash: _hash, ...view } = user;
      await store.audit.append({ actor: email, action: 'sign-in', details: { address: client.address } });
      return openSession(view, client);
    },

    async signOut(principal: Principal): Promise<void> {
      if (principal.kind !== 'user') return;
      await store.sessions.delete(principal.sessionId);
      await store.audit.append({ actor: principal.user.email, action: 'sign-out' });
    },

    /**
     * Creates the first owner and signs them in. Allowed with access control off (the person at this
     * machine turns it on) or, in `required` mode, with the setup token printed at start.
     */
    async setupOwner(body: SetupOwnerBody, principal: Principal, client: ClientInfo): Promise<{ token: string; view: SessionView }> {
      if (await store.users.any()) throw new StudioError('CONFLICT', 'The owner account already exists: sign in instead', { details: { field: 'email' } });
      if (principal.kind !== 'local') {
        if (!setupToken || !body.token || !sameSecret(setupToken, body.token)) {
          throw new StudioError('FORBIDDEN', 'The setup token is missing or wrong: open the setup link the server printed when it started', { details: { field: 'token' } });
        }
      }
      // Checked again where it is written: another request (or web node) may have created the owner meanwhile.
      const user = await store.users.create({ id: randomUUID(), email: body.email, passwordHash: await hashPassword(body.password), role: 'owner' }, { onlyIfFirst: true });
      accountCreated();
      await store.audit.append({ actor: principal.kind === 'local' ? 'local' : user.email, action: 'owner.created', target: user.email });
      return openSession(user, client);
    },

    /** Creates the owner from TANDEM_OWNER_EMAIL / TANDEM_OWNER_PASSWORD when that account does not exist yet. */
    async ensureOwnerFromEnvironment(email: string, password: string): Promise<'created' | 'exists'> {
      secrets.add(password);
      if (await store.users.getByEmail(normaliseEmail(email))) return 'exists';
      const owner = environmentOwner(email, password);
      await store.users.create(owner);
      accountCreated();
      await store.audit.append(environmentOwnerAudit(owner.email));
      return 'created';
    },

    /** Writes an audit entry in the name of a principal. */
    async audit(principal: Principal, action: string, target?: string, details?: unknown): Promise<void> {
      await store.audit.append({ actor: actorOf(principal), action, ...(target !== undefined ? { target } : {}), ...(details !== undefined ? { details } : {}) });
    },
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
