// Each process kind advanced from receipt to closed by the right roles through the API: paperwork (no crew job, ever),
// a complaint answered in words, a reading complaint answered by a meter check, a field response with its repair job;
// another role, another unit or another process's step is refused in words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';

type Message = { kind: string; channel: string; body: string; recipient: string };
type Entry = { transition: string; detail: { summary?: { vi: string; en: string } } | null };
/** SMS may be sent without diacritics: compare texts as the customer's phone shows them either way. */
const plain = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

describe.each(DRIVERS)('processes of the catalog on %s', (driver) => {
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

	async function takeIn(serviceNumber: number) {
		const created = await t.call('POST', '/api/requests', {
			token: supervisor,
			body: { serviceNumber, customer: { name: 'Phạm Văn Long', phone: '0912 345 678', email: 'long@example.vn' }, address: 'Số 12 Đội Cấn, Ba Đình, Hà Nội' }
		});
		expect(created.status).toBe(201);
		return { id: created.body.id as string, code: created.body.code as string };
	}
	const step = (id: string, body: Record<string, unknown>, token = supervisor) => t.call('POST', `/api/requests/${id}/steps`, { token, body });
	const detail = async (id: string) => (await t.call('GET', `/api/requests/${id}`, { token: supervisor })).body;
	const messages = async (id: string) => (await t.outbox(id)).body.messages as Message[];

	/** The customer signs the document the decision notice links to, with the code texted on the portal. */
	async function signOnPortal(id: string) {
		const notice = (await messages(id)).find((m) => m.kind === 'decision' && m.channel === 'sms')!;
		const portal = /\/portal\/([A-Za-z0-9_-]+)/.exec(notice.body)![1]!;
		const page = await t.call('GET', `/api/portal/${portal}`);
		expect((await t.call('POST', `/api/portal/${portal}/code`)).status).toBe(200);
		const code = /: (\d{6})\./.exec((await messages(id)).find((m) => m.kind === 'portal_code' && m.channel === 'sms')!.body)![1]!;
		const signature = { imagePng: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', strokes: [[{ x: 1, y: 2, time: 1 }, { x: 5, y: 9, time: 30 }]], signerName: 'Phạm Văn Long' };
		const signed = await t.call('POST', `/api/portal/${portal}/sign`, { body: { contractSha256: page.body.contract.sha256, code, signature } });
		expect(signed.status, JSON.stringify(signed.body)).toBe(200);
	}

	it('runs a payment method change (50) as paperwork to closed, never sending a crew, and texts the decision', async () => {
		const crew = await t.makeCrew({ unitId, name: 'Tổ Ba Đình 1' });
		const { id, code } = await takeIn(50);
		// no survey for paperwork: dispatch is refused in words and no job exists
		const dispatch = await t.call('POST', `/api/requests/${id}/dispatch`, { token: supervisor, body: { crewId: crew.id, scheduledAt: '2026-11-24T08:30:00+07:00' } });
		expect(dispatch.status).toBe(409);
		expect(dispatch.body.error.message).toContain('không cần tổ đến hiện trường');
		expect(dispatch.body.error.message).toContain('Thay đổi hình thức thanh toán tiền điện');
		// the other processes' steps are refused naming this process
		const answer = await step(id, { step: 'answerCustomer', answer: 'Điện lực đã nhận được yêu cầu của quý khách.' });
		expect(answer.status).toBe(409);
		expect(answer.body.error).toMatchObject({ code: 'not_in_workflow' });
		expect(answer.body.error.message).toContain('Xét duyệt hồ sơ, không cần đến hiện trường');
		// out of order is refused with the state in words
		const early = await step(id, { step: 'decide', decision: 'approved', note: 'Hồ sơ đầy đủ' });
		expect(early.status).toBe(409);
		expect(early.body.error.message).toContain('Đã tiếp nhận');

		expect((await step(id, { step: 'startReview' })).body).toMatchObject({ state: 'under_review' });
		expect((await step(id, { step: 'decide', decision: 'approved', note: 'Chuyển sang trích nợ tự động tại Vietcombank từ kỳ hóa đơn tháng 12' })).body).toMatchObject({ state: 'decided' });
		// the approval drafted the amendment (phụ lục): the notice carries the link to sign it, and closing waits for both signatures
		expect((await step(id, { step: 'notifyDecision' })).body).toMatchObject({ state: 'awaiting_remote_signature' });
		expect((await step(id, { step: 'close' })).status).toBe(409);
		await signOnPortal(id);
		expect((await t.call('POST', `/api/requests/${id}/countersign`, { token: supervisor })).status).toBe(200);

		const sms = (await messages(id)).find((m) => m.kind === 'decision' && m.channel === 'sms')!;
		expect(sms.recipient).toBe('0912345678');
		expect(sms.body).toContain(code);
		expect(plain(sms.body)).toContain(plain('trích nợ tự động'));
		const email = (await messages(id)).find((m) => m.kind === 'decision' && m.channel === 'email')!;
		expect(email.body).toContain('Chấp thuận');
		const seen = await detail(id);
		expect(seen.state).toBe('completed');
		expect(seen.jobs).toEqual([]);
		const decided = (seen.timeline as Entry[]).find((e) => e.transition === 'decide')!;
		expect(decided.detail!.summary!.vi).toBe('Quyết định: Chấp thuận. Chuyển sang trích nợ tự động tại Vietcombank từ kỳ hóa đơn tháng 12');
		// closed is closed
		expect((await step(id, { step: 'close' })).status).toBe(409);
	});

	it('answers a billing complaint (74) in words: texted and emailed, kept in the history, then closed', async () => {
		const { id, code } = await takeIn(74);
		expect((await step(id, { step: 'startReview' })).status).toBe(409);
		expect((await step(id, { step: 'startInvestigation' })).body).toMatchObject({ state: 'investigating' });
		const short = await step(id, { step: 'answerCustomer', answer: 'Đã xem' });
		expect(short.status).toBe(400);
		expect(short.body.error.message).toContain('ít nhất 10 ký tự');
		const answer = 'Hóa đơn tháng 11 tăng do số ngày ghi chỉ số là 33 ngày; chỉ số 12 345 kWh đúng với công tơ.';
		expect((await step(id, { step: 'answerCustomer', answer })).body).toMatchObject({ state: 'answered' });
		const sms = (await messages(id)).find((m) => m.kind === 'answer' && m.channel === 'sms')!;
		expect(plain(sms.body)).toBe(plain(`EVN: Tra loi yeu cau ${code}: ${answer}`));
		const email = (await messages(id)).find((m) => m.kind === 'answer' && m.channel === 'email')!;
		expect(email.body).toContain('Giải đáp - kiến nghị hóa đơn tiền điện');
		expect(email.body).toContain(answer);
		const line = ((await detail(id)).timeline as Entry[]).find((e) => e.transition === 'answerCustomer')!;
		expect(line.detail!.summary!.vi).toBe(`Nội dung trả lời đã gửi khách hàng qua SMS, email: ${answer}`);
		expect((await step(id, { step: 'close', note: 'Khách hàng đồng ý' })).body).toMatchObject({ state: 'completed' });
	});

	it('answers a reading complaint (75) with a meter check: a service-41 request for the meter, the customer told, then closed', async () => {
		const customer = await t.makeCustomer({ fullName: 'Đỗ Thị Mai', phone: '0913000075' });
		const meter = await t.makeMeter({ serial: 'CT-BD-0075', unitId, customerId: customer.id });
		const { id, code } = await takeIn(75);
		const noMeter = await step(id, { step: 'orderMeterCheck' });
		expect(noMeter.status).toBe(400);
		expect(noMeter.body.error.message).toContain('chưa gắn với công tơ nào');
		const ordered = await step(id, { step: 'orderMeterCheck', meterSerial: meter.serial });
		expect(ordered.status).toBe(200);
		expect(ordered.body).toMatchObject({ state: 'answered', meterCheck: { code: expect.stringMatching(/^YC-2026-/) } });
		const check = await detail(ordered.body.meterCheck.id);
		expect(check).toMatchObject({ state: 'submitted', service: { number: 41 } });
		expect(check.customer.name).toBe('Đỗ Thị Mai');
		const sms = (await messages(id)).find((m) => m.kind === 'meter_check_ordered' && m.channel === 'sms')!;
		expect(sms.body).toContain(code);
		expect(sms.body).toContain('CT-BD-0075');
		expect(sms.body).toContain(ordered.body.meterCheck.code);
		// a second order while the check is open is refused naming it
		const other = await takeIn(75);
		const twice = await step(other.id, { step: 'orderMeterCheck', meterSerial: meter.serial });
		expect(twice.status).toBe(409);
		expect(twice.body.error.message).toContain(ordered.body.meterCheck.code);
		expect((await step(id, { step: 'close' })).body).toMatchObject({ state: 'completed' });
		// a billing complaint cannot order a meter check
		const billing = await takeIn(74);
		expect((await step(billing.id, { step: 'orderMeterCheck', meterSerial: meter.serial })).status).toBe(409);
	});

	it('sends a crew at once for a power-outage report (52): a repair job, the fix reported to the customer, closed', async () => {
		const crew = await t.makeCrew({ unitId, name: 'Tổ Ba Đình 1' });
		await t.makeUser({ username: 'doi-1', crewId: crew.id, fullName: 'Nguyễn Văn Tổ' });
		const crewToken = await t.login('doi-1');
		const { id, code } = await takeIn(52);
		expect((await detail(id)).deadline).toBe('2026-11-23T04:00:00.000Z'); // 2 hours after receipt
		const job = await t.call('POST', `/api/requests/${id}/dispatch`, { token: supervisor, body: { crewId: crew.id, scheduledAt: '2026-11-23T09:30:00+07:00' } });
		expect(job.status).toBe(200);
		const seen = await detail(id);
		expect(seen.state).toBe('crew_dispatched');
		expect(seen.jobs).toMatchObject([{ kind: 'repair', status: 'assigned', crew: { name: 'Tổ Ba Đình 1' } }]);
		const pull = await t.call('GET', '/api/sync/pull', { token: crewToken });
		expect(pull.body.jobs.map((j: { kind: string }) => j.kind)).toEqual(['repair']);
		const sent = (await messages(id)).find((m) => m.kind === 'crew_dispatched' && m.channel === 'sms')!;
		expect(plain(sent.body)).toContain(plain('09:30 ngày 23/11/2026'));
		// the crew cannot use the supervisor's steps; another process's step is refused
		expect((await step(id, { step: 'recordFix', report: 'Thay cầu chì' }, crewToken)).status).toBe(403);
		expect((await step(id, { step: 'startReview' })).status).toBe(409);
		expect((await step(id, { step: 'recordFix', report: 'Thay cầu chì hạ thế bị đứt, đã có điện lúc 10:15' })).body).toMatchObject({ state: 'fixed' });
		const fixed = (await messages(id)).find((m) => m.kind === 'fixed' && m.channel === 'sms')!;
		expect(fixed.body).toContain(code);
		expect(plain(fixed.body)).toContain(plain('đã có điện lúc 10:15'));
		expect((await step(id, { step: 'close' })).body).toMatchObject({ state: 'completed' });
	});

	it('keeps site work (1) on the survey and the wiring steps; their answers are refused', async () => {
		const crew = await t.makeCrew({ unitId });
		const { id } = await takeIn(1);
		expect((await step(id, { step: 'startInvestigation' })).status).toBe(409);
		const job = await t.call('POST', `/api/requests/${id}/dispatch`, { token: supervisor, body: { crewId: crew.id, scheduledAt: '2026-11-24T08:30:00+07:00' } });
		expect(job.status).toBe(200);
		expect((await detail(id)).jobs).toMatchObject([{ kind: 'survey' }]);
		expect((await step(id, { step: 'close' })).status).toBe(409);
	});

	it('refuses another unit (404), a crew (403), an anonymous caller (401) and a step that is not one (400)', async () => {
		const { id } = await takeIn(50);
		const otherUnit = (await t.makeUnit({ name: 'Điện lực Hải Châu' })).id;
		await t.makeUser({ username: 'giamsat-dn', role: 'supervisor', unitId: otherUnit });
		const other = await t.login('giamsat-dn');
		expect((await step(id, { step: 'startReview' }, other)).status).toBe(404);
		const crew = await t.makeCrew({ unitId });
		await t.makeUser({ username: 'doi-2', crewId: crew.id });
		expect((await step(id, { step: 'startReview' }, await t.login('doi-2'))).status).toBe(403);
		expect((await t.call('POST', `/api/requests/${id}/steps`, { body: { step: 'startReview' } })).status).toBe(401);
		const bogus = await step(id, { step: 'submitEstimate' });
		expect(bogus.status).toBe(400);
		expect(bogus.body.error.message).not.toContain('submitEstimate');
		// an admin acts on every unit
		await t.makeUser({ username: 'quantri', role: 'admin' });
		expect((await step(id, { step: 'startReview' }, await t.login('quantri'))).body).toMatchObject({ state: 'under_review' });
	});
});
