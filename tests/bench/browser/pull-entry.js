// Browser side of the pull bench: the app's own DexieStore and pullOnce, with fetch answered from memory.
import { DexieStore, HienTruongDb } from '$lib/client/dexie-store';
import { pullOnce } from '$lib/client/sync';

/** @type {string | undefined} */
let body;

/**
 * One full pull of the served 1,000-job body into a new, empty IndexedDB database; the database is deleted afterwards.
 * @param {number} run
 */
async function benchPull(run) {
	body ??= await (await fetch('/pull.json')).text();
	const text = body;
	const db = new HienTruongDb(`bench-pull-${run}-${Date.now()}`);
	await db.open();
	const store = new DexieStore(db);
	/** @type {typeof fetch} */
	const fakeFetch = async () => new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
	try {
		const start = performance.now();
		const outcome = await pullOnce({ fetch: fakeFetch, store, token: 'bench-token' });
		const pullMs = performance.now() - start;
		const readStart = performance.now();
		const jobs = await store.listJobs();
		const readMs = performance.now() - readStart;
		return {
			ok: outcome.ok,
			error: outcome.ok ? null : JSON.stringify(outcome),
			pullMs,
			readMs,
			stored: jobs.length,
			bytes: text.length
		};
	} finally {
		db.close();
		await db.delete();
	}
}

Object.assign(window, { benchPull, benchReady: true });
