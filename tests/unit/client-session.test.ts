import { describe, expect, it } from 'vitest';
import { requestLogin } from '$lib/client/auth';
import { MemoryStore } from '$lib/client/memory-store';
import { createFieldWork } from '$lib/client/outbox';
import { LogoutRefusedError, SessionState } from '$lib/client/session.svelte';
import { fakeFetch, json, makeJob, photoOf, SHA_A, SHA_B, surveyInput, uuidSequence } from './client-fixtures';

const USER = {
	id: 'u1',
	username: 'to1',
	fullName: 'Nguyễn Văn An',
	role: 'crew' as const,
	crewId: 'crew-1',
	crewName: 'Tổ 1',
	unitId: null
};

function loginOk(user = USER) {
	return () => json({ token: `tok-${user.id}`, expiresAt: '2025-12-01T00:00:00.000Z', user });
}

describe('requestLogin', () => {
	it('posts trimmed credentials and returns the session', async () => {
		const { fetch, calls } = fakeFetch(loginOk());
		const outcome = await requestLogin({ fetch, username: '  to1 ', password: 'pw' });
		expect(outcome).toMatchObject({ ok: true, session: { token: 'tok-u1', user: { id: 'u1' } } });
		expect(calls[0].url).toBe('/api/auth/login');
		expect(JSON.parse(String(calls[0].init?.body))).toEqual({ username: 'to1', password: 'pw' });
	});

	it('empty fields never reach the server', async () => {
		const { fetch, calls } = fakeFetch();
		const outcome = await requestLogin({ fetch, username: ' ', password: '' });
		expect(outcome).toMatchObject({ ok: false, kind: 'missing_fields', fields: { username: '', password: '' } });
		expect(calls).toHaveLength(0);
	});

	it('401 carries the server message; 400 the field messages; no network is offline', async () => {
		const unauthorized = fakeFetch(() =>
			json({ error: { code: 'invalid_credentials', message: 'Sai tên đăng nhập hoặc mật khẩu' } }, 401)
		);
		expect(await requestLogin({ fetch: unauthorized.fetch, username: 'a', password: 'b' })).toMatchObject({
			kind: 'invalid_credentials',
			serverMessage: 'Sai tên đăng nhập hoặc mật khẩu'
		});

		const invalid = fakeFetch(() =>
			json({ error: { code: 'validation', message: 'Dữ liệu không hợp lệ', fields: { username: 'Quá dài' } } }, 400)
		);
		expect(await requestLogin({ fetch: invalid.fetch, username: 'a', password: 'b' })).toMatchObject({
			kind: 'validation',
			fields: { username: 'Quá dài' }
		});

		const down = fakeFetch(() => {
			throw new TypeError('Failed to fetch');
		});
		expect(await requestLogin({ fetch: down.fetch, username: 'a', password: 'b' })).toMatchObject({
			kind: 'offline'
		});
	});
});

describe('SessionState', () => {
	it('survives a reload: a new instance restores the stored session without the network', async () => {
		const store = new MemoryStore();
		const first = new SessionState(store);
		await first.login('to1', 'pw', fakeFetch(loginOk()).fetch);

		const afterReload = new SessionState(store);
		expect((await afterReload.restore())?.user.id).toBe('u1');
		expect(afterReload.isCrew).toBe(true);
	});

	it('a different user on the same tablet never sees the previous jobs', async () => {
		const store = new MemoryStore();
		const session = new SessionState(store);
		await session.login('to1', 'pw', fakeFetch(loginOk()).fetch);
		await store.upsertJobs([makeJob('u1-job')]);
		session.markExpired();

		await session.login('to2', 'pw', fakeFetch(loginOk({ ...USER, id: 'u2', username: 'to2' })).fetch);

		expect(await store.listJobs()).toEqual([]);
		expect(session.expired).toBe(false);
		expect(session.user?.id).toBe('u2');
	});

	it('logout wipes the session and the jobs', async () => {
		const store = new MemoryStore();
		const session = new SessionState(store);
		await session.login('to1', 'pw', fakeFetch(loginOk()).fetch);
		await store.upsertJobs([makeJob('a')]);

		await session.logout();

		expect(session.current).toBeNull();
		expect(await store.listJobs()).toEqual([]);
		expect(await store.getMeta('session')).toBeUndefined();
	});

	it('logout refuses while 2 commands are pending, loses nothing, and goes ahead only when forced', async () => {
		const store = new MemoryStore();
		const session = new SessionState(store);
		await session.login('to1', 'pw', fakeFetch(loginOk()).fetch);
		await store.upsertJobs([makeJob('a'), makeJob('b')]);
		const work = createFieldWork({ store, now: () => new Date('2025-11-27T02:00:00.000Z'), newId: uuidSequence() });
		for (const jobId of ['a', 'b']) {
			expect((await work.submitFieldCommand({ name: 'submitSurvey', jobId, payload: surveyInput(), location: null })).ok).toBe(true);
		}

		const refusal = await session.logout().catch((error: unknown) => error);
		expect(refusal).toBeInstanceOf(LogoutRefusedError);
		expect((refusal as LogoutRefusedError).message).toBe(
			'Còn 2 thao tác chưa gửi. Hãy đồng bộ trước khi đăng xuất; đăng xuất bây giờ sẽ làm mất công việc này.'
		);
		expect(session.current?.user.id).toBe('u1');
		expect(await store.listCommands()).toHaveLength(2);

		await session.logout({ force: true });
		expect(session.current).toBeNull();
		expect(await store.listCommands()).toEqual([]);
	});

	it('logout also refuses while a draft’s photo is only on this tablet; a photo no form uses does not block', async () => {
		const store = new MemoryStore();
		const session = new SessionState(store);
		await session.login('to1', 'pw', fakeFetch(loginOk()).fetch);
		const work = createFieldWork({ store, now: () => new Date(), newId: uuidSequence() });
		await work.savePhoto(photoOf(SHA_A));
		await work.savePhoto(photoOf(SHA_B));
		await work.saveDraft('a', 'survey', { sitePhotos: [SHA_A] });
		expect(await session.unsyncedWork()).toEqual({ pendingCommands: 0, unuploadedPhotos: 1 });
		await expect(session.logout()).rejects.toThrow('Còn 1 ảnh chưa tải lên');
		expect(await work.getPhoto(SHA_A)).toBeDefined();

		await work.discardDraft('a', 'survey');
		await session.logout();
		expect(session.current).toBeNull();
	});

	it('another user cannot log in over unsent work: a Vietnamese refusal, and the first user keeps everything', async () => {
		const store = new MemoryStore();
		const session = new SessionState(store);
		await session.login('to1', 'pw', fakeFetch(loginOk()).fetch);
		await store.upsertJobs([makeJob('a')]);
		const work = createFieldWork({ store, now: () => new Date(), newId: uuidSequence() });
		await work.savePhoto(photoOf(SHA_B));
		await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'a', payload: surveyInput({ sitePhotos: [SHA_B], meterPhotos: [SHA_B] }), location: null });
		session.markExpired();

		const outcome = await session.login('to2', 'pw', fakeFetch(loginOk({ ...USER, id: 'u2', username: 'to2' })).fetch);
		expect(outcome).toMatchObject({ ok: false, kind: 'validation', code: 'unsynced_work' });
		expect(!outcome.ok && outcome.serverMessage).toBe(
			'Máy này còn 1 thao tác chưa gửi và 1 ảnh chưa tải lên của Nguyễn Văn An. Người đó cần đăng nhập lại và đồng bộ trước khi người khác dùng máy, để không mất công việc.'
		);
		expect(session.user?.id).toBe('u1');
		expect(await store.listCommands()).toHaveLength(1);
		expect(await store.getMeta('dataOwnerId')).toBe('u1');

		const back = await session.login('to1', 'pw', fakeFetch(loginOk()).fetch);
		expect(back.ok).toBe(true);
		expect(session.expired).toBe(false);
		expect(await store.listCommands()).toHaveLength(1);
	});
});
