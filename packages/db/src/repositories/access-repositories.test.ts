import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../index.ts';
import { openTemporaryDatabase, studioErrorOf, type TemporaryDatabase } from '../test-support.ts';

let temporary: TemporaryDatabase;
let repositories: Repositories;

beforeEach(() => {
  temporary = openTemporaryDatabase();
  repositories = createRepositories(temporary.database);
});
afterEach(() => temporary.cleanup());

const newUser = (id: string, role: 'owner' | 'editor' | 'viewer') => ({ id, email: `${id}@example.test`, passwordHash: `hash-${id}`, role });

describe('users repository', () => {
  it('refuses a first account that is not an owner, then a duplicate email', () => {
    expect(repositories.users.any()).toBe(false);
    expect(studioErrorOf(() => repositories.users.create(newUser('ed', 'editor'))).code).toBe('CONFLICT');
    repositories.users.create(newUser('ann', 'owner'));
    expect(repositories.users.any()).toBe(true);
    expect(studioErrorOf(() => repositories.users.create({ ...newUser('ann2', 'viewer'), email: 'ann@example.test' })).code).toBe('CONFLICT');
    expect(repositories.users.getByEmail('ann@example.test')).toMatchObject({ id: 'ann', passwordHash: 'hash-ann', role: 'owner' });
  });

  it('never leaves the server without an owner', () => {
    repositories.users.create(newUser('ann', 'owner'));
    repositories.users.create(newUser('bob', 'editor'));
    expect(studioErrorOf(() => repositories.users.update('ann', { role: 'editor' })).message).toMatch(/last owner/);
    expect(studioErrorOf(() => repositories.users.delete('ann')).message).toMatch(/last owner/);
    repositories.users.update('bob', { role: 'owner' });
    expect(repositories.users.update('ann', { role: 'viewer' }).role).toBe('viewer');
    expect(repositories.users.delete('ann').email).toBe('ann@example.test');
    expect(repositories.users.list().map((user) => user.id)).toEqual(['bob']);
  });
});

describe('sessions repository', () => {
  it('finds a live session with its account, forgets expired ones and those of a deleted account', () => {
    repositories.users.create(newUser('ann', 'owner'));
    repositories.users.create(newUser('bob', 'viewer'));
    const now = Date.now();
    repositories.sessions.create({ id: 'h1', userId: 'bob', csrfToken: 'c1', expiresAt: now + 1000 });
    repositories.sessions.create({ id: 'h2', userId: 'bob', csrfToken: 'c2', expiresAt: now - 1 });
    expect(repositories.sessions.find('h1', now)).toMatchObject({ csrfToken: 'c1', user: { id: 'bob', role: 'viewer' } });
    expect(repositories.sessions.find('h2', now)).toBeUndefined();
    expect(repositories.sessions.deleteExpired(now)).toBe(1);
    repositories.users.update('bob', { role: 'editor' });
    expect(repositories.sessions.find('h1', now)!.user.role).toBe('editor');
    repositories.users.delete('bob');
    expect(repositories.sessions.find('h1', now)).toBeUndefined();
  });
});

describe('API keys repository', () => {
  it('finds active keys by hash, keeps revoked ones listed, revokes an account’s keys', () => {
    repositories.users.create(newUser('ann', 'owner'));
    repositories.apiKeys.create({ id: 'k1', name: 'CI', prefix: 'tdm_abcd', keyHash: 'x1', scopes: ['v1'], limits: { rpm: 60 }, createdBy: 'ann' });
    repositories.apiKeys.create({ id: 'k2', name: 'Other', prefix: 'tdm_efgh', keyHash: 'x2', scopes: ['runs', 'studio'] });
    expect(repositories.apiKeys.findActiveByHash('x1')).toMatchObject({ id: 'k1', scopes: ['v1'], limits: { rpm: 60 } });
    repositories.apiKeys.markUsed('k1', 1234);
    expect(repositories.apiKeys.revoke('k1')).toMatchObject({ lastUsedAt: 1234 });
    expect(repositories.apiKeys.findActiveByHash('x1')).toBeUndefined();
    expect(studioErrorOf(() => repositories.apiKeys.revoke('k1')).code).toBe('CONFLICT');
    expect(studioErrorOf(() => repositories.apiKeys.revoke('nope')).code).toBe('NOT_FOUND');
    expect(repositories.apiKeys.list()).toHaveLength(2);
    expect(repositories.apiKeys.revokeCreatedBy('ann')).toBe(0);
  });
});

describe('audit and rate limits', () => {
  it('lists audit entries newest first with paging', () => {
    for (const action of ['a', 'b', 'c']) repositories.audit.append({ actor: 'local', action, details: { n: action } });
    const [newest, ...rest] = repositories.audit.list({ limit: 2 });
    expect(newest).toMatchObject({ action: 'c', details: { n: 'c' } });
    expect(rest.map((entry) => entry.action)).toEqual(['b']);
    expect(repositories.audit.list({ before: newest!.id - 1 }).map((entry) => entry.action)).toEqual(['a']);
  });

  it('counts hits in a fixed window that survives reopening the file', () => {
    expect(repositories.rateLimits.hit('login:ip:1', 1000, 0)).toEqual({ count: 1, resetsAt: 1000 });
    expect(repositories.rateLimits.hit('login:ip:1', 1000, 500).count).toBe(2);
    repositories = createRepositories(temporary.reopen());
    expect(repositories.rateLimits.peek('login:ip:1', 1000, 600)).toEqual({ count: 2, resetsAt: 1000 });
    expect(repositories.rateLimits.hit('login:ip:1', 1000, 1000)).toEqual({ count: 1, resetsAt: 2000 });
    repositories.rateLimits.reset('login:ip:1');
    expect(repositories.rateLimits.peek('login:ip:1', 1000, 1001).count).toBe(0);
  });
});
