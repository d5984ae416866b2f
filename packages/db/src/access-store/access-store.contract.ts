/**
 * The behaviour every AccessStore adapter must have, as one suite run against each (SQLite and
 * Postgres): see sqlite-access-store.test.ts and ../pg/pg-access-store.test.ts. Not exported from
 * the package entry point.
 */
import { studioRejectionOf } from '../test-support.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccessStore } from './access-store.ts';

/** An adapter under test over empty tables, and how to dispose of it. */
export interface OpenedAccessStore {
  store: AccessStore;
  close(): Promise<void>;
}

const newUser = (id: string, role: 'owner' | 'editor' | 'viewer') => ({ id, email: `${id}@example.test`, passwordHash: `hash-${id}`, role });

/** Declares the contract suite for one adapter; `open` gives a store over empty tables. */
export function describeAccessStoreContract(adapter: string, open: () => Promise<OpenedAccessStore>): void {
  describe(`access store contract (${adapter})`, () => {
    let opened: OpenedAccessStore;
    let store: AccessStore;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.close();
    });

    describe('users', () => {
      it('refuses a first account that is not an owner, then a taken email', async () => {
        expect(await store.users.any()).toBe(false);
        const refused = await studioRejectionOf(() => store.users.create(newUser('ed', 'editor')));
        expect(refused).toMatchObject({ code: 'CONFLICT', details: { field: 'role' } });
        const ann = await store.users.create(newUser('ann', 'owner'));
        expect(ann).toEqual({ id: 'ann', email: 'ann@example.test', role: 'owner', createdAt: expect.any(Number), updatedAt: ann.createdAt });
        expect(await store.users.any()).toBe(true);
        expect(await studioRejectionOf(() => store.users.create({ ...newUser('ann2', 'viewer'), email: 'ann@example.test' }))).toMatchObject({ code: 'CONFLICT', details: { field: 'email' } });
        expect(await store.users.getByEmail('ann@example.test')).toMatchObject({ id: 'ann', passwordHash: 'hash-ann', role: 'owner' });
        expect(await store.users.get('ann')).toMatchObject({ email: 'ann@example.test', passwordHash: 'hash-ann' });
        expect(await store.users.get('nobody')).toBeUndefined();
        expect(await store.users.getByEmail('nobody@example.test')).toBeUndefined();
      });

      it('lists accounts oldest first, without password hashes', async () => {
        await store.users.create(newUser('ann', 'owner'));
        await store.users.create(newUser('bob', 'viewer'));
        const list = await store.users.list();
        expect(list.map((user) => user.id)).toEqual(['ann', 'bob']);
        expect(list[0]).not.toHaveProperty('passwordHash');
      });

      it('changes email, role and password hash, refusing a taken email and unknown ids', async () => {
        await store.users.create(newUser('ann', 'owner'));
        await store.users.create(newUser('bob', 'viewer'));
        const changed = await store.users.update('bob', { email: 'robert@example.test', role: 'editor', passwordHash: 'new-hash' });
        expect(changed).toMatchObject({ id: 'bob', email: 'robert@example.test', role: 'editor' });
        expect((await store.users.get('bob'))!.passwordHash).toBe('new-hash');
        expect(await studioRejectionOf(() => store.users.update('bob', { email: 'ann@example.test' }))).toMatchObject({ code: 'CONFLICT', details: { field: 'email' } });
        expect((await studioRejectionOf(() => store.users.update('nope', { role: 'viewer' }))).code).toBe('NOT_FOUND');
        expect((await studioRejectionOf(() => store.users.delete('nope'))).code).toBe('NOT_FOUND');
      });

      it('never leaves the server without an owner', async () => {
        await store.users.create(newUser('ann', 'owner'));
        await store.users.create(newUser('bob', 'editor'));
        expect((await studioRejectionOf(() => store.users.update('ann', { role: 'editor' }))).message).toMatch(/last owner/);
        expect((await studioRejectionOf(() => store.users.delete('ann'))).message).toMatch(/last owner/);
        await store.users.update('bob', { role: 'owner' });
        expect((await store.users.update('ann', { role: 'viewer' })).role).toBe('viewer');
        expect((await store.users.delete('ann')).email).toBe('ann@example.test');
        expect((await store.users.list()).map((user) => user.id)).toEqual(['bob']);
      });

      it('creates one first owner when two setups race', async () => {
        const outcomes = await Promise.allSettled([store.users.create(newUser('ann', 'owner'), { onlyIfFirst: true }), store.users.create(newUser('bob', 'owner'), { onlyIfFirst: true })]);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
        expect(refused.reason).toMatchObject({ code: 'CONFLICT', details: { field: 'email' } });
        expect(await store.users.list()).toHaveLength(1);
      });

      it('keeps one owner when two owners are demoted at the same time', async () => {
        await store.users.create(newUser('ann', 'owner'));
        await store.users.create(newUser('bob', 'owner'));
        const outcomes = await Promise.allSettled([store.users.update('ann', { role: 'viewer' }), store.users.update('bob', { role: 'viewer' })]);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        expect((await store.users.list()).filter((user) => user.role === 'owner')).toHaveLength(1);
      });
    });

    describe('sessions', () => {
      it('finds a live session with its account, forgets expired ones and those of a deleted account', async () => {
        await store.users.create(newUser('ann', 'owner'));
        await store.users.create(newUser('bob', 'viewer'));
        const now = Date.now();
        await store.sessions.create({ id: 'h1', userId: 'bob', csrfToken: 'c1', expiresAt: now + 1000, ip: '10.0.0.1', userAgent: 'test' });
        await store.sessions.create({ id: 'h2', userId: 'bob', csrfToken: 'c2', expiresAt: now - 1 });
        expect(await store.sessions.find('h1', now)).toMatchObject({ id: 'h1', csrfToken: 'c1', expiresAt: now + 1000, user: { id: 'bob', email: 'bob@example.test', role: 'viewer' } });
        expect(await store.sessions.find('h2', now)).toBeUndefined();
        expect(await store.sessions.find('unknown', now)).toBeUndefined();
        expect(await store.sessions.deleteExpired(now)).toBe(1);
        await store.users.update('bob', { role: 'editor' });
        expect((await store.sessions.find('h1', now))!.user.role).toBe('editor');
        await store.users.delete('bob');
        expect(await store.sessions.find('h1', now)).toBeUndefined();
      });

      it('slides the expiry on touch, and ends one session or all of an account but one', async () => {
        await store.users.create(newUser('ann', 'owner'));
        const now = Date.now();
        for (const id of ['s1', 's2', 's3']) await store.sessions.create({ id, userId: 'ann', csrfToken: `csrf-${id}`, expiresAt: now + 1000 });
        await store.sessions.touch('s1', now + 500, now + 5000);
        expect(await store.sessions.find('s1', now + 2000)).toMatchObject({ lastSeenAt: now + 500, expiresAt: now + 5000 });
        await store.sessions.delete('s3');
        expect(await store.sessions.find('s3', now)).toBeUndefined();
        expect(await store.sessions.deleteForUser('ann', 's1')).toBe(1);
        expect(await store.sessions.find('s2', now)).toBeUndefined();
        expect(await store.sessions.find('s1', now)).toBeDefined();
        expect(await store.sessions.deleteForUser('ann')).toBe(1);
        expect(await store.sessions.find('s1', now)).toBeUndefined();
      });
    });

    describe('API keys', () => {
      it('finds active keys by hash, keeps revoked ones listed, revokes an account’s keys', async () => {
        await store.users.create(newUser('ann', 'owner'));
        const created = await store.apiKeys.create({ id: 'k1', name: 'CI', prefix: 'tdm_abcd', keyHash: 'x1', scopes: ['v1'], limits: { rpm: 60 }, createdBy: 'ann' });
        expect(created).toEqual({ id: 'k1', name: 'CI', prefix: 'tdm_abcd', scopes: ['v1'], limits: { rpm: 60 }, createdBy: 'ann', source: 'stored', createdAt: expect.any(Number) });
        await store.apiKeys.create({ id: 'k2', name: 'Other', prefix: 'tdm_efgh', keyHash: 'x2', scopes: ['runs', 'studio'] });
        expect(await store.apiKeys.findActiveByHash('x1')).toMatchObject({ id: 'k1', scopes: ['v1'], limits: { rpm: 60 } });
        expect(await store.apiKeys.findActiveByHash('x2')).not.toHaveProperty('limits');
        await store.apiKeys.markUsed('k1', 1234);
        expect(await store.apiKeys.findActiveByHash('x1')).toMatchObject({ lastUsedAt: 1234 });
        expect(await store.apiKeys.revoke('k1')).toMatchObject({ lastUsedAt: 1234, revokedAt: expect.any(Number) });
        expect(await store.apiKeys.findActiveByHash('x1')).toBeUndefined();
        expect((await studioRejectionOf(() => store.apiKeys.revoke('k1'))).code).toBe('CONFLICT');
        expect((await studioRejectionOf(() => store.apiKeys.revoke('nope'))).code).toBe('NOT_FOUND');
        expect((await store.apiKeys.list()).map((key) => key.id).sort()).toEqual(['k1', 'k2']);
        expect(await store.apiKeys.revokeCreatedBy('ann')).toBe(0);
        await store.apiKeys.create({ id: 'k3', name: 'Ann’s', prefix: 'tdm_ijkl', keyHash: 'x3', scopes: ['studio'], createdBy: 'ann' });
        expect(await store.apiKeys.revokeCreatedBy('ann')).toBe(1);
        expect(await store.apiKeys.findActiveByHash('x3')).toBeUndefined();
      });

      it('refuses a second key with the same hash', async () => {
        await store.apiKeys.create({ id: 'k1', name: 'A', prefix: 'tdm_a', keyHash: 'same', scopes: ['v1'] });
        await expect(store.apiKeys.create({ id: 'k2', name: 'B', prefix: 'tdm_b', keyHash: 'same', scopes: ['v1'] })).rejects.toThrow();
        expect(await store.apiKeys.list()).toHaveLength(1);
      });
    });

    describe('audit log', () => {
      it('appends entries and lists them newest first with paging', async () => {
        const first = await store.audit.append({ actor: 'local', action: 'a', target: 't', details: { n: 'a', nested: { list: [1, 2] } }, at: 1000 });
        expect(first).toEqual({ id: expect.any(Number), at: 1000, actor: 'local', action: 'a', target: 't', details: { n: 'a', nested: { list: [1, 2] } } });
        for (const action of ['b', 'c']) await store.audit.append({ actor: 'local', action });
        const [newest, ...rest] = await store.audit.list({ limit: 2 });
        expect(newest).toMatchObject({ action: 'c' });
        expect(newest).not.toHaveProperty('target');
        expect(newest).not.toHaveProperty('details');
        expect(rest.map((entry) => entry.action)).toEqual(['b']);
        expect((await store.audit.list({ before: newest!.id - 1 })).map((entry) => entry.action)).toEqual(['a']);
        expect((await store.audit.list()).map((entry) => entry.action)).toEqual(['c', 'b', 'a']);
      });
    });

    describe('settings', () => {
      it('stores JSON values by key, replaces and removes them', async () => {
        expect(await store.settings.get('http.allowList')).toBeUndefined();
        await store.settings.set('http.allowList', ['api.example.com']);
        await store.settings.set('orchestration', { enabled: true, rounds: 2 });
        await store.settings.set('orchestration', { enabled: false, rounds: 3 });
        expect(await store.settings.get<string[]>('http.allowList')).toEqual(['api.example.com']);
        expect(await store.settings.get('orchestration')).toEqual({ enabled: false, rounds: 3 });
        expect(await store.settings.delete('orchestration')).toBe(true);
        expect(await store.settings.delete('orchestration')).toBe(false);
        expect(await store.settings.get('orchestration')).toBeUndefined();
      });
    });

    describe('sign-in counters', () => {
      it('counts hits in a fixed window, starts a new one when it ends, and forgets a key', async () => {
        expect(await store.signInCounters.peek('sign-in:address:1', 1000, 0)).toEqual({ count: 0, resetsAt: 1000 });
        expect(await store.signInCounters.hit('sign-in:address:1', 1000, 0)).toEqual({ count: 1, resetsAt: 1000 });
        expect(await store.signInCounters.hit('sign-in:address:1', 1000, 500)).toEqual({ count: 2, resetsAt: 1000 });
        expect(await store.signInCounters.peek('sign-in:address:1', 1000, 600)).toEqual({ count: 2, resetsAt: 1000 });
        expect(await store.signInCounters.peek('sign-in:address:1', 1000, 1000)).toEqual({ count: 0, resetsAt: 2000 });
        expect(await store.signInCounters.hit('sign-in:address:1', 1000, 1000)).toEqual({ count: 1, resetsAt: 2000 });
        await store.signInCounters.reset('sign-in:address:1');
        expect((await store.signInCounters.peek('sign-in:address:1', 1000, 1001)).count).toBe(0);
      });
    });
  });
}
