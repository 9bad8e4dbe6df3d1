import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { pdfText } from '../support/pdf-text';
import { createTestContext, TEST_WEBHOOK_SECRET, type TestContext } from '../support/factories';
import { command, crewWithSurveyJob, estimatePayloadFor, push, surveyPayloadFor, uploadPhoto } from '../support/field';

const SIGNATURE = {
	imagePng: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	strokes: [[{ x: 10, y: 20, time: 1 }, { x: 30, y: 25, time: 40 }]],
	signerName: 'Trần Thị Mai'
};

describe.each(DRIVERS)('remote signing on %s', (driver) => {
	let t: TestContext;
	let supervisor: string;
	beforeEach(async () => {
		t = await createTestContext(driver);
		await t.makeUser({ username: 'giamsat', role: 'supervisor' });
		supervisor = await t.login('giamsat');
	});
	afterEach(() => t.close());

	/** A paid request with its contract drafted, sent by the supervisor to the customer's portal. */
	async function awaitingRemoteSignature() {
		const crew = await crewWithSurveyJob(t);
		const survey = surveyPayloadFor({ site: [await uploadPhoto(t, crew.token, 's')], meter: [await uploadPhoto(t, crew.token, 'm')] });
		await push(t, crew.token, 'tablet-ky-xa-01', [command(1, 'submitSurvey', crew.job, 2, survey), command(2, 'submitEstimate', crew.job, 3, estimatePayloadFor(survey))]);
		const owed = (await t.call('GET', '/api/sync/pull', { token: crew.token })).body.jobs[0].request.estimate.customer.total;
		const raw = JSON.stringify({ requestCode: crew.job.code, amount: owed, transactionId: `TX-${crew.job.requestId}` });
		const paid = await t.app.request('/api/payments/webhook', {
			method: 'POST',
			headers: { 'x-signature': createHmac('sha256', TEST_WEBHOOK_SECRET).update(raw).digest('hex') },
			body: raw
		});
		expect(paid.status).toBe(200);
		const sent = await t.call('POST', `/api/requests/${crew.job.requestId}/remote-signing`, { token: supervisor });
		expect(sent.status).toBe(200);
		const link = (await messages(crew.job.requestId, 'remote_signing_link')).find((m) => m.channel === 'sms')!;
		const token = /\/portal\/([A-Za-z0-9_-]+)/.exec(link.body)![1]!;
		return { ...crew, token: crew.token, portal: token, requestId: crew.job.requestId };
	}

	async function messages(requestId: string, kind: string): Promise<Array<{ channel: string; body: string }>> {
		const outbox = await t.outbox(requestId);
		return outbox.body.messages.filter((m: { kind: string }) => m.kind === kind);
	}

	async function portalCode(requestId: string, portal: string) {
		const res = await t.call('POST', `/api/portal/${portal}/code`);
		expect(res.status).toBe(200);
		const sms = (await messages(requestId, 'portal_code')).find((m) => m.channel === 'sms')!;
		return /: (\d{6})\./.exec(sms.body)![1]!;
	}

	const stateOf = async (id: string) => t.database.withConnection(async (q) => (await q('SELECT state FROM requests WHERE id = $1', [id])).rows[0]!.state);

	it('the customer reads the contract, gets a code, signs; a second signature is refused; the supervisor countersigns', async () => {
		const r = await awaitingRemoteSignature();
		const page = await t.call('GET', `/api/portal/${r.portal}`);
		expect(page.status).toBe(200);
		expect(page.body).toMatchObject({ canSign: true, canCorrect: true, request: { code: r.job.code, state: 'awaiting_remote_signature' }, contract: { version: 1 } });
		expect(page.body.contract.body).toContain('HỢP ĐỒNG DỊCH VỤ DÂY SAU CÔNG TƠ');

		const code = await portalCode(r.requestId, r.portal);
		const signed = await t.call('POST', `/api/portal/${r.portal}/sign`, { body: { contractSha256: page.body.contract.sha256, code, signature: SIGNATURE } });
		expect(signed.status).toBe(200);
		expect(await stateOf(r.requestId)).toBe('customer_signed');

		// the customer downloads the signed contract from the portal
		const pdf = await t.app.request(`/api/portal/${r.portal}/contract.pdf`);
		expect(pdf.headers.get('content-disposition')).toContain(`hop-dong-${r.job.code}-v1.pdf`);
		const pages = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
		expect(pages.join(' ')).toContain('Trần Thị Mai');
		expect(pages.at(-1)).toContain('trực tuyến');

		const late = await t.call('POST', `/api/portal/${r.portal}/sign`, { body: { contractSha256: page.body.contract.sha256, code, signature: SIGNATURE } });
		expect(late.status).toBe(409);
		expect(late.body.error).toMatchObject({ code: 'already_signed', message: 'Hợp đồng đã được ký trước đó; không cần ký lại' });

		expect((await t.call('POST', `/api/requests/${r.requestId}/countersign`, { token: r.token })).status).toBe(403);
		const countersigned = await t.call('POST', `/api/requests/${r.requestId}/countersign`, { token: supervisor });
		// the installation has not been recorded yet, so the request waits for it before completing
		expect(countersigned.body).toMatchObject({ ok: true, state: 'utility_signed', signedBy: 'Điện lực Hoàn Kiếm (DEMO)' });
		const evidence = await t.database.withConnection(async (q) => (await q('SELECT party, channel, signer_name, contract_sha256 FROM signatures ORDER BY party')).rows);
		expect(evidence).toEqual([
			{ party: 'customer', channel: 'portal', signer_name: 'Trần Thị Mai', contract_sha256: page.body.contract.sha256 },
			{ party: 'utility', channel: 'console', signer_name: 'Người Dùng Thử', contract_sha256: page.body.contract.sha256 }
		]);
	});

	it('tells the customer how many tries are left after a wrong code, and refuses a contract that changed without using a try', async () => {
		const r = await awaitingRemoteSignature();
		const page = await t.call('GET', `/api/portal/${r.portal}`);
		const code = await portalCode(r.requestId, r.portal);
		const wrong = code === '000000' ? '111111' : '000000';
		const bad = await t.call('POST', `/api/portal/${r.portal}/sign`, { body: { contractSha256: page.body.contract.sha256, code: wrong, signature: SIGNATURE } });
		expect(bad.status).toBe(400);
		expect(bad.body.error.message).toBe('Mã ký không đúng; còn 4 lần thử');
		const stale = await t.call('POST', `/api/portal/${r.portal}/sign`, { body: { contractSha256: 'a'.repeat(64), code, signature: SIGNATURE } });
		expect(stale.status).toBe(409);
		expect(stale.body.error.code).toBe('contract_changed');
		const ok = await t.call('POST', `/api/portal/${r.portal}/sign`, { body: { contractSha256: page.body.contract.sha256, code, signature: SIGNATURE } });
		expect(ok.status).toBe(200);
	});

	it('limits code resends to one a minute', async () => {
		const r = await awaitingRemoteSignature();
		await portalCode(r.requestId, r.portal);
		const again = await t.call('POST', `/api/portal/${r.portal}/code`);
		expect(again.status).toBe(429);
		expect(again.body.error.message).toMatch(/chờ \d+ giây/);
		t.setNow(new Date(t.now().getTime() + 61_000));
		expect((await t.call('POST', `/api/portal/${r.portal}/code`)).status).toBe(200);
	});

	it('a correction request goes to the utility: the contract stays as it is until a supervisor answers', async () => {
		const r = await awaitingRemoteSignature();
		const before = await t.call('GET', `/api/portal/${r.portal}`);
		const res = await t.call('POST', `/api/portal/${r.portal}/correction`, { body: { comment: 'Xin chuyển aptomat sang tường bên trái cửa' } });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ ok: true, contractVersion: 1 });
		expect(await stateOf(r.requestId)).toBe('correction_requested');
		const after = await t.call('GET', `/api/portal/${r.portal}`);
		// no new version, and the customer's words are never contract text
		expect(after.body.contract.version).toBe(1);
		expect(after.body.contract.sha256).toBe(before.body.contract.sha256);
		expect(after.body.contract.body).not.toContain('Xin chuyển aptomat');
		expect(after.body).toMatchObject({ canSign: false, correction: { status: 'open', comment: 'Xin chuyển aptomat sang tường bên trái cửa', version: 1 } });
		const history = await t.database.withConnection(async (q) => (await q('SELECT transition FROM audit_log WHERE request_id = $1 ORDER BY id', [r.requestId])).rows.map((row) => row.transition));
		expect(history.slice(-2)).toEqual(['requestRemoteSigning', 'requestCorrection']);
	});

	it('answers an unknown link with 404, a malformed one with 400, and a too-short comment field by field', async () => {
		expect((await t.call('GET', `/api/portal/${'x'.repeat(32)}`)).status).toBe(404);
		expect((await t.call('GET', '/api/portal/ngan')).status).toBe(400);
		const r = await awaitingRemoteSignature();
		const res = await t.call('POST', `/api/portal/${r.portal}/correction`, { body: { comment: 'ok' } });
		expect(res.status).toBe(400);
		expect(res.body.error.fields.comment).toContain('ít nhất 10 ký tự');
	});
});
