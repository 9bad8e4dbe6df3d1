import { createHash, createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSigningCode } from '../../src/lib/domain/signing-code';
import { latestContract } from '../../server/db/contracts';
import { DEFAULT_CODE_POLICY, issueSigningCode, verifySigningCode } from '../../server/services/signing-codes';
import { DRIVERS } from '../support/db';
import { createTestContext, TEST_WEBHOOK_SECRET, type TestContext } from '../support/factories';
import { command, crewWithSurveyJob, estimatePayloadFor, push, surveyPayloadFor, uploadPhoto } from '../support/field';

/** A request the crew surveyed and estimated through the real push; returns what the customer owes. */
async function estimatedRequest(t: TestContext) {
	const crew = await crewWithSurveyJob(t);
	const survey = surveyPayloadFor({ site: [await uploadPhoto(t, crew.token, 's')], meter: [await uploadPhoto(t, crew.token, 'm')] });
	const res = await push(t, crew.token, 'tablet-thanh-toan', [
		command(1, 'submitSurvey', crew.job, 2, survey),
		command(2, 'submitEstimate', crew.job, 3, estimatePayloadFor(survey))
	]);
	expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
	const pull = await t.call('GET', '/api/sync/pull', { token: crew.token });
	const owed: number = pull.body.jobs[0].request.estimate.customer.total;
	return { ...crew, owed, code: crew.job.code };
}

function webhook(t: TestContext, body: unknown, secret = TEST_WEBHOOK_SECRET) {
	const raw = JSON.stringify(body);
	const signature = createHmac('sha256', secret).update(raw).digest('hex');
	return t.app.request('/api/payments/webhook', { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': `sha256=${signature}` }, body: raw });
}

async function stateOf(t: TestContext, requestId: string) {
	return t.database.withConnection(async (q) => (await q('SELECT state FROM requests WHERE id = $1', [requestId])).rows[0]!.state);
}

async function countOf(t: TestContext, table: 'payments' | 'contracts' | 'payment_refusals') {
	return t.database.withConnection(async (q) => (await q(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n);
}

describe.each(DRIVERS)('payment and contract on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	it('a signed payment notice pays the request, drafts the contract, sends the signing code and gives the crew its installation job', async () => {
		const r = await estimatedRequest(t);
		const res = await webhook(t, { requestCode: r.code, amount: r.owed, transactionId: 'VNPAY-0001', provider: 'vnpay' });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true, duplicate: false, contractVersion: 1 });
		expect(await stateOf(t, r.job.requestId)).toBe('contract_drafted');

		const outbox = await t.outbox(r.job.requestId);
		const codeNotices = outbox.body.messages.filter((m: { kind: string }) => m.kind === 'contract_code');
		expect(codeNotices.map((m: { channel: string }) => m.channel).sort()).toEqual(['email', 'sms']);
		const code = /: (\d{6})\./.exec(codeNotices.find((m: { channel: string }) => m.channel === 'sms').body)![1]!;
		expect(checkSigningCode(code).ok).toBe(true);

		const pull = await t.call('GET', '/api/sync/pull', { token: r.token });
		const installation = pull.body.jobs.find((j: { kind: string }) => j.kind === 'installation');
		expect(installation).toMatchObject({ status: 'assigned', request: { state: 'contract_drafted' } });
		const contract = installation.request.contract;
		expect(contract.version).toBe(1);
		expect(contract.body).toContain('HỢP ĐỒNG DỊCH VỤ DÂY SAU CÔNG TƠ');
		expect(contract.body).toContain(new Intl.NumberFormat('vi-VN').format(r.owed));
		expect(contract.sha256).toBe(createHash('sha256').update(contract.body).digest('hex'));
		// the on-site code is stored only as a keyed hash
		const stored = await t.database.withConnection(async (q) => (await q('SELECT code_hash FROM signing_codes')).rows);
		expect(JSON.stringify(stored)).not.toContain(code);
	});

	it('counts a repeated payment notice once', async () => {
		const r = await estimatedRequest(t);
		const notice = { requestCode: r.code, amount: r.owed, transactionId: 'MOMO-77', provider: 'momo' };
		expect((await webhook(t, notice)).status).toBe(200);
		const again = await webhook(t, notice);
		expect(again.status).toBe(200);
		expect(await again.json()).toMatchObject({ duplicate: true });
		expect(await countOf(t, 'payments')).toBe(1);
		expect(await countOf(t, 'contracts')).toBe(1);
	});

	it('refuses and logs a wrong signature or a wrong amount, leaving the request unpaid', async () => {
		const r = await estimatedRequest(t);
		const forged = await webhook(t, { requestCode: r.code, amount: r.owed, transactionId: 'X-1' }, 'khoa-gia');
		expect(forged.status).toBe(401);
		const short = await webhook(t, { requestCode: r.code, amount: r.owed - 1000, transactionId: 'X-2' });
		expect(short.status).toBe(422);
		expect((await short.json()).error.message).toContain('không khớp số tiền phải nộp');
		expect(await stateOf(t, r.job.requestId)).toBe('estimated');
		expect(await countOf(t, 'payments')).toBe(0);
		expect(await countOf(t, 'payment_refusals')).toBe(2);
	});

	it('lets a supervisor record a counter payment with its receipt number, and not a crew', async () => {
		const r = await estimatedRequest(t);
		await t.makeUser({ username: 'giamsat', role: 'supervisor' });
		const supervisor = await t.login('giamsat');
		const byCrew = await t.call('POST', `/api/requests/${r.job.requestId}/payments`, { token: r.token, body: { amount: r.owed, receiptNo: 'BL-001' } });
		expect(byCrew.status).toBe(403);
		const missing = await t.call('POST', `/api/requests/${r.job.requestId}/payments`, { token: supervisor, body: { amount: r.owed } });
		expect(missing.status).toBe(400);
		expect(missing.body.error.fields.receiptNo).toBe('Nhập số biên lai');
		const res = await t.call('POST', `/api/requests/${r.job.requestId}/payments`, { token: supervisor, body: { amount: r.owed, receiptNo: 'BL-001' } });
		expect(res.status).toBe(200);
		expect(await stateOf(t, r.job.requestId)).toBe('contract_drafted');
	});
});

describe.each(DRIVERS)('signing codes on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	async function contractWithCode() {
		const r = await estimatedRequest(t);
		await webhook(t, { requestCode: r.code, amount: r.owed, transactionId: 'T-1' });
		const contract = (await latestContract(t.db, r.job.requestId))!;
		// a fresh code whose value the test knows (the first one went to the customer)
		const { code } = await t.db.transaction((tx) => issueSigningCode(tx, t.runtime, { requestId: r.job.requestId, subjectId: contract.id, purpose: 'on_site', policy: DEFAULT_CODE_POLICY }));
		return { contract, code };
	}
	const verify = (contractId: string, code: string) =>
		t.db.transaction((tx) => verifySigningCode(tx, t.runtime, { subjectId: contractId, purpose: 'on_site', code, policy: DEFAULT_CODE_POLICY }));

	it('accepts the right code once', async () => {
		const { contract, code } = await contractWithCode();
		expect(await verify(contract.id, code)).toEqual({ ok: true });
		expect(await verify(contract.id, code)).toMatchObject({ ok: false, code: 'no_code' });
	});

	it('counts wrong attempts and locks the code after the fifth', async () => {
		const { contract, code } = await contractWithCode();
		const wrong = code === '000000' ? '111111' : '000000';
		for (let left = 4; left >= 1; left--) expect(await verify(contract.id, wrong)).toMatchObject({ ok: false, code: 'wrong_code', attemptsLeft: left });
		const fifth = await verify(contract.id, wrong);
		expect(fifth).toMatchObject({ ok: false, code: 'locked_code' });
		if (!fifth.ok) expect(fifth.reason.vi).toContain('mã bị khóa');
		// locked means locked, even for the right code
		expect((await verify(contract.id, code)).ok).toBe(false);
	});

	it('refuses an on-site code after 7 days and an older code once a new one is issued', async () => {
		const { contract, code } = await contractWithCode();
		t.setNow(new Date(t.now().getTime() + DEFAULT_CODE_POLICY.onSiteTtlMs + 1));
		expect(await verify(contract.id, code)).toMatchObject({ ok: false, code: 'expired_code' });
		const { code: fresh } = await t.db.transaction((tx) => issueSigningCode(tx, t.runtime, { requestId: contract.requestId, subjectId: contract.id, purpose: 'on_site', policy: DEFAULT_CODE_POLICY }));
		if (fresh !== code) expect((await verify(contract.id, code)).ok).toBe(false);
		expect(await verify(contract.id, fresh)).toEqual({ ok: true });
	});
});
