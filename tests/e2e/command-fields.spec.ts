// A command the server refuses for its content names the wrong fields in words on the crew's tablet
// ("Lý do: …"), never by their path ("reason: …"). The command is written straight into the tablet's outbox
// (IndexedDB), so no form has a say and no other crew's data moves: the server refuses it and nothing changes.
import { expect, test, type Page } from '@playwright/test';
import { logIn } from './support';

const CREW = 'doi2.dung';

/** Queues a remote-signing command whose reason no form offers, on the tablet's first job. */
async function queueCommandWithBadReason(page: Page): Promise<void> {
	await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('hien-truong');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const job = await new Promise<{ id: string; request: { id: string; version: number } }>((resolve) => {
			const read = db.transaction('jobs').objectStore('jobs').getAll();
			read.onsuccess = () => resolve(read.result[0]);
		});
		const seq = await new Promise<number>((resolve) => {
			const read = db.transaction('meta').objectStore('meta').get('seqCounter');
			read.onsuccess = () => resolve(Number(read.result?.value ?? 0) + 1);
		});
		const now = new Date().toISOString();
		await new Promise<void>((resolve, reject) => {
			const tx = db.transaction(['outbox', 'meta'], 'readwrite');
			tx.objectStore('outbox').put({
				commandId: crypto.randomUUID(),
				seq,
				name: 'requestRemoteSigning',
				jobId: job.id,
				requestId: job.request.id,
				baseVersion: job.request.version,
				deviceTime: now,
				location: null,
				payload: { reason: 'khong-ro', note: '' },
				createdAt: now,
				attempts: 0,
				status: 'pending'
			});
			tx.objectStore('meta').put({ key: 'seqCounter', value: seq });
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	});
}

test('a refused command names its wrong field in words, in both languages', async ({ page }) => {
	await logIn(page, CREW);
	await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-syncing', 'false');
	await queueCommandWithBadReason(page);
	await page.goto('/sync');
	await page.getByTestId('sync-page-now').click();

	const refused = page.getByTestId('sync-rejected').getByTestId('rejected-command').first();
	await expect(refused).toBeVisible({ timeout: 30_000 });
	const field = refused.getByTestId('rejection-field');
	await expect(field).toHaveText(/^Lý do: \S/);
	await expect(refused).not.toContainText('reason:');

	await page.getByTestId('language-switch').click();
	await expect(field).toHaveText(/^Reason: \S/);
});
