import { z } from 'zod';

/** Account roles, weakest first: a viewer reads, an editor also changes and runs, an owner also manages access. */
export const userRoles = ['viewer', 'editor', 'owner'] as const;
export type UserRole = (typeof userRoles)[number];

/**
 * What an API key may do: `studio` (the studio's API, as an editor), `runs` (start and watch runs),
 * `v1` (the OpenAI-compatible API), `admin` (accounts, keys, audit, security settings).
 */
export const apiKeyScopes = ['studio', 'runs', 'v1', 'admin'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

const email = z.string().trim().toLowerCase().min(3).max(254).regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address');
/** Passwords: long enough to resist guessing, short enough to hash quickly. */
export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(256, 'must be at most 256 characters');

/** `POST /api/session` body. */
export const signInBodySchema = z.object({ email, password: z.string().min(1, 'is required').max(256) });
export type SignInBody = z.infer<typeof signInBodySchema>;

/** `POST /api/setup` body: the first owner; `token` is the setup token the server printed at start. */
export const setupOwnerBodySchema = z.object({ email, password: passwordSchema, token: z.string().max(200).optional() });
export type SetupOwnerBody = z.infer<typeof setupOwnerBodySchema>;

/** `POST /api/users` body. */
export const createUserBodySchema = z.object({ email, password: passwordSchema, role: z.enum(userRoles) });
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

/** `PATCH /api/users/:id` body: any of the fields. */
export const updateUserBodySchema = z
  .object({ email: email.optional(), password: passwordSchema.optional(), role: z.enum(userRoles).optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one of email, password, role');
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

/** Per-key limits, stored with the key (requests and tokens per minute). */
export const apiKeyLimitsSchema = z
  .object({ rpm: z.number().int().positive().max(1_000_000).optional(), tpm: z.number().int().positive().max(1_000_000_000).optional() })
  .strict();
export type ApiKeyLimits = z.infer<typeof apiKeyLimitsSchema>;

/** `POST /api/keys` body. */
export const createApiKeyBodySchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  scopes: z
    .array(z.enum(apiKeyScopes))
    .min(1, 'pick at least one scope')
    .max(apiKeyScopes.length)
    .refine((scopes) => new Set(scopes).size === scopes.length, 'must not repeat a scope'),
  limits: apiKeyLimitsSchema.optional(),
});
export type CreateApiKeyBody = z.infer<typeof createApiKeyBodySchema>;

/** An account as the API shows it (never the password hash). */
export interface UserView {
  id: string;
  email: string;
  role: UserRole;
  createdAt: number;
  updatedAt: number;
}

/** An API key as listed: never the key itself, only its first characters. */
export interface ApiKeyView {
  id: string;
  name: string;
  /** The first characters of the key, to recognise it. */
  prefix: string;
  scopes: ApiKeyScope[];
  limits?: ApiKeyLimits;
  /** `stored`: created in Settings, revocable; `environment`: from TANDEM_API_KEYS. */
  source: 'stored' | 'environment';
  createdAt?: number;
  createdBy?: string;
  lastUsedAt?: number;
  revokedAt?: number;
}

/** `POST /api/keys` answer: the key in clear, shown this once. */
export interface CreatedApiKey {
  id: string;
  key: string;
  view: ApiKeyView;
}

/** `GET /api/session`: whether sign-in is on, and who this request is. */
export interface SessionView {
  /** False on loopback with no accounts: a single-person tool with no sign-in. */
  accessControl: boolean;
  /** Access control is on but no account exists yet: the owner setup page is shown. */
  setupRequired: boolean;
  /** The signed-in account, if any. */
  user?: UserView;
  /** How this request was authenticated. */
  via: 'local' | 'session' | 'key' | 'none';
  /** Sent back as `X-CSRF-Token` on every write made with the session cookie. */
  csrfToken?: string;
  /** The effective role: `owner` when access control is off. */
  role?: UserRole;
}

/** One entry of the audit log of security changes and sign-ins. */
export interface AuditEntry {
  id: number;
  at: number;
  /** Who: an account's email, `key:<name>`, or `local` when access control is off. */
  actor: string;
  action: string;
  target?: string;
  details?: unknown;
}
