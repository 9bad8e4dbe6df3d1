import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signingCodeFrom } from '../../src/lib/domain/signing-code';
import { insertPayment, latestContract } from '../../server/db/contracts';
import { installedContractOnTablet } from '../../src/lib/domain/field-commands/record-installation';
import { findMaterial } from '../../src/lib/domain/materials';
import { amountOwed } from '../../server/services/balance';
import { DEFAULT_CODE_POLICY, issueSigningCode } from '../../server/services/signing-codes';
import { DRIVERS } from '../support/db';
import { pdfText } from '../support/pdf-text';
import { createTestContext, TEST_WEBHOOK_SECRET, type TestContext } from '../support/factories';
import { command, crewWithSurveyJob, estimatePayloadFor, push, surveyPayloadFor, uploadPhoto } from '../support/field';

const SIGNATURE = {
	imagePng: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	strokes: [[{ x: 1, y: 2, time: 0 }, { x: 5, y: 9, time: 30 }]],
	signerName: 'Lê Văn Tâm'
};
const DEVICE = 'tablet-thi-cong-1';

describe.each(DRIVERS)('installation and on-site signing on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	/** Surveyed, estimated and paid: the contract is drafted and the installation job is on the crew's tablet. */
	async function readyToInstall() {
		const crew = await crewWithSurveyJob(t);
		const photos = { site: [await uploadPhoto(t, crew.token, 's')], meter: [await uploadPhoto(t, crew.token, 'm')] };
		const survey = surveyPayloadFor(photos);
		const estimate = estimatePayloadFor(survey);
		await push(t, crew.token, DEVICE, [command(1, 'submitSurvey', crew.job, 2, survey), command(2, 'submitEstimate', crew.job, 3, estimate)]);
		const owed = (await t.call('GET', '/api/sync/pull', { token: crew.token })).body.jobs[0].request.estimate.customer.total;
		const raw = JSON.stringify({ requestCode: crew.job.code, amount: owed, transactionId: `TX-${crew.job.requestId}` });
		await t.app.request('/api/payments/webhook', { method: 'POST', headers: { 'x-signature': createHmac('sha256', TEST_WEBHOOK_SECRET).update(raw).digest('hex') }, body: raw });
		const pulled = await t.call('GET', '/api/sync/pull', { token: crew.token });
		const installJob = pulled.body.jobs.find((j: { kind: string }) => j.kind === 'installation');
		const contract = (await latestContract(t.db, crew.job.requestId))!;
		const { code } = await t.db.transaction((tx) => issueSigningCode(tx, t.runtime, { requestId: crew.job.requestId, subjectId: contract.id, purpose: 'on_site', policy: DEFAULT_CODE_POLICY }));
		const target = { requestId: crew.job.requestId, jobId: installJob.id };
		const installation = {
			materials: estimate.lines.map((l, i) => (i === 2 ? { ...l, quantity: l.quantity + 3 } : l)),
			meterSerial: 'pc-2026-118',
			meterReadingKwh: 12.5,
			meterPhoto: await uploadPhoto(t, crew.token, 'mat-cong-to'),
			sealNumbers: ['NP-001'],
			beforePhotos: [await uploadPhoto(t, crew.token, 'truoc')],
			afterPhotos: [await uploadPhoto(t, crew.token, 'sau')],
			notes: ''
		};
		return { ...crew, target, contract, code, installation, version: installJob.request.version as number, estimate, job: installJob };
	}

	const stateOf = async (id: string) => t.database.withConnection(async (q) => (await q('SELECT state, installed FROM requests WHERE id = $1', [id])).rows[0]!);

	it('records the installation with its differences; the customer signs, with the code, the addendum the tablet rendered offline', async () => {
		const r = await readyToInstall();
		// the tablet renders the addendum for what was installed from what it holds, before any sync
		const addendum = installedContractOnTablet(r.job.request, r.installation, '2026-11-23T09:30:00+07:00', findMaterial)!;
		expect(addendum.version).toBe(2);
		const res = await push(t, r.token, DEVICE, [
			command(3, 'recordInstallation', r.target, r.version, r.installation),
			command(4, 'signOnSite', r.target, r.version + 1, { contractVersion: addendum.version, contractSha256: addendum.sha256, code: r.code, signature: SIGNATURE })
		]);
		expect(res.body.results.map((x: { status: string }) => x.status)).toEqual(['applied', 'applied']);
		expect(await stateOf(r.target.requestId)).toEqual({ state: 'customer_signed', installed: true });
		const detail = await t.database.withConnection(async (q) => ({
			installation: (await q('SELECT data, differences FROM installations')).rows[0]!,
			signature: (await q('SELECT channel, signer_name, contract_sha256, lat FROM signatures')).rows[0]!,
			addendum: (await q("SELECT version, kind, basis, sha256, body FROM contracts WHERE kind = 'addendum'")).rows[0]!
		}));
		expect(detail.installation.data).toMatchObject({ meterSerial: 'PC-2026-118', meterReadingKwh: 12.5 });
		const changed = r.estimate.lines[2]!;
		expect(detail.installation.differences).toEqual([{ code: changed.code, estimated: changed.quantity, installed: changed.quantity + 3 }]);
		// the server drafted the same text the tablet rendered, and that is what the customer signed
		expect(detail.addendum).toMatchObject({ version: 2, kind: 'addendum', basis: 'installation', sha256: addendum.sha256, body: addendum.body });
		expect(detail.signature).toMatchObject({ channel: 'on_site', signer_name: 'Lê Văn Tâm', contract_sha256: addendum.sha256 });
		// the extra material is owed before completion
		expect(await amountOwed(t.db, r.target.requestId)).toBeGreaterThan(0);
		const extra = await amountOwed(t.db, r.target.requestId);
		// paid (the payment flow itself is the payments work's): nothing is owed any more
		await insertPayment(t.db, { id: 'pay-extra', requestId: r.target.requestId, method: 'counter', provider: 'counter', providerTxnId: 'BL-EXTRA-1', amount: extra, receivedAt: t.now(), recordedBy: null });
		expect(await amountOwed(t.db, r.target.requestId)).toBe(0);

		// the supervisor countersigns: installed and signed, the request completes
		await t.makeUser({ username: 'giamsat', role: 'supervisor' });
		const supervisor = await t.login('giamsat');
		const done = await t.call('POST', `/api/requests/${r.target.requestId}/countersign`, { token: supervisor });
		expect(done.body).toMatchObject({ ok: true, state: 'completed' });

		// the signed contract as a PDF: text as signed, both signatures, the evidence page
		const pdf = await t.app.request(`/api/requests/${r.target.requestId}/contract.pdf`, { headers: { authorization: `Bearer ${r.token}` } });
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		const pages = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
		const all = pages.join('\n');
		expect(all).toContain('HỢP ĐỒNG DỊCH VỤ DÂY SAU CÔNG TƠ');
		expect(all).toContain('Nguyễn Văn Khách'); // the customer, as a party
		expect(all).toContain('Lê Văn Tâm'); // who signed on site
		expect(all).toContain('PHỤ LỤC'); // what was installed is what was signed
		expect(pages.at(-1)).toContain(addendum.sha256);
		expect(pages.at(-1)).toContain('tại hiện trường');
		const jobs = await t.call('GET', '/api/sync/pull', { token: r.token });
		const pulled = jobs.body.jobs.find((j: { id: string }) => j.id === r.target.jobId);
		expect(pulled.status).toBe('done');
		// the tablet keeps showing what was installed after it syncs
		expect(pulled.request.installation).toMatchObject({ meterSerial: 'PC-2026-118', sealNumbers: ['NP-001'], differences: [{ code: changed.code }] });
	});

	it('completes when an installation as contracted reaches the server after the countersignature', async () => {
		const r = await readyToInstall();
		// installed exactly what was signed (one that differs goes back to the customer: installation-after-signing.test.ts)
		r.installation.materials = r.estimate.lines;
		await push(t, r.token, DEVICE, [command(3, 'signOnSite', r.target, r.version, { contractVersion: 1, contractSha256: r.contract.sha256, code: r.code, signature: SIGNATURE })]);
		await t.makeUser({ username: 'giamsat', role: 'supervisor' });
		const signed = await t.call('POST', `/api/requests/${r.target.requestId}/countersign`, { token: await t.login('giamsat') });
		expect(signed.body.state).toBe('utility_signed');
		const res = await push(t, r.token, DEVICE, [command(4, 'recordInstallation', r.target, r.version + 2, r.installation)]);
		expect(res.body.results[0]).toMatchObject({ status: 'applied', request: { state: 'completed' } });
		// what the console and the customer then see: completed, the installation before the completion in the history,
		// and the link to the signed contract sent
		expect(await stateOf(r.target.requestId)).toEqual({ state: 'completed', installed: true });
		const history = await t.database.withConnection(async (q) => (await q('SELECT transition, version FROM audit_log WHERE request_id = $1 ORDER BY id', [r.target.requestId])).rows);
		expect(history.slice(-2)).toEqual([
			{ transition: 'recordInstallation', version: r.version + 3 },
			{ transition: 'complete', version: r.version + 4 }
		]);
		const outbox = await t.outbox(r.target.requestId);
		expect(outbox.body.messages.some((m: { kind: string }) => m.kind === 'contract_completed')).toBe(true);
	});

	it('a wrong code is refused with the real attempts left and keeps on-site signing open; the right code then signs', async () => {
		const r = await readyToInstall();
		// a well-formed code (valid check digit) that is not the one issued
		let wrong = signingCodeFrom('12345');
		if (wrong === r.code) wrong = signingCodeFrom('54321');
		const sign = (code: string) => ({ contractVersion: 1, contractSha256: r.contract.sha256, code, signature: SIGNATURE });
		const res = await push(t, r.token, DEVICE, [command(3, 'signOnSite', r.target, r.version, sign(wrong))]);
		expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'wrong_code' });
		expect(res.body.results[0].reason.vi).toContain('còn 4 lần thử');
		expect(res.body.results[0].reason.vi).toContain(r.job.request.code);
		expect(res.body.results[0].reason.vi).toContain('Nguyễn Văn Khách');
		expect((await stateOf(r.target.requestId)).state).toBe('contract_drafted');
		const outbox = await t.outbox(r.target.requestId);
		expect(outbox.body.messages.some((m: { kind: string }) => m.kind === 'remote_signing_link')).toBe(false);
		// a second wrong code: the count is the real one
		const again = await push(t, r.token, DEVICE, [command(4, 'signOnSite', r.target, r.version, sign(wrong))]);
		expect(again.body.results[0].reason.vi).toContain('còn 3 lần thử');
		// "Làm lại" with the right code signs on site
		const right = await push(t, r.token, DEVICE, [command(5, 'signOnSite', r.target, r.version, sign(r.code))]);
		expect(right.body.results[0]).toMatchObject({ status: 'applied', request: { state: 'customer_signed' } });
	});

	it('a code locked by wrong attempts falls back to remote signing, and the crew is told so in words', async () => {
		const r = await readyToInstall();
		let wrong = signingCodeFrom('12345');
		if (wrong === r.code) wrong = signingCodeFrom('54321');
		const commands = [1, 2, 3, 4, 5].map((i) => command(2 + i, 'signOnSite', r.target, r.version, { contractVersion: 1, contractSha256: r.contract.sha256, code: wrong, signature: SIGNATURE }));
		const res = await push(t, r.token, DEVICE, commands);
		const last = res.body.results.at(-1);
		expect(last).toMatchObject({ status: 'rejected', code: 'locked_code' });
		expect(last.reason.vi).toContain('ký trực tuyến');
		expect(last.reason.vi).toContain(r.job.request.code);
		expect((await stateOf(r.target.requestId)).state).toBe('awaiting_remote_signature');
		const attempts = await t.database.withConnection(async (q) => (await q("SELECT max(attempts)::int AS n FROM signing_codes WHERE purpose = 'on_site'")).rows[0]!.n);
		expect(attempts).toBe(5);
		const outbox = await t.outbox(r.target.requestId);
		expect(outbox.body.messages.some((m: { kind: string }) => m.kind === 'remote_signing_link')).toBe(true);
	});

	it('a new code is sent on request (at most one a minute): the new code signs, the earlier ones stop working', async () => {
		const r = await readyToInstall();
		// a code was just issued: a resend within the minute is refused
		expect((await t.call('POST', `/api/requests/${r.target.requestId}/signing-code`, { token: r.token })).status).toBe(429);
		t.setNow(new Date(t.now().getTime() + 61_000));
		const res = await t.call('POST', `/api/requests/${r.target.requestId}/signing-code`, { token: r.token });
		expect(res.status).toBe(200);
		const again = await t.call('POST', `/api/requests/${r.target.requestId}/signing-code`, { token: r.token });
		expect(again.status).toBe(429);
		const outbox = await t.outbox(r.target.requestId);
		const newest = outbox.body.messages.find((m: { kind: string; channel: string; body: string }) => m.kind === 'contract_code' && m.channel === 'sms' && m.body.includes('Ma ky moi'));
		const code = /: (\d{6})\./.exec(newest.body)![1]!;
		const codes = await t.database.withConnection(async (q) => (await q("SELECT status FROM signing_codes WHERE purpose = 'on_site' ORDER BY created_at")).rows.map((row) => row.status));
		expect(codes.at(-1)).toBe('active');
		expect(codes.slice(0, -1).every((status) => status === 'superseded')).toBe(true);
		const signed = await push(t, r.token, DEVICE, [command(3, 'signOnSite', r.target, r.version, { contractVersion: 1, contractSha256: r.contract.sha256, code, signature: SIGNATURE })]);
		expect(signed.body.results[0].status).toBe('applied');
	});

	it('a mistyped code is caught by its check digit before anything reaches the code store', async () => {
		const r = await readyToInstall();
		const typo = r.code.slice(0, 5) + String((Number(r.code[5]) + 1) % 10);
		const res = await push(t, r.token, DEVICE, [command(3, 'signOnSite', r.target, r.version, { contractVersion: 1, contractSha256: r.contract.sha256, code: typo, signature: SIGNATURE })]);
		expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'invalid_data' });
		expect(res.body.results[0].fields.code).toContain('gõ nhầm');
	});

	it('“customer not present” sends the request to remote signing with a link', async () => {
		const r = await readyToInstall();
		const res = await push(t, r.token, DEVICE, [command(3, 'requestRemoteSigning', r.target, r.version, { reason: 'customer_absent', note: 'Khách đi công tác' })]);
		expect(res.body.results[0]).toMatchObject({ status: 'applied', request: { state: 'awaiting_remote_signature' } });
		const outbox = await t.outbox(r.target.requestId);
		const link = outbox.body.messages.find((m: { kind: string; channel: string }) => m.kind === 'remote_signing_link' && m.channel === 'sms');
		expect(link.body).toMatch(/https:\/\/hientruong\.test\/portal\/[A-Za-z0-9_-]{20,}/);
	});

	it('checks the handover reading of a meter the register knows: below the last one refused, an abnormal one only with a second photo', async () => {
		const r = await readyToInstall();
		const day = 24 * 3_600_000;
		await t.makeMeter({ serial: 'PC-2026-118', registerDigits: 5 }, [
			{ kwh: 1000, at: new Date(t.now().getTime() - 20 * day) },
			{ kwh: 1100, at: new Date(t.now().getTime() - 10 * day) }
		]);
		const below = await push(t, r.token, DEVICE, [command(3, 'recordInstallation', r.target, r.version, { ...r.installation, meterReadingKwh: 12.5 })]);
		expect(below.body.results[0]).toMatchObject({ status: 'rejected', code: 'below_previous', fields: { meterReadingKwh: expect.stringContaining('nhỏ hơn chỉ số lần trước') } });
		const abnormal = await push(t, r.token, DEVICE, [command(4, 'recordInstallation', r.target, r.version, { ...r.installation, meterReadingKwh: 1900 })]);
		expect(abnormal.body.results[0]).toMatchObject({ status: 'rejected', code: 'abnormal_unconfirmed' });
		expect(await stateOf(r.target.requestId)).toEqual({ state: 'contract_drafted', installed: false });

		const second = await uploadPhoto(t, r.token, 'mat-cong-to-lan-2');
		const confirmed = await push(t, r.token, DEVICE, [command(5, 'recordInstallation', r.target, r.version, { ...r.installation, meterReadingKwh: 1900, abnormalConfirmPhoto: second })]);
		expect(confirmed.body.results[0].status).toBe('applied');
		const readings = await t.database.withConnection(async (q) => (await q("SELECT kwh, source, abnormal FROM meter_readings WHERE meter_serial = 'PC-2026-118' ORDER BY taken_at")).rows);
		expect(readings.at(-1)).toEqual({ kwh: 1900, source: 'crew', abnormal: true });
	});
});
