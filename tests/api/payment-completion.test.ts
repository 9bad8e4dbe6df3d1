// Issue 11 (items 2 and 6): a request whose signed addendum adds material stays "Điện lực đã ký" with the amount owed
// until it is paid (counter or webhook, only that amount), then completes; the customer is sent the receipt and, at
// completion, a long-lived link to the signed PDF.
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestContract } from '../../server/db/contracts';
import { DEFAULT_CODE_POLICY, issueSigningCode } from '../../server/services/signing-codes';
import { installedContractOnTablet } from '../../src/lib/domain/field-commands/record-installation';
import { findMaterial } from '../../src/lib/domain/materials';
import { DRIVERS } from '../support/db';
import { pdfText } from '../support/pdf-text';
import { createTestContext, TEST_WEBHOOK_SECRET, type TestContext } from '../support/factories';
import { command, crewWithSurveyJob, estimatePayloadFor, push, surveyPayloadFor, uploadPhoto } from '../support/field';

const SIGNATURE = {
	imagePng: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	strokes: [[{ x: 1, y: 2, time: 0 }, { x: 5, y: 9, time: 30 }]],
	signerName: 'Lê Văn Tâm'
};
const DEVICE = 'tablet-thanh-toan';
const DAY = 24 * 3_600_000;

type Message = { kind: string; channel: string; body: string; subject: string | null };

describe.each(DRIVERS)('payment before completion and its notices on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	const webhook = (requestCode: string, amount: number, transactionId: string) => {
		const raw = JSON.stringify({ requestCode, amount, transactionId });
		return t.app.request('/api/payments/webhook', { method: 'POST', headers: { 'x-signature': createHmac('sha256', TEST_WEBHOOK_SECRET).update(raw).digest('hex') }, body: raw });
	};

	/** Paid, installed with `extraCable` more metres than estimated, signed on site (the addendum when it differs). */
	async function signedOnSite(extraCable: number) {
		const crew = await crewWithSurveyJob(t);
		const photos = { site: [await uploadPhoto(t, crew.token, 's')], meter: [await uploadPhoto(t, crew.token, 'm')] };
		const survey = surveyPayloadFor(photos);
		const estimate = estimatePayloadFor(survey);
		await push(t, crew.token, DEVICE, [command(1, 'submitSurvey', crew.job, 2, survey), command(2, 'submitEstimate', crew.job, 3, estimate)]);
		const owed = (await t.call('GET', '/api/sync/pull', { token: crew.token })).body.jobs[0].request.estimate.customer.total as number;
		expect((await webhook(crew.job.code, owed, `TX-${crew.job.requestId}`)).status).toBe(200);
		const job = (await t.call('GET', '/api/sync/pull', { token: crew.token })).body.jobs.find((j: { kind: string }) => j.kind === 'installation');
		const contract = (await latestContract(t.db, crew.job.requestId))!;
		const { code } = await t.db.transaction((tx) => issueSigningCode(tx, t.runtime, { requestId: crew.job.requestId, subjectId: contract.id, purpose: 'on_site', policy: DEFAULT_CODE_POLICY }));
		const target = { requestId: crew.job.requestId, jobId: job.id };
		const installation = {
			materials: estimate.lines.map((l, i) => (i === 2 ? { ...l, quantity: l.quantity + extraCable } : l)),
			meterSerial: 'pc-2026-201',
			meterReadingKwh: 3,
			meterPhoto: await uploadPhoto(t, crew.token, 'mat'),
			sealNumbers: ['NP-101'],
			beforePhotos: [await uploadPhoto(t, crew.token, 'truoc')],
			afterPhotos: [await uploadPhoto(t, crew.token, 'sau')],
			notes: ''
		};
		const addendum = installedContractOnTablet(job.request, installation, '2026-11-23T09:30:00+07:00', findMaterial);
		const signed = addendum ?? { version: 1, sha256: contract.sha256 };
		const res = await push(t, crew.token, DEVICE, [
			command(3, 'recordInstallation', target, job.request.version, installation),
			command(4, 'signOnSite', target, job.request.version + 1, { contractVersion: signed.version, contractSha256: signed.sha256, code, signature: SIGNATURE })
		]);
		expect(res.body.results.map((x: { status: string }) => x.status)).toEqual(['applied', 'applied']);
		await t.makeUser({ username: 'giamsat', role: 'supervisor' });
		const supervisor = await t.login('giamsat');
		return { requestId: crew.job.requestId, code: crew.job.code, owed, supervisor };
	}

	const detailOf = async (r: { requestId: string; supervisor: string }) => (await t.call('GET', `/api/requests/${r.requestId}`, { token: r.supervisor })).body;
	const messages = async (requestId: string) => (await t.outbox(requestId)).body.messages as Message[];
	const linkIn = (text: string) => /https:\/\/hientruong\.test(\/api\/documents\/[A-Za-z0-9._-]+)/.exec(text)?.[1];

	it('extra material unpaid: countersigned, the request stays "Điện lực đã ký" with the amount owed; paying exactly that completes it, with a receipt and the signed PDF', { timeout: 120_000 }, async () => {
		const r = await signedOnSite(3);
		const countersigned = await t.call('POST', `/api/requests/${r.requestId}/countersign`, { token: r.supervisor });
		expect(countersigned.body).toMatchObject({ ok: true, state: 'utility_signed' });
		const detail = await detailOf(r);
		const extra = detail.balance.owed as number;
		expect(extra).toBeGreaterThan(0);
		expect(detail.balance.refundable).toBe(0);
		expect((await messages(r.requestId)).some((m) => m.kind === 'contract_completed')).toBe(false);

		// a payment of another amount is refused in words, naming what is owed
		const wrong = await t.call('POST', `/api/requests/${r.requestId}/payments`, { token: r.supervisor, body: { amount: extra - 1000, receiptNo: 'BL-THEM-1' } });
		expect(wrong.status).toBe(422);
		expect(wrong.body.error.message).toContain(new Intl.NumberFormat('vi-VN').format(extra));
		expect((await detailOf(r)).state).toBe('utility_signed');

		// the provider's notice of the extra completes the request; repeated, it changes nothing
		const paid = await webhook(r.code, extra, 'TX-THEM-1');
		expect(paid.status).toBe(200);
		expect(await paid.json()).toEqual({ ok: true, duplicate: false, contractVersion: null });
		expect(await (await webhook(r.code, extra, 'TX-THEM-1')).json()).toEqual({ ok: true, duplicate: true, contractVersion: null });
		const after = await detailOf(r);
		expect(after.state).toBe('completed');
		expect(after.balance.owed).toBe(0);

		const outbox = await messages(r.requestId);
		const receipts = outbox.filter((m) => m.kind === 'payment_received' && m.channel === 'sms');
		expect(receipts).toHaveLength(2);
		expect(receipts.some((m) => m.body.includes(new Intl.NumberFormat('vi-VN').format(extra)) && m.body.includes(r.code) && m.body.includes('TX-THEM-1'))).toBe(true);
		const completed = outbox.filter((m) => m.kind === 'contract_completed');
		expect(completed.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
		const link = linkIn(completed.find((m) => m.channel === 'sms')!.body)!;
		expect(link).toBeDefined();

		// nothing is owed any more: a further payment is refused
		const more = await t.call('POST', `/api/requests/${r.requestId}/payments`, { token: r.supervisor, body: { amount: extra, receiptNo: 'BL-THEM-2' } });
		expect(more.status).toBe(409);
		expect(more.body.error.message).toContain('không còn khoản nào phải thanh toán');

		// the link outlives any 30-day portal link and serves the signed addendum
		t.setNow(new Date(t.now().getTime() + 400 * DAY));
		const pdf = await t.app.request(link);
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).join('\n');
		expect(text).toContain('PHỤ LỤC');
		expect(text).toContain('Lê Văn Tâm');

		// a forged or altered link is refused in words
		const forged = link.slice(0, -3) + (link.endsWith('AAA') ? 'BBB' : 'AAA');
		const refused = await t.call('GET', forged);
		expect(refused.status).toBe(404);
		expect(refused.body.error.message).toContain('Đường dẫn tài liệu không đúng');
		expect((await t.call('GET', '/api/documents/contract.abc')).status).toBe(400);

		// the receipt of the extra, from the payment email
		const email = outbox.find((m) => m.kind === 'payment_received' && m.channel === 'email' && m.body.includes('TX-THEM-1'))!;
		const receipt = await t.app.request(linkIn(email.body)!);
		expect(receipt.status).toBe(200);
		const receiptText = (await pdfText(new Uint8Array(await receipt.arrayBuffer()))).join('\n');
		expect(receiptText).toContain('BIÊN LAI THANH TOÁN');
		expect(receiptText).toContain('TX-THEM-1');
		expect(receiptText).toContain(r.code);
		expect(receiptText).toContain(`${new Intl.NumberFormat('vi-VN').format(extra)} đồng`);

	});

	it('paid at the counter before the countersignature: the countersignature completes the request', { timeout: 120_000 }, async () => {
		const r = await signedOnSite(2);
		const extra = (await detailOf(r)).balance.owed as number;
		expect(extra).toBeGreaterThan(0);
		const paid = await t.call('POST', `/api/requests/${r.requestId}/payments`, { token: r.supervisor, body: { amount: extra, receiptNo: 'BL-THEM-9' } });
		expect(paid.body).toEqual({ ok: true, duplicate: false, contractVersion: null });
		expect((await detailOf(r)).state).toBe('customer_signed');
		const receipt = (await messages(r.requestId)).find((m) => m.kind === 'payment_received' && m.channel === 'sms' && m.body.includes('BL-THEM-9'))!;
		expect(receipt.body).toContain('ky so hop dong');
		const countersigned = await t.call('POST', `/api/requests/${r.requestId}/countersign`, { token: r.supervisor });
		expect(countersigned.body).toMatchObject({ ok: true, state: 'completed' });
	});

	it('installed as contracted: the countersignature completes at once and the customer gets the signed PDF link', { timeout: 120_000 }, async () => {
		const r = await signedOnSite(0);
		expect((await detailOf(r)).balance.owed).toBe(0);
		const countersigned = await t.call('POST', `/api/requests/${r.requestId}/countersign`, { token: r.supervisor });
		expect(countersigned.body).toMatchObject({ ok: true, state: 'completed' });
		const completed = (await messages(r.requestId)).find((m) => m.kind === 'contract_completed' && m.channel === 'email')!;
		expect(completed.subject).toContain(r.code);
		const pdf = await t.app.request(linkIn(completed.body)!);
		expect(pdf.status).toBe(200);
		// the first payment's receipt said what comes next
		const first = (await messages(r.requestId)).find((m) => m.kind === 'payment_received' && m.channel === 'sms')!;
		expect(first.body).toContain('lap hop dong');
	});
});
