// Route guards for universal load functions: where to send a visitor before the page renders.
import { redirect } from '@sveltejs/kit';
import { session } from './app';
import type { StoredSession } from './store';

/** The stored session, or a redirect to /login. An expired session still counts: local data stays visible. */
export async function requireSession(): Promise<StoredSession> {
	const current = await session.restore();
	if (!current) redirect(307, '/login');
	return current;
}

/** On /login: a valid session goes straight to the job list; an expired one stays to log in again. */
export async function redirectIfSignedIn(): Promise<void> {
	const current = await session.restore();
	if (current && !session.expired) redirect(307, '/');
}
