// Browser side of the pull bench: the app's own DexieStore and pullOnce (paged, through the typed client), with each
// page fetched from the bench server (/pages/<size>/<n>.json) as the API would send it. Long tasks are observed while
// the pull runs (PerformanceObserver 'longtask': every main-thread task of 50 ms or more, with its duration).
import { DexieStore, HienTruongDb } from '$lib/client/dexie-store';
import { pullOnce } from '$lib/client/sync';

/**
 * One full pull of `size` jobs, page by page, into a new, empty IndexedDB database; the database is deleted afterwards.
 * @param {number} size
 * @param {number} pageSize
 * @param {number} run
 */
async function benchPull(size, pageSize, run) {
	const db = new HienTruongDb(`bench-pull-${size}-${run}-${Date.now()}`);
	await db.open();
	const store = new DexieStore(db);
	let bytes = 0;
	/** @type {typeof fetch} */
	const pageFetch = async (input) => {
		const url = new URL(String(input), location.origin);
		const cursor = url.searchParams.get('cursor');
		// the bench's cursors: p.0.1.0.0.<page> inside the pass
		const index = cursor === null ? 0 : Number(cursor.split('.')[5]);
		const response = await fetch(`/pages/${size}/${index}.json`, { cache: 'no-store' });
		const text = await response.text();
		bytes += text.length;
		return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
	};
	/** @type {number[]} */
	const longTasks = [];
	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) longTasks.push(entry.duration);
	});
	observer.observe({ type: 'longtask', buffered: false });
	try {
		const start = performance.now();
		const outcome = await pullOnce({ fetch: pageFetch, store, token: 'bench-token', pageSize });
		const pullMs = performance.now() - start;
		// let the observer deliver the last entries
		await new Promise((resolve) => setTimeout(resolve, 50));
		const readStart = performance.now();
		const stored = await store.db.jobs.count();
		const readMs = performance.now() - readStart;
		return {
			ok: outcome.ok,
			error: outcome.ok ? null : JSON.stringify(outcome),
			pages: outcome.ok ? outcome.pages : 0,
			pullMs,
			readMs,
			stored,
			bytes,
			longestTaskMs: longTasks.length > 0 ? Math.max(...longTasks) : 0,
			longTasks: longTasks.length
		};
	} finally {
		observer.disconnect();
		db.close();
		await db.delete();
	}
}

Object.assign(window, { benchPull, benchReady: true });
