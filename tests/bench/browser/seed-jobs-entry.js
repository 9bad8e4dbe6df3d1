// Browser side of the first-card bench: stores a signed-in crew and its jobs in the app's own IndexedDB database
// (the app's DexieStore, the same schema), as a crew's tablet holds them after a pull.
import { DexieStore, HienTruongDb } from '$lib/client/dexie-store';

/**
 * @param {import('$lib/client/store').StoredSession} session
 * @param {import('$lib/domain/api').JobView[]} jobs
 * @param {string} syncedAt
 */
async function seedJobs(session, jobs, syncedAt) {
	const db = new HienTruongDb();
	await db.open();
	const store = new DexieStore(db);
	await store.clear();
	await store.setMeta('dataOwnerId', session.user.id);
	await store.setMeta('session', session);
	await store.setMeta('lastSyncAt', syncedAt);
	await store.upsertJobs(jobs);
	const stored = (await store.listJobs()).length;
	db.close();
	return stored;
}

/** How long reading every stored job back takes (what the list's first read costs), in ms. */
async function timeReadJobs() {
	const db = new HienTruongDb();
	await db.open();
	const store = new DexieStore(db);
	const started = performance.now();
	const jobs = await store.listJobs();
	const took = performance.now() - started;
	db.close();
	return { ms: took, jobs: jobs.length };
}

Object.assign(window, { seedJobs, timeReadJobs });
