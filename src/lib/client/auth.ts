// Login against the API and handing the session to the local store, with per-user data isolation.
import type { LoginResponse } from '$lib/domain/api';
import type { LocalStore, StoredSession, UnsyncedWork } from './store';
import { refusalWords } from '$lib/refusal-words';

export type LoginField = 'username' | 'password';

export type LoginFailureKind =
	/** Checked before sending: a field is empty. */
	| 'missing_fields'
	/** 401: wrong username or password (or a disabled account). */
	| 'invalid_credentials'
	/** 400 with error.fields from the server. */
	| 'validation'
	/** 429: too many failed logins for this account or this address; retryAfterSeconds says how long to wait. */
	| 'throttled'
	/** No answer: the first login on a tablet needs a network. */
	| 'offline'
	| 'server';

export type LoginOutcome =
	| { ok: true; session: StoredSession }
	| {
			ok: false;
			kind: LoginFailureKind;
			/** 'unsynced_work': another user's unsent work is on this tablet (kind 'validation', Vietnamese serverMessage). */
			code?: 'unsynced_work';
			status?: number;
			/** The server's (Vietnamese) message, when it sent one. */
			serverMessage?: string;
			/** Per-field messages: the server's for 'validation', empty strings for 'missing_fields'. */
			fields?: Partial<Record<LoginField, string>>;
			/** 'throttled': the server's Retry-After. */
			retryAfterSeconds?: number;
	  };

export interface LoginRequest {
	fetch: typeof globalThis.fetch;
	username: string;
	password: string;
	baseUrl?: string;
	timeoutMs?: number;
}

export async function requestLogin(request: LoginRequest): Promise<LoginOutcome> {
	const username = request.username.trim();
	const { password } = request;
	if (username === '' || password === '') {
		const fields: Partial<Record<LoginField, string>> = {};
		if (username === '') fields.username = '';
		if (password === '') fields.password = '';
		return { ok: false, kind: 'missing_fields', fields };
	}

	let response: Response;
	let body: unknown;
	try {
		response = await request.fetch(`${request.baseUrl ?? ''}/api/auth/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: JSON.stringify({ username, password }),
			signal: AbortSignal.timeout(request.timeoutMs ?? 30_000)
		});
		body = await response.json().catch(() => undefined);
	} catch {
		return { ok: false, kind: 'offline' };
	}

	// the schemas of the answer load with the first login, not with every page (the job list's first load)
	const { apiError, loginResponse } = await import('$lib/domain/api');
	const error = apiError.safeParse(body);
	const serverMessage = error.success ? refusalWords(error.data.error).message : undefined;
	if (response.status === 401) return { ok: false, kind: 'invalid_credentials', status: 401, serverMessage };
	if (response.status === 429) {
		const retryAfter = Number(response.headers.get('retry-after'));
		const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
		return { ok: false, kind: 'throttled', status: 429, serverMessage, retryAfterSeconds };
	}
	if (response.status === 400) {
		const fields: Partial<Record<LoginField, string>> = {};
		const sent = error.success ? (error.data.error.fields ?? {}) : {};
		if (sent.username !== undefined) fields.username = sent.username;
		if (sent.password !== undefined) fields.password = sent.password;
		return { ok: false, kind: 'validation', status: 400, serverMessage, fields };
	}
	if (!response.ok) return { ok: false, kind: 'server', status: response.status, serverMessage };

	const parsed = loginResponse.safeParse(body);
	if (!parsed.success) return { ok: false, kind: 'server', status: response.status };
	return { ok: true, session: toStoredSession(parsed.data) };
}

function toStoredSession(response: LoginResponse): StoredSession {
	return { token: response.token, expiresAt: response.expiresAt, user: response.user };
}

/** Vietnamese text for work that would be lost: N commands not sent, M photos not uploaded. */
export function unsyncedWorkText(work: UnsyncedWork): string {
	const parts: string[] = [];
	if (work.pendingCommands > 0) parts.push(`${work.pendingCommands} thao tác chưa gửi`);
	if (work.unuploadedPhotos > 0) parts.push(`${work.unuploadedPhotos} ảnh chưa tải lên`);
	return parts.join(' và ');
}

export function hasUnsyncedWork(work: UnsyncedWork): boolean {
	return work.pendingCommands > 0 || work.unuploadedPhotos > 0;
}

/** Another user tried to log in while the previous user's work has not reached the server. */
export class UnsyncedWorkError extends Error {
	constructor(
		readonly work: UnsyncedWork,
		readonly ownerName: string | null
	) {
		super(
			`Máy này còn ${unsyncedWorkText(work)} của ${ownerName ?? 'người dùng trước'}. ` +
				'Người đó cần đăng nhập lại và đồng bộ trước khi người khác dùng máy, để không mất công việc.'
		);
		this.name = 'UnsyncedWorkError';
	}
}

/**
 * Keeps a fresh session on the tablet. When the store holds another user's data it is wiped first, in the same
 * transaction, so a crew never sees the jobs of whoever used the tablet before. The same user logging in again
 * (after the token expired) keeps the jobs and the cursor.
 *
 * Unsynced work is never wiped: while the previous user has pending commands or photos not uploaded, another
 * user's login is refused (UnsyncedWorkError) and nothing changes. Keeping the work for the new user instead is
 * not an option: the server binds a device id to one user, and the commands carry the previous user's intent.
 */
export async function adoptSession(store: LocalStore, session: StoredSession): Promise<{ wipedOtherUser: boolean }> {
	return store.transaction(async () => {
		const owner = await store.getMeta('dataOwnerId');
		const wipedOtherUser = owner !== undefined && owner !== session.user.id;
		if (owner !== undefined && owner !== session.user.id) {
			const work = await store.countUnsynced();
			if (hasUnsyncedWork(work)) throw new UnsyncedWorkError(work, (await store.getMeta('session'))?.user.fullName ?? null);
		}
		if (owner !== session.user.id) await store.clear();
		await store.setMeta('dataOwnerId', session.user.id);
		await store.setMeta('session', session);
		return { wipedOtherUser };
	});
}

/** True for users whose work is the field app's job list; supervisors and admins get their own console. */
export function isCrewUser(session: StoredSession | null): boolean {
	return session?.user.role === 'crew';
}
