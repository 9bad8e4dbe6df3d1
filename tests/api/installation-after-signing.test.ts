// Issue 11 item 2, "what was installed is what is signed": the path where the crew records the installation AFTER
// the customer has signed (recordInstallation is allowed from customer_signed and utility_signed). An installation
// equal to the signed contract changes nothing. One that differs drafts the addendum for what was installed and sends
// the request back to the customer's signature on the portal (sendInstalledAddendum): nothing is countersigned or
// completed on the version the installation no longer matches, and the extra is owed before completion.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestContract } from '../../server/db/contracts';
import { installedContractOnTablet } from '../../src/lib/domain/field-commands/record-installation';
import { findMaterial } from '../../src/lib/domain/materials';
import { amountOwed } from '../../server/services/balance';
import { DRIVERS } from '../support/db';
import { pdfText } from '../support/pdf-text';
import { createTestContext, type TestContext } from '../support/factories';
import { command, push } from '../support/field';
import { ONSITE_DEVICE as DEVICE, ONSITE_SIGNATURE as SIGNATURE, readyToInstallOnSite } from '../support/onsite';

describe.each(DRIVERS)('installation recorded after the customer signed, on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	/** Surveyed, estimated, paid and signed on site with the contract's code; the installation not yet recorded. */
	async function signedBeforeInstallation() {
		const r = await readyToInstallOnSite(t);
		const signed = await push(t, r.token, DEVICE, [command(3, 'signOnSite', r.target, r.version, { contractVersion: 1, contractSha256: r.contract.sha256, code: r.code, signature: SIGNATURE })]);
		expect(signed.body.results[0].status).toBe('applied');
		const installation = async (materials: typeof r.estimate.lines) => ({ ...r.installation, materials });
		return { ...r, version: r.version + 1, more: withMoreCable(r.estimate.lines), installation };
	}

	/** The estimate's lines with 3 more of the third (the cable): what the crew really installed. */
	const withMoreCable = <L extends { quantity: number }>(lines: readonly L[]) => lines.map((l, i) => (i === 2 ? { ...l, quantity: l.quantity + 3 } : l));

	const facts = async (requestId: string) =>
		t.database.withConnection(async (q) => ({
			request: (await q('SELECT state, installed FROM requests WHERE id = $1', [requestId])).rows[0]!,
			versions: (await q('SELECT version, kind FROM contracts WHERE request_id = $1 ORDER BY version', [requestId])).rows,
			refunds: Number((await q('SELECT count(*) AS n FROM refunds WHERE request_id = $1', [requestId])).rows[0]!.n),
			signatures: Number((await q('SELECT count(*) AS n FROM signatures')).rows[0]!.n)
		}));

	it('an installation equal to the signed contract changes nothing: same version, nothing owed, no refund', async () => {
		const r = await signedBeforeInstallation();
		const res = await push(t, r.token, DEVICE, [command(4, 'recordInstallation', r.target, r.version, await r.installation(r.estimate.lines))]);
		expect(res.body.results[0]).toMatchObject({ status: 'applied', request: { state: 'customer_signed' } });
		expect(await facts(r.target.requestId)).toEqual({
			request: { state: 'customer_signed', installed: true },
			versions: [{ version: 1, kind: 'contract' }],
			refunds: 0,
			signatures: 1
		});
		expect(await amountOwed(t.db, r.target.requestId)).toBe(0);
	});

	async function messages(requestId: string, kind: string): Promise<Array<{ channel: string; body: string }>> {
		const outbox = await t.outbox(requestId);
		return outbox.body.messages.filter((m: { kind: string }) => m.kind === kind);
	}

	/** The customer opens the link the SMS carries, asks for the code, and signs the version the portal shows. */
	async function signOnPortal(requestId: string) {
		const link = (await messages(requestId, 'remote_signing_link')).filter((m) => m.channel === 'sms').at(-1)!;
		const portal = /\/portal\/([A-Za-z0-9_-]+)/.exec(link.body)![1]!;
		const page = await t.call('GET', `/api/portal/${portal}`);
		expect((await t.call('POST', `/api/portal/${portal}/code`)).status).toBe(200);
		const sms = (await messages(requestId, 'portal_code')).filter((m) => m.channel === 'sms').at(-1)!;
		const code = /: (\d{6})\./.exec(sms.body)![1]!;
		const signed = await t.call('POST', `/api/portal/${portal}/sign`, { body: { contractSha256: page.body.contract.sha256, code, signature: { ...SIGNATURE, signerName: 'Nguyễn Văn Khách' } } });
		return { page, signed };
	}

	it('an installation with more than the signed contract: the addendum goes to the customer, the countersignature waits for it, the extra is paid before completion', async () => {
		const r = await signedBeforeInstallation();
		const installation = await r.installation(r.more);
		// the tablet, offline, renders the same addendum and shows the request back at the customer's signature
		const onTablet = installedContractOnTablet({ ...r.job.request, state: 'customer_signed' }, installation, '2026-11-24T10:00:00+07:00', findMaterial)!;
		expect(onTablet.version).toBe(2);
		const res = await push(t, r.token, DEVICE, [{ ...command(4, 'recordInstallation', r.target, r.version, installation), deviceTime: '2026-11-24T10:00:00+07:00' }]);
		expect(res.body.results[0]).toMatchObject({ status: 'applied', request: { state: 'awaiting_remote_signature', version: r.version + 2 } });
		expect(await facts(r.target.requestId)).toEqual({
			request: { state: 'awaiting_remote_signature', installed: true },
			versions: [{ version: 1, kind: 'contract' }, { version: 2, kind: 'addendum' }],
			refunds: 0,
			signatures: 1
		});
		const addendum = (await latestContract(t.db, r.target.requestId))!;
		expect(addendum.sha256).toBe(onTablet.sha256);
		// the code the customer used on site signs nothing more: it was for version 1
		const history = await t.database.withConnection(async (q) => (await q("SELECT transition FROM audit_log WHERE request_id = $1 AND transition = 'sendInstalledAddendum'", [r.target.requestId])).rows);
		expect(history).toHaveLength(1);

		// the supervisor cannot countersign the version the installation no longer matches
		await t.makeUser({ username: 'giamsat', role: 'supervisor' });
		const supervisor = await t.login('giamsat');
		const early = await t.call('POST', `/api/requests/${r.target.requestId}/countersign`, { token: supervisor });
		expect(early.status).toBe(409);
		expect(early.body.error.message).not.toMatch(/customer_signed|awaiting_remote_signature/);

		// the customer reads the addendum on the portal, with the installed quantity, and signs it
		const { page, signed } = await signOnPortal(r.target.requestId);
		expect(page.body.contract.version).toBe(2);
		expect(page.body.contract.body).toContain('PHỤ LỤC');
		expect(signed.status).toBe(200);
		expect((await facts(r.target.requestId)).request.state).toBe('customer_signed');
		const extra = await amountOwed(t.db, r.target.requestId);
		expect(extra).toBeGreaterThan(0);

		// countersigned: it stays "Điện lực đã ký" until the extra is paid, then completes
		const countersigned = await t.call('POST', `/api/requests/${r.target.requestId}/countersign`, { token: supervisor });
		expect(countersigned.body).toMatchObject({ ok: true, state: 'utility_signed' });
		expect((await facts(r.target.requestId)).request.state).toBe('utility_signed');
		// the extra is paid at the counter: exactly what is owed, and the request completes
		const paid = await t.call('POST', `/api/requests/${r.target.requestId}/payments`, { token: supervisor, body: { amount: extra, receiptNo: 'BL-EXTRA-2' } });
		expect(paid.status).toBe(200);
		expect((await facts(r.target.requestId)).request.state).toBe('completed');
		expect(await amountOwed(t.db, r.target.requestId)).toBe(0);
		// the signed PDF is the addendum, listing what was installed
		const pdf = await t.app.request(`/api/requests/${r.target.requestId}/contract.pdf`, { headers: { authorization: `Bearer ${r.token}` } });
		const all = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).join('\n');
		expect(all).toContain('PHỤ LỤC');
		expect(all).toContain(addendum.sha256);
	});

	it('an installation that differs after the countersignature does not complete the request: the addendum is signed first', async () => {
		const r = await signedBeforeInstallation();
		await t.makeUser({ username: 'giamsat', role: 'supervisor' });
		const supervisor = await t.login('giamsat');
		const countersigned = await t.call('POST', `/api/requests/${r.target.requestId}/countersign`, { token: supervisor });
		expect(countersigned.body.state).toBe('utility_signed');
		const res = await push(t, r.token, DEVICE, [command(4, 'recordInstallation', r.target, r.version + 1, await r.installation(r.more))]);
		expect(res.body.results[0]).toMatchObject({ status: 'applied', request: { state: 'awaiting_remote_signature' } });
		const f = await facts(r.target.requestId);
		expect(f.request).toEqual({ state: 'awaiting_remote_signature', installed: true });
		expect(f.versions).toEqual([{ version: 1, kind: 'contract' }, { version: 2, kind: 'addendum' }]);
		// the customer is told there is an addendum to sign, with the link, in words
		const link = (await messages(r.target.requestId, 'remote_signing_link')).find((m) => m.channel === 'sms')!;
		expect(link.body).toContain(r.job.request.code);
		// the crew's installation job is done: the signature is the customer's, on the portal
		const pulled = await t.call('GET', '/api/sync/pull', { token: r.token });
		expect(pulled.body.jobs.find((j: { id: string }) => j.id === r.target.jobId).status).toBe('done');
		const { signed } = await signOnPortal(r.target.requestId);
		expect(signed.status).toBe(200);
		expect((await facts(r.target.requestId)).request.state).toBe('customer_signed');
	});

	it('an installation that differs while a correction waits for the supervisor: the addendum is drafted, the correction stays, an answer leads to signing what was installed', async () => {
		const crew = await readyToInstallOnSite(t);
		await t.makeUser({ username: 'giamsat', role: 'supervisor' });
		const supervisor = await t.login('giamsat');
		expect((await t.call('POST', `/api/requests/${crew.target.requestId}/remote-signing`, { token: supervisor })).status).toBe(200);
		const link = (await messages(crew.target.requestId, 'remote_signing_link')).find((m) => m.channel === 'sms')!;
		const portal = /\/portal\/([A-Za-z0-9_-]+)/.exec(link.body)![1]!;
		expect((await t.call('POST', `/api/portal/${portal}/correction`, { body: { comment: 'Xin kiểm tra lại chiều dài cáp' } })).status).toBe(200);
		const installJob = (await t.call('GET', '/api/sync/pull', { token: crew.token })).body.jobs.find((j: { kind: string }) => j.kind === 'installation');
		const target = crew.target;
		const installation = { ...crew.installation, materials: withMoreCable(crew.estimate.lines) };
		const res = await push(t, crew.token, DEVICE, [command(3, 'recordInstallation', target, installJob.request.version, installation)]);
		expect(res.body.results[0]).toMatchObject({ status: 'applied', request: { state: 'correction_requested' } });
		expect((await facts(crew.target.requestId)).versions).toEqual([{ version: 1, kind: 'contract' }, { version: 2, kind: 'addendum' }]);
		// the supervisor reads the correction against the installed version, and answers without change
		const seen = await t.call('GET', `/api/requests/${crew.target.requestId}/correction`, { token: supervisor });
		expect(seen.body.current.version).toBe(2);
		const answered = await t.call('POST', `/api/requests/${crew.target.requestId}/correction/answer`, { token: supervisor, body: { reason: 'Chiều dài cáp theo đúng thực tế thi công.' } });
		expect(answered.body).toEqual({ ok: true, contractVersion: 2 });
		const { page, signed } = await signOnPortal(crew.target.requestId);
		expect(page.body.contract.version).toBe(2);
		expect(signed.status).toBe(200);
		expect(await amountOwed(t.db, crew.target.requestId)).toBeGreaterThan(0);
	});
});
