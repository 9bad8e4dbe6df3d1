// Issue 9 on the tablet: pushes that keep failing are described in words on the sync page, and a server that
// reports less than it had decided for this tablet gets the journal sent again, with the crew told so.
// The tablet's IndexedDB is prepared directly (a command waiting, a journal entry) so no other crew's data moves.
import { expect, test, type Page } from '@playwright/test';
import { logIn } from './support';

const CREW = 'doi3.lan';

/** Writes rows into the app's IndexedDB (Dexie database 'hien-truong') and returns the first job on the tablet. */
async function prepareTablet(page: Page, rows: { outbox?: boolean; journal?: boolean; meta?: Record<string, unknown> }) {
	return page.evaluate(async (rows) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('hien-truong');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const job = await new Promise<{ id: string; request: { id: string; version: number } }>((resolve) => {
			const read = db.transaction('jobs').objectStore('jobs').getAll();
			read.onsuccess = () => resolve(read.result[0]);
		});
		const command = {
			commandId: crypto.randomUUID(),
			seq: 1,
			name: 'requestRemoteSigning',
			jobId: job.id,
			requestId: job.request.id,
			baseVersion: job.request.version,
			deviceTime: new Date().toISOString(),
			location: null,
			// Not a valid reason: whatever the job, the server refuses it (invalid_data) and the demo data stays as it is.
			payload: { reason: 'khong-ro', note: '' },
			createdAt: new Date().toISOString(),
			attempts: 0
		};
		await new Promise<void>((resolve, reject) => {
			const tx = db.transaction(['outbox', 'journal', 'meta'], 'readwrite');
			if (rows.outbox) tx.objectStore('outbox').put({ ...command, status: 'pending' });
			if (rows.journal) tx.objectStore('journal').put({ ...command, status: 'applied', decidedAt: new Date().toISOString(), journaledAt: new Date().toISOString() });
			for (const [key, value] of Object.entries(rows.meta ?? {})) tx.objectStore('meta').put({ key, value });
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
		db.close();
		return job;
	}, rows);
}

test('pushes failing with server errors: the sync page says since when, how many tries and what went wrong, in words', async ({ page }) => {
	await logIn(page, CREW);
	await page.route('**/api/sync/push', (route) => route.fulfill({ status: 503, contentType: 'text/html', body: '<html>Service Unavailable</html>' }));
	await prepareTablet(page, { outbox: true });
	await page.goto('/sync');

	const trouble = page.getByTestId('push-trouble');
	await expect(trouble).toContainText('Chưa gửi được lên máy chủ từ');
	await expect(trouble).toContainText('Lần thử gần nhất: Máy chủ đang gặp sự cố, sẽ tự thử lại.');
	await expect(trouble).toContainText('Máy sẽ tự thử lại lúc');
	const tries = async () => Number(/đã thử (\d+) lần/.exec((await trouble.textContent()) ?? '')?.[1]);
	const before = await tries();
	expect(before).toBeGreaterThanOrEqual(1);

	await expect(page.getByTestId('sync-page-now')).toBeEnabled();
	await page.getByTestId('sync-page-now').click();
	await expect.poll(tries).toBe(before + 1);
	await expect(trouble).not.toContainText('503');
	await expect(trouble).not.toContainText('{');
});

test('a server that lost what this tablet had synced gets it again, and the crew is told', async ({ page }) => {
	await logIn(page, CREW);
	await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-syncing', 'false');
	// The tablet had seq 1 accepted (it is in its journal), but the server knows nothing of this device any more.
	await prepareTablet(page, { journal: true, meta: { deviceId: `e2e-journal-${Date.now()}`, acknowledgedSeq: 1, serverLastSeq: 1, seqCounter: 1 } });
	await page.goto('/sync');

	await expect(page.getByTestId('journal-replayed')).toContainText('Máy chủ đã được khôi phục; máy này đã gửi lại xong 1 thao tác đã đồng bộ lúc');
	// Sent again, the server decides anew and refuses it; the crew sees that an action the server had accepted
	// was refused on re-send.
	const rejected = page.getByTestId('sync-rejected');
	await expect(rejected.getByTestId('command-resend-refused')).toHaveText('Máy chủ đã nhận thao tác này trước khi được khôi phục, nhưng khi gửi lại thì từ chối.');
	await expect(page.getByTestId('journal-lost')).toHaveCount(0);
});
