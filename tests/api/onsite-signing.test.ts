// Issue 11 items 2–3: the addendum for what was installed (owed, refunded, or none), and the crew's on-site code check.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signingCodeFrom } from '../../src/lib/domain/signing-code';
import { installedContractOnTablet } from '../../src/lib/domain/field-commands/record-installation';
import { findMaterial } from '../../src/lib/domain/materials';
import { latestContract } from '../../server/db/contracts';
import { amountOwed } from '../../server/services/balance';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { command, push } from '../support/field';
import { ONSITE_DEVICE as DEVICE, ONSITE_SIGNATURE as SIGNATURE, readyToInstallOnSite } from '../support/onsite';

const DEVICE_TIME = '2026-11-23T09:30:00+07:00';

describe.each(DRIVERS)('on-site signing of what was installed on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	const stateOf = async (id: string) => t.database.withConnection(async (q) => (await q('SELECT state FROM requests WHERE id = $1', [id])).rows[0]!.state as string);
	const wrongCodeFor = (right: string) => (signingCodeFrom('12345') === right ? signingCodeFrom('54321') : signingCodeFrom('12345'));
	const check = (r: { target: { requestId: string }; token: string }, code: string, token = r.token) =>
		t.call('POST', `/api/requests/${r.target.requestId}/signing-code/check`, { token, body: { code } });

	it('an installation with less material than the contract: the customer signs the addendum and the difference is recorded as a refund', async () => {
		const r = await readyToInstallOnSite(t);
		const installation = { ...r.installation, materials: r.installation.materials.map((l, i) => (i === 2 ? { ...l, quantity: l.quantity - 2 } : l)) };
		const addendum = installedContractOnTablet(r.job.request, installation, DEVICE_TIME, findMaterial)!;
		expect(addendum.body).toContain('Bên A hoàn trả Bên B');
		const res = await push(t, r.token, DEVICE, [
			command(3, 'recordInstallation', r.target, r.version, installation),
			command(4, 'signOnSite', r.target, r.version + 1, { contractVersion: addendum.version, contractSha256: addendum.sha256, code: r.code, signature: SIGNATURE })
		]);
		expect(res.body.results.map((x: { status: string }) => x.status)).toEqual(['applied', 'applied']);
		const refunds = await t.database.withConnection(async (q) => (await q('SELECT amount::int AS amount, status FROM refunds WHERE request_id = $1', [r.target.requestId])).rows);
		const newShare = (await latestContract(t.db, r.target.requestId))!.terms!.estimate.customer.total;
		expect(refunds).toEqual([{ amount: r.paid - newShare, status: 'owed' }]);
		expect(await amountOwed(t.db, r.target.requestId)).toBe(0);
	});

	it('an installation that matches the contract needs no addendum: the contract itself is signed, nothing more is owed', async () => {
		const r = await readyToInstallOnSite(t);
		expect(installedContractOnTablet(r.job.request, r.installation, DEVICE_TIME, findMaterial)).toBeNull();
		const res = await push(t, r.token, DEVICE, [
			command(3, 'recordInstallation', r.target, r.version, r.installation),
			command(4, 'signOnSite', r.target, r.version + 1, { contractVersion: 1, contractSha256: r.contract.sha256, code: r.code, signature: SIGNATURE })
		]);
		expect(res.body.results.map((x: { status: string }) => x.status)).toEqual(['applied', 'applied']);
		expect((await latestContract(t.db, r.target.requestId))!.version).toBe(1);
		expect(await amountOwed(t.db, r.target.requestId)).toBe(0);
	});

	it('an installation recorded while the customer signs online: the addendum becomes the version to sign and the customer gets a link', async () => {
		const r = await readyToInstallOnSite(t);
		await push(t, r.token, DEVICE, [command(3, 'requestRemoteSigning', r.target, r.version, { reason: 'customer_absent', note: '' })]);
		const more = { ...r.installation, materials: r.installation.materials.map((l, i) => (i === 2 ? { ...l, quantity: l.quantity + 2 } : l)) };
		const res = await push(t, r.token, DEVICE, [command(4, 'recordInstallation', r.target, r.version + 1, more)]);
		expect(res.body.results[0].status).toBe('applied');
		const latest = (await latestContract(t.db, r.target.requestId))!;
		expect(latest).toMatchObject({ version: 2, kind: 'addendum', basis: 'installation' });
		expect(latest.body).toContain('Bên B thanh toán thêm');
		const links = (await t.outbox(r.target.requestId)).body.messages.filter((m: { kind: string; channel: string }) => m.kind === 'remote_signing_link' && m.channel === 'sms');
		expect(links.length).toBe(2);
	});

	it('the crew checks a code at once: a wrong one answers the real attempts left in words and keeps signing on site; the right one then signs', async () => {
		const r = await readyToInstallOnSite(t);
		const wrong = await check(r, wrongCodeFor(r.code));
		expect(wrong.status).toBe(200);
		expect(wrong.body).toMatchObject({ result: 'wrong', attemptsLeft: 4 });
		expect(wrong.body.message.vi).toContain('còn 4 lần thử');
		expect(wrong.body.message.vi).toContain(r.job.request.code);
		expect(wrong.body.message.vi).toContain('Nguyễn Văn Khách');
		expect(await stateOf(r.target.requestId)).toBe('contract_drafted');
		const right = await check(r, r.code);
		expect(right.body).toMatchObject({ result: 'ok' });
		// the checked code still signs (the push verifies it again), and the next wrong count is the real one
		const signed = await push(t, r.token, DEVICE, [command(3, 'signOnSite', r.target, r.version, { contractVersion: 1, contractSha256: r.contract.sha256, code: r.code, signature: SIGNATURE })]);
		expect(signed.body.results[0]).toMatchObject({ status: 'applied', request: { state: 'customer_signed' } });
		// once signed, a check is refused in words
		const late = await check(r, r.code);
		expect(late.status).toBe(409);
		expect(late.body.error.message).toContain(r.job.request.code);
	});

	it('a code locked by checks sends the contract to remote signing and says so in words', async () => {
		const r = await readyToInstallOnSite(t);
		const wrong = wrongCodeFor(r.code);
		const answers = [];
		for (let i = 0; i < 5; i++) answers.push((await check(r, wrong)).body);
		expect(answers.map((a) => a.result)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'locked']);
		expect(answers.slice(0, 4).map((a) => a.attemptsLeft)).toEqual([4, 3, 2, 1]);
		expect(answers[4].message.vi).toContain('ký trực tuyến');
		expect(answers[4].message.vi).toContain('Nguyễn Văn Khách');
		expect(await stateOf(r.target.requestId)).toBe('awaiting_remote_signature');
		expect((await t.outbox(r.target.requestId)).body.messages.some((m: { kind: string }) => m.kind === 'remote_signing_link')).toBe(true);
	});

	it('only the crew assigned to the installation checks a code', async () => {
		const r = await readyToInstallOnSite(t);
		await t.makeUser({ username: 'giamsat', role: 'supervisor' });
		const supervisor = await check(r, r.code, await t.login('giamsat'));
		expect(supervisor.status).toBe(403);
		const bad = await t.call('POST', `/api/requests/${r.target.requestId}/signing-code/check`, { token: r.token, body: { code: 'abc' } });
		expect(bad.status).toBe(400);
		const unknown = await t.call('POST', `/api/requests/khong-co/signing-code/check`, { token: r.token, body: { code: r.code } });
		expect(unknown.status).toBe(404);
	});
});
