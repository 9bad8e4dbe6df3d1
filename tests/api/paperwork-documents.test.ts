// The document a paperwork approval ends with (issue 12): approving drafts it as a PDF (a phụ lục, a new HĐMBĐ for a
// new holder, a renewal, a termination record with the final reading); the decision notice carries the link to sign
// it; the customer signs on the portal with a texted code; the utility countersigns it digitally (PAdES); the request
// closes and the customer keeps the signed file. A refusal, service 48 and an approval decided before documents were
// drafted keep the notice → close path. Another customer can neither read nor sign it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { fakeJpeg } from '../support/field';
import { pdfText } from '../support/pdf-text';

type Message = { kind: string; channel: string; body: string; recipient: string };
type Entry = { transition: string; actorRole: string; toState: string; detail: { summary?: { vi: string; en: string } } | null };
const plain = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
/** pdf.js's text of a page, spaces collapsed (a line may be split into several runs). */
const squash = (text: string) => text.replace(/\s+/g, ' ');

const SIGNATURE = {
	imagePng: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	strokes: [[{ x: 10, y: 20, time: 1 }, { x: 30, y: 25, time: 40 }]],
	signerName: 'Vũ Thị Thanh Toán'
};
const PHONE = '0912345678';
const OTHER_PHONE = '0987000111';

function pdfsig(bytes: Uint8Array): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ht-pdfsig-'));
	try {
		const file = path.join(dir, 'van-ban.pdf');
		fs.writeFileSync(file, bytes);
		const run = spawnSync('pdfsig', [file], { encoding: 'utf8' });
		if (run.error) throw run.error;
		return `${run.stdout}${run.stderr}`;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

describe.each(DRIVERS)('paperwork documents drafted and signed on %s', (driver) => {
	let t: TestContext;
	let supervisor: string;
	let unitId: string;
	beforeEach(async () => {
		t = await createTestContext(driver); // 23/11/2026 09:00 in Hà Nội
		unitId = (await t.makeUnit({ name: 'Điện lực Ba Đình' })).id;
		await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId });
		supervisor = await t.login('giamsat');
	});
	afterEach(() => t.close());

	const step = (id: string, body: Record<string, unknown>) => t.call('POST', `/api/requests/${id}/steps`, { token: supervisor, body });
	const detail = async (id: string) => (await t.call('GET', `/api/requests/${id}`, { token: supervisor })).body;
	const messages = async (id: string) => (await t.outbox(id)).body.messages as Message[];

	/** A customer's browser on the customer API: the session cookie it holds is sent back. */
	function device() {
		let cookie = '';
		const raw = async (method: string, url: string, body?: unknown) => {
			const headers: Record<string, string> = {};
			if (cookie) headers.cookie = cookie;
			if (body !== undefined) headers['content-type'] = 'application/json';
			const res = await t.app.request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }, { incoming: { socket: { remoteAddress: '203.0.113.9' } } } as never);
			const setCookie = res.headers.get('set-cookie');
			if (setCookie) cookie = setCookie.split(';')[0]!;
			return res;
		};
		const call = async (method: string, url: string, body?: unknown) => {
			const res = await raw(method, url, body);
			const text = await res.text();
			let parsed: any = text;
			try {
				parsed = JSON.parse(text);
			} catch {
				// not JSON
			}
			return { status: res.status, body: parsed };
		};
		const bytes = async (url: string) => {
			const res = await raw('GET', url);
			return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) };
		};
		return { call, bytes };
	}

	async function signedIn(phone: string) {
		const d = device();
		expect((await d.call('POST', '/api/customer/login/code', { contact: phone })).status).toBe(200);
		const sent = (await t.outbox()).body.messages as Message[];
		const code = /\b(\d{6})\b/.exec(sent.filter((m) => m.kind === 'customer_login_code' && m.recipient === phone).at(-1)!.body)![1]!;
		expect((await d.call('POST', '/api/customer/login', { contact: phone, code })).status).toBe(200);
		return d;
	}

	async function takeIn(serviceNumber: number, phone = '0912 345 678') {
		const created = await t.call('POST', '/api/requests', {
			token: supervisor,
			body: { serviceNumber, customer: { name: 'Phạm Văn Long', phone, email: 'long@example.vn' }, address: 'Số 12 Đội Cấn, Ba Đình, Hà Nội' }
		});
		expect(created.status).toBe(201);
		return { id: created.body.id as string, code: created.body.code as string };
	}

	async function supervisorPdf(id: string) {
		const res = await t.app.request(`/api/requests/${id}/contract.pdf`, { headers: { authorization: `Bearer ${supervisor}` } });
		expect(res.status).toBe(200);
		return new Uint8Array(await res.arrayBuffer());
	}

	it('drafts the amendment of a payment method change at the approval, the customer signs it with the texted code, the utility countersigns, the request closes and the customer keeps it', async () => {
		const customer = await t.makeCustomer({ phone: PHONE, fullName: 'Vũ Thị Thanh Toán', email: 'toan.vu@example.vn', address: 'Số 8 Tràng Thi, Hoàn Kiếm, Hà Nội' });
		await t.makeRequest({ customerId: customer.id, unitId });
		const meter = await t.makeMeter({ customerId: customer.id, unitId });
		const other = await t.makeCustomer({ phone: OTHER_PHONE, fullName: 'Khách Khác' });
		await t.makeRequest({ customerId: other.id, unitId });
		const mine = await signedIn(PHONE);
		const filed = await mine.call('POST', '/api/customer/requests', {
			kind: 'payment_method', serviceNumber: 50, address: 'Số 8 Tràng Thi, Hoàn Kiếm, Hà Nội', meterSerial: meter.serial, details: { method: 'auto_debit' }, documents: [], note: ''
		});
		expect(filed.status, JSON.stringify(filed.body)).toBe(201);
		const { id, code } = filed.body as { id: string; code: string };

		expect((await step(id, { step: 'startReview' })).body).toMatchObject({ state: 'under_review' });
		expect((await detail(id)).contracts).toEqual([]);
		expect((await step(id, { step: 'decide', decision: 'approved', note: 'Chuyển sang trích nợ tự động tại Vietcombank từ kỳ hóa đơn tháng 12' })).body).toMatchObject({ state: 'decided' });

		// drafted at the approval: the PDF is titled by its kind, names both parties, the request and what changes
		const drafted = await detail(id);
		expect(drafted.contracts).toHaveLength(1);
		const [page1] = (await pdfText(await supervisorPdf(id))).map(squash);
		expect(page1).toContain('Phụ lục hợp đồng mua bán điện');
		expect(page1).toContain('BÊN A (Bên bán điện): Điện lực Ba Đình');
		expect(page1).toContain('BÊN B (Bên mua điện): Vũ Thị Thanh Toán');
		expect(page1).toContain(`Điện thoại: ${PHONE}`);
		expect(page1).toContain('Số 8 Tràng Thi, Hoàn Kiếm, Hà Nội');
		expect(page1).toContain(`Số: ${code}/HĐMBĐ - phiên bản 1`);
		expect(page1).toContain('Thay đổi hình thức thanh toán tiền điện');
		// the customer's own words from the filing, and the decision's
		expect(page1).toContain('Hình thức thanh toán mới: Ngân hàng tự động trích nợ');
		expect(page1).toContain('Chuyển sang trích nợ tự động tại Vietcombank từ kỳ hóa đơn tháng 12');
		expect(page1).toContain('Phụ lục hợp đồng mua bán điện đã được lập');

		// the decision notice carries the signing link; the request waits for the customer's signature
		expect((await step(id, { step: 'notifyDecision' })).body).toMatchObject({ state: 'awaiting_remote_signature' });
		const sms = (await messages(id)).find((m) => m.kind === 'decision' && m.channel === 'sms')!;
		expect(sms.recipient).toBe(PHONE);
		expect(plain(sms.body)).toContain(code);
		expect(plain(sms.body)).toContain(plain('trích nợ tự động'));
		const portal = /\/portal\/([A-Za-z0-9_-]+)/.exec(sms.body)![1]!;
		const email = (await messages(id)).find((m) => m.kind === 'decision' && m.channel === 'email')!;
		expect(email.body).toContain('Mời quý khách xem và ký phụ lục hợp đồng mua bán điện tại:');
		expect(email.body).toContain(`/portal/${portal}`);
		const sent = ((await detail(id)).timeline as Entry[]).find((e) => e.transition === 'sendDocumentForSigning')!;
		expect(sent.detail!.summary!.vi).toContain('Đã gửi khách hàng quyết định và phụ lục hợp đồng mua bán điện (phiên bản 1) để ký');
		// not closed before it is signed
		expect((await step(id, { step: 'close' })).status).toBe(409);

		// in the customer's contracts, to sign
		const listed = (await mine.call('GET', '/api/customer/contracts')).body.contracts;
		expect(listed).toEqual([expect.objectContaining({ requestId: id, document: 'amendment', awaitingSignature: true, customerSignedAt: null })]);
		// another customer: no document to read, no link to sign, nothing listed
		const theirs = await signedIn(OTHER_PHONE);
		expect((await theirs.bytes(`/api/customer/requests/${id}/contract.pdf`)).status).toBe(404);
		expect((await theirs.call('POST', `/api/customer/requests/${id}/signing-link`)).status).toBe(404);
		expect((await theirs.call('GET', '/api/customer/contracts')).body.contracts).toEqual([]);

		// the customer reads it on the portal, asks for a code, a wrong one is refused in words, the right one signs
		const link = await mine.call('POST', `/api/customer/requests/${id}/signing-link`);
		expect(link.status).toBe(200);
		const ownPortal = link.body.path.split('/').at(-1) as string;
		const view = await t.call('GET', `/api/portal/${ownPortal}`);
		expect(view.body.canSign).toBe(true);
		// the decision is signed as it is: no correction offered
		expect(view.body.canCorrect).toBe(false);
		// and named by what it is, not as the service contract
		expect(view.body.documentTitle).toEqual({ vi: 'Phụ lục hợp đồng mua bán điện', en: expect.any(String) });
		expect(view.body.contract.body).toContain('Phụ lục hợp đồng mua bán điện');
		expect((await t.call('POST', `/api/portal/${ownPortal}/code`)).status).toBe(200);
		const codeSms = (await messages(id)).find((m) => m.kind === 'portal_code' && m.channel === 'sms')!;
		expect(codeSms.recipient).toBe(PHONE);
		const signingCode = /: (\d{6})\./.exec(codeSms.body)![1]!;
		const wrong = signingCode === '000000' ? '111111' : '000000';
		const bad = await t.call('POST', `/api/portal/${ownPortal}/sign`, { body: { contractSha256: view.body.contract.sha256, code: wrong, signature: SIGNATURE } });
		expect(bad.status).toBe(400);
		expect(bad.body.error.message).toBe('Mã ký không đúng; còn 4 lần thử');
		const signed = await t.call('POST', `/api/portal/${ownPortal}/sign`, { body: { contractSha256: view.body.contract.sha256, code: signingCode, signature: SIGNATURE } });
		expect(signed.status).toBe(200);
		expect((await detail(id)).state).toBe('customer_signed');
		expect((await step(id, { step: 'close' })).status).toBe(409);

		// the utility countersigns digitally; the request closes and the customer is sent the signed file's link
		const countersigned = await t.call('POST', `/api/requests/${id}/countersign`, { token: supervisor });
		expect(countersigned.status).toBe(200);
		const closed = await detail(id);
		expect(closed.state).toBe('completed');
		expect(closed.jobs).toEqual([]);
		expect((closed.timeline as Entry[]).map((e) => e.transition)).toEqual(['submit', 'startReview', 'decide', 'sendDocumentForSigning', 'signRemote', 'countersign', 'close']);
		const done = (await messages(id)).find((m) => m.kind === 'contract_completed' && m.channel === 'email')!;
		expect(done.body).toContain('Điện lực đã ký số phụ lục hợp đồng mua bán điện (phiên bản 1) và yêu cầu');
		expect(done.body).toContain('/api/documents/');

		// kept in the customer's documents: both signatures, the digitally signed PDF
		const kept = (await mine.call('GET', '/api/customer/contracts')).body.contracts;
		expect(kept).toEqual([expect.objectContaining({ document: 'amendment', awaitingSignature: false })]);
		expect(kept[0].customerSignedAt).not.toBeNull();
		expect(kept[0].utilitySignedAt).not.toBeNull();
		const file = await mine.bytes(`/api/customer/requests/${id}/contract.pdf`);
		expect(file.status).toBe(200);
		const report = pdfsig(file.bytes);
		expect(report).toContain('Signature is Valid');
		expect(report).toContain('Total document signed');
		const pages = (await pdfText(file.bytes)).map(squash);
		expect(pages[0]).toContain('Phụ lục hợp đồng mua bán điện');
		expect(pages[0]).toContain('Vũ Thị Thanh Toán');
		expect(pages.at(-1)).toContain(`Phụ lục hợp đồng mua bán điện số ${code}/HĐMBĐ, phiên bản 1`);
		expect((await theirs.bytes(`/api/customer/requests/${id}/contract.pdf`)).status).toBe(404);
	});

	it('titles each document by its kind: a new contract for a new holder, a renewal, a termination record with the final reading', async () => {
		const owner = await t.makeCustomer({ fullName: 'Phạm Văn Long', phone: PHONE });
		const meter = await t.makeMeter({ unitId, customerId: owner.id }, [{ kwh: 12000, at: new Date(t.now().getTime() - 40 * 86_400_000) }]);
		const photo = fakeJpeg('chot');
		expect([200, 201]).toContain((await t.call('PUT', `/api/blobs/${photo.sha256}`, { token: supervisor, bytes: photo.bytes, contentType: 'image/jpeg' })).status);
		for (const [n, title, extra] of [
			[39, 'Hợp đồng mua bán điện', {}],
			[54, 'Gia hạn hợp đồng mua bán điện', {}],
			[55, 'Biên bản chấm dứt hợp đồng mua bán điện', { finalReading: { meterSerial: meter.serial, kwh: 12345, photoSha256: photo.sha256 } }]
		] as const) {
			const { id, code } = await takeIn(n);
			await step(id, { step: 'startReview' });
			expect((await step(id, { step: 'decide', decision: 'approved', note: 'Hồ sơ đầy đủ, hợp lệ', ...extra })).body, `service ${n}`).toMatchObject({ state: 'decided' });
			const [page1] = (await pdfText(await supervisorPdf(id))).map(squash);
			expect(page1, `service ${n}`).toContain(title);
			expect(page1).toContain('BÊN B (Bên mua điện): Phạm Văn Long');
			expect(page1).toContain(code);
			// taken in at the counter: no words of the customer's own
			expect(page1).toContain('Bên B đề nghị theo hồ sơ đã nộp tại Điện lực.');
			if (n === 55) expect(page1).toContain(`Chỉ số chốt: công tơ số ${meter.serial}, 12.345 kWh`);
			else expect(page1).not.toContain('Chỉ số chốt');
			expect((await step(id, { step: 'notifyDecision' })).body).toMatchObject({ state: 'awaiting_remote_signature' });
		}
	});

	it('drafts nothing for a refusal or for 48, which close as before; an approval decided before documents were drafted closes as before', async () => {
		const refused = await takeIn(54);
		await step(refused.id, { step: 'startReview' });
		await step(refused.id, { step: 'decide', decision: 'refused', note: 'Hợp đồng còn hiệu lực đến năm 2028' });
		expect((await detail(refused.id)).contracts).toEqual([]);
		expect((await step(refused.id, { step: 'notifyDecision' })).body).toMatchObject({ state: 'answered' });
		expect((await step(refused.id, { step: 'close' })).body).toMatchObject({ state: 'completed' });
		const told = (await messages(refused.id)).find((m) => m.kind === 'decision' && m.channel === 'sms')!;
		expect(told.body).not.toContain('/portal/');

		const answer = await takeIn(48);
		await step(answer.id, { step: 'startReview' });
		await step(answer.id, { step: 'decide', decision: 'approved', note: 'Đã cập nhật số điện thoại liên hệ' });
		expect((await detail(answer.id)).contracts).toEqual([]);
		expect((await step(answer.id, { step: 'notifyDecision' })).body).toMatchObject({ state: 'answered' });
		expect((await step(answer.id, { step: 'close' })).body).toMatchObject({ state: 'completed' });

		// decided before this version: no document was drafted, so the notice and closing are as they were
		const earlier = await takeIn(39);
		await step(earlier.id, { step: 'startReview' });
		await step(earlier.id, { step: 'decide', decision: 'approved', note: 'Hồ sơ sang tên đầy đủ' });
		await t.database.withConnection((q) => q('DELETE FROM contracts WHERE request_id = $1', [earlier.id]));
		expect((await step(earlier.id, { step: 'notifyDecision' })).body).toMatchObject({ state: 'answered' });
		expect((await step(earlier.id, { step: 'close' })).body).toMatchObject({ state: 'completed' });
	});
});
