// A customer's correction goes to the utility (issue 11, item 1) and a contract version has one code (item 4).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { awaitingRemoteSignature, contractedRequest, crewWithSurveyJob, DRAWN_SIGNATURE } from '../support/field';

describe.each(DRIVERS)('contract corrections on %s', (driver) => {
	let t: TestContext;
	let supervisor: string;
	beforeEach(async () => {
		t = await createTestContext(driver);
		supervisor = await t.login((await t.makeUser({ username: 'giamsat', role: 'supervisor' })).username);
	});
	afterEach(() => t.close());

	async function awaiting() {
		const crew = await crewWithSurveyJob(t);
		const sent = await awaitingRemoteSignature(t, { crewId: crew.crew.id, submittedBy: crew.user.id, unitId: crew.crew.unitId });
		// what was sent went out a few minutes ago (past the one-a-minute resend limit)
		t.setNow(new Date(t.now().getTime() + 3 * 60_000));
		return { ...sent, requestId: sent.request.id };
	}
	const ask = (portal: string, comment: string) => t.call('POST', `/api/portal/${portal}/correction`, { body: { comment } });
	const stateOf = async (id: string) => t.database.withConnection(async (q) => (await q('SELECT state FROM requests WHERE id = $1', [id])).rows[0]!.state);
	const messages = async (requestId: string, kind: string) =>
		((await t.outbox(requestId)).body.messages as Array<{ kind: string; channel: string; body: string }>).filter((m) => m.kind === kind);

	it('refuses a too short, too long or emoji correction in words, and keeps one open at a time', async () => {
		const r = await awaiting();
		const short = await ask(r.portalToken, 'Sai tên');
		expect(short.status).toBe(400);
		expect(short.body.error.fields.comment).toBe('Nêu nội dung cần chỉnh sửa (ít nhất 10 ký tự)');
		expect((await ask(r.portalToken, 'Sai '.repeat(1500))).body.error.fields.comment).toBe('Nội dung quá dài (tối đa 1000 ký tự)');
		const emoji = await ask(r.portalToken, 'Sai địa chỉ nhà 😡😡 vui lòng sửa');
		expect(emoji.status).toBe(400);
		expect(emoji.body.error.fields.comment).toContain('biểu tượng cảm xúc');
		expect((await ask(r.portalToken, 'Sai số nhà: 12A chứ không phải 12')).status).toBe(200);
		const again = await ask(r.portalToken, 'Thêm nữa: tên chủ hộ viết sai');
		expect(again.status).toBe(409);
		expect(again.body.error.message).toContain('đang chờ Điện lực trả lời');
		const versions = await t.database.withConnection(async (q) => (await q('SELECT count(*)::int AS n FROM contracts WHERE request_id = $1', [r.requestId])).rows[0]!.n);
		expect(versions).toBe(1);
	});

	it('the supervisor answers with a new version: parties, lines and date change, the customer sees the difference and signs it with the one new code', async () => {
		const r = await awaiting();
		const oldCode = r.portalCode;
		expect((await ask(r.portalToken, 'Cáp phải dài 30 m, và số nhà là 12A')).status).toBe(200);
		const seen = await t.call('GET', `/api/requests/${r.requestId}/correction`, { token: supervisor });
		expect(seen.status).toBe(200);
		expect(seen.body.open).toMatchObject({ comment: 'Cáp phải dài 30 m, và số nhà là 12A', version: 1, status: 'open' });
		const terms = seen.body.current.terms;
		const lines = terms.estimate.lines.map((l: { code: string; quantity: number }) => ({ code: l.code, quantity: l.code.startsWith('CU-') ? 30 : l.quantity }));
		const edit = {
			lines: [...lines, { code: 'ONG-PVC-20', quantity: 10 }],
			vatPercent: terms.estimate.vatPercent,
			installBy: '2026-12-10',
			customer: { ...terms.customer, address: 'Số 12A Tràng Tiền, Hoàn Kiếm, Hà Nội' },
			siteAddress: 'Số 12A Tràng Tiền, Hoàn Kiếm, Hà Nội'
		};
		const revised = await t.call('POST', `/api/requests/${r.requestId}/correction/revise`, { token: supervisor, body: { terms: edit } });
		expect(revised.status).toBe(200);
		expect(revised.body).toEqual({ ok: true, contractVersion: 2 });
		expect(await stateOf(r.requestId)).toBe('awaiting_remote_signature');

		const page = await t.call('GET', `/api/portal/${r.portalToken}`);
		expect(page.body).toMatchObject({ canSign: true, contract: { version: 2 }, correction: { status: 'revised', newVersion: 2 } });
		expect(page.body.contract.body).toContain('Địa điểm thi công: Số 12A Tràng Tiền');
		expect(page.body.contract.body).toContain('Thời hạn thi công: trước hết ngày 10/12/2026');
		expect(page.body.contract.body).not.toContain('Cáp phải dài');
		const kinds = page.body.changes.items.map((c: { kind: string }) => c.kind);
		expect(page.body.changes.fromVersion).toBe(1);
		expect(kinds).toEqual(expect.arrayContaining(['line_added', 'quantity_changed', 'amount_changed', 'party_changed', 'install_by_changed']));

		// one message with the link and the version's code, naming the version and until when
		const [sms] = (await messages(r.requestId, 'correction_revised')).filter((m) => m.channel === 'sms');
		expect(sms!.body).toContain('phien ban 2');
		expect(sms!.body).toMatch(/Dung den \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
		const code = /Ma ky: (\d{6})\./.exec(sms!.body)![1]!;

		const withOld = await t.call('POST', `/api/portal/${r.portalToken}/sign`, { body: { contractSha256: page.body.contract.sha256, code: oldCode, signature: DRAWN_SIGNATURE } });
		expect(withOld.status).toBe(409);
		expect(withOld.body.error.message).toContain('Mã này dành cho phiên bản 1 của hợp đồng');
		expect(withOld.body.error.message).toContain('hợp đồng hiện là phiên bản 2');
		const signed = await t.call('POST', `/api/portal/${r.portalToken}/sign`, { body: { contractSha256: page.body.contract.sha256, code, signature: DRAWN_SIGNATURE } });
		expect(signed.status).toBe(200);
		expect(await stateOf(r.requestId)).toBe('customer_signed');
		const stored = await t.database.withConnection(async (q) => (await q('SELECT basis, terms FROM contracts WHERE request_id = $1 AND version = 2', [r.requestId])).rows[0]!);
		expect(stored.basis).toBe('correction');
		expect((stored.terms as { siteAddress: string }).siteAddress).toBe('Số 12A Tràng Tiền, Hoàn Kiếm, Hà Nội');
	});

	it('the supervisor answers without a change: the reason is texted and emailed and the customer signs the version they have', async () => {
		const r = await awaiting();
		await ask(r.portalToken, 'Tôi muốn giảm giá nhân công kéo dây');
		const unchanged = await t.call('POST', `/api/requests/${r.requestId}/correction/answer`, { token: supervisor, body: { reason: 'Đơn giá nhân công theo bảng giá của Tổng công ty, không thể giảm.' } });
		expect(unchanged.status).toBe(200);
		expect(unchanged.body).toEqual({ ok: true, contractVersion: 1 });
		expect(await stateOf(r.requestId)).toBe('awaiting_remote_signature');
		const sent = await messages(r.requestId, 'correction_answered');
		expect(sent.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
		expect(sent.find((m) => m.channel === 'email')!.body).toContain('Đơn giá nhân công theo bảng giá của Tổng công ty');
		const page = await t.call('GET', `/api/portal/${r.portalToken}`);
		expect(page.body).toMatchObject({ canSign: true, contract: { version: 1 }, correction: { status: 'answered', answer: 'Đơn giá nhân công theo bảng giá của Tổng công ty, không thể giảm.' } });
		const signed = await t.call('POST', `/api/portal/${r.portalToken}/sign`, { body: { contractSha256: page.body.contract.sha256, code: r.portalCode, signature: DRAWN_SIGNATURE } });
		expect(signed.status).toBe(200);
		// a second answer finds nothing open
		const twice = await t.call('POST', `/api/requests/${r.requestId}/correction/answer`, { token: supervisor, body: { reason: 'Đơn giá nhân công theo bảng giá.' } });
		expect(twice.status).toBe(409);
	});

	it('six corrections in a row make no version; three a day at most; a version identical to the current one is refused', async () => {
		const r = await awaiting();
		const reason = { reason: 'Hợp đồng đã đúng theo dự toán đã thanh toán.' };
		for (let i = 0; i < 3; i++) {
			expect((await ask(r.portalToken, `Lần ${i + 1}: xin kiểm tra lại hợp đồng`)).status).toBe(200);
			if (i === 0) {
				const seen = await t.call('GET', `/api/requests/${r.requestId}/correction`, { token: supervisor });
				const terms = seen.body.current.terms;
				const same = { lines: terms.estimate.lines.map((l: { code: string; quantity: number }) => ({ code: l.code, quantity: l.quantity })), vatPercent: terms.estimate.vatPercent, installBy: null, customer: terms.customer, siteAddress: terms.siteAddress };
				const noChange = await t.call('POST', `/api/requests/${r.requestId}/correction/revise`, { token: supervisor, body: { terms: same } });
				expect(noChange.status).toBe(400);
				expect(noChange.body.error.message).toContain('chưa khác gì phiên bản hiện tại');
			}
			expect((await t.call('POST', `/api/requests/${r.requestId}/correction/answer`, { token: supervisor, body: reason })).status).toBe(200);
		}
		const fourth = await ask(r.portalToken, 'Lần 4: xin kiểm tra lại hợp đồng');
		expect(fourth.status).toBe(429);
		expect(fourth.body.error.message).toContain('3 yêu cầu chỉnh sửa trong 24 giờ');
		const versions = await t.database.withConnection(async (q) => (await q('SELECT count(*)::int AS n FROM contracts WHERE request_id = $1', [r.requestId])).rows[0]!.n);
		expect(versions).toBe(1);
	});

	it('a supervisor of another unit cannot read or answer the correction', async () => {
		const r = await awaiting();
		await ask(r.portalToken, 'Xin sửa lại số điện thoại liên hệ');
		const other = await t.makeUnit({ name: 'Điện lực Hải Châu' });
		const stranger = await t.login((await t.makeUser({ username: 'giamsat-hc', role: 'supervisor', unitId: other.id })).username);
		expect((await t.call('GET', `/api/requests/${r.requestId}/correction`, { token: stranger })).status).toBe(404);
		expect((await t.call('POST', `/api/requests/${r.requestId}/correction/answer`, { token: stranger, body: { reason: 'Không thay đổi hợp đồng.' } })).status).toBe(404);
		expect(await stateOf(r.requestId)).toBe('correction_requested');
	});

	it('the code texted for the tablet signs on the portal; a resend replaces it and names the version and the time limit', async () => {
		const crew = await crewWithSurveyJob(t);
		const contracted = await contractedRequest(t, { crewId: crew.crew.id, submittedBy: crew.user.id, unitId: crew.crew.unitId });
		const requestId = contracted.request.id;
		expect((await t.call('POST', `/api/requests/${requestId}/remote-signing`, { token: supervisor })).status).toBe(200);
		const link = (await messages(requestId, 'remote_signing_link')).find((m) => m.channel === 'sms')!;
		const portal = /\/portal\/([A-Za-z0-9_-]+)/.exec(link.body)![1]!;
		const [draftSms] = (await messages(requestId, 'contract_code')).filter((m) => m.channel === 'sms');
		expect(draftSms!.body).toContain('phien ban 1');
		const onSiteCode = /: (\d{6})\./.exec(draftSms!.body)![1]!;
		const page = await t.call('GET', `/api/portal/${portal}`);
		const body = (code: string) => ({ body: { contractSha256: page.body.contract.sha256, code, signature: DRAWN_SIGNATURE } });

		// a resend replaces it: the old one is refused, the new one's message names the version and until when
		t.setNow(new Date(t.now().getTime() + 3 * 60_000));
		expect((await t.call('POST', `/api/portal/${portal}/code`)).status).toBe(200);
		const [portalSms] = (await messages(requestId, 'portal_code')).filter((m) => m.channel === 'sms');
		expect(portalSms!.body).toContain(`${contracted.request.code} phien ban 1`);
		expect(portalSms!.body).toMatch(/Dung den \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
		const portalCode = /: (\d{6})\./.exec(portalSms!.body)![1]!;
		if (portalCode !== onSiteCode) expect((await t.call('POST', `/api/portal/${portal}/sign`, body(onSiteCode))).status).toBe(400);
		expect((await t.call('POST', `/api/portal/${portal}/sign`, body(portalCode))).status).toBe(200);
	});

	it('the on-site code of the version, typed on the portal, signs it', async () => {
		const crew = await crewWithSurveyJob(t);
		const contracted = await contractedRequest(t, { crewId: crew.crew.id, submittedBy: crew.user.id, unitId: crew.crew.unitId });
		const requestId = contracted.request.id;
		expect((await t.call('POST', `/api/requests/${requestId}/remote-signing`, { token: supervisor })).status).toBe(200);
		const link = (await messages(requestId, 'remote_signing_link')).find((m) => m.channel === 'sms')!;
		const portal = /\/portal\/([A-Za-z0-9_-]+)/.exec(link.body)![1]!;
		const [draftSms] = (await messages(requestId, 'contract_code')).filter((m) => m.channel === 'sms');
		const onSiteCode = /: (\d{6})\./.exec(draftSms!.body)![1]!;
		const page = await t.call('GET', `/api/portal/${portal}`);
		const signed = await t.call('POST', `/api/portal/${portal}/sign`, { body: { contractSha256: page.body.contract.sha256, code: onSiteCode, signature: DRAWN_SIGNATURE } });
		expect(signed.status).toBe(200);
	});
});
