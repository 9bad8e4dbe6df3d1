// Terminating the electricity purchase contract (service 55): the approval needs the meter's final reading (serial,
// index in kWh, photo of the meter face) recorded by the supervisor in the decision; without it the decision is refused
// in words. The reading is stored on the meter's register, kept in the history, and the customer's notice says the
// contract was terminated with the final reading. Other paperwork approvals name what they decided.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { fakeJpeg } from '../support/field';

type Message = { kind: string; channel: string; body: string; recipient: string };
type Entry = { transition: string; detail: { summary?: { vi: string; en: string }; finalReading?: { meterSerial: string; kwh: number; photoSha256: string } } | null };
const plain = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
const DAY = 24 * 3_600_000;

describe.each(DRIVERS)('termination of the electricity purchase contract on %s', (driver) => {
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

	async function takeIn(serviceNumber: number, phone = '0912 345 678') {
		const created = await t.call('POST', '/api/requests', {
			token: supervisor,
			body: { serviceNumber, customer: { name: 'Phạm Văn Long', phone, email: 'long@example.vn' }, address: 'Số 12 Đội Cấn, Ba Đình, Hà Nội' }
		});
		expect(created.status).toBe(201);
		return { id: created.body.id as string, code: created.body.code as string };
	}
	const step = (id: string, body: Record<string, unknown>) => t.call('POST', `/api/requests/${id}/steps`, { token: supervisor, body });
	const detail = async (id: string) => (await t.call('GET', `/api/requests/${id}`, { token: supervisor })).body;
	const messages = async (id: string) => (await t.outbox(id)).body.messages as Message[];
	async function uploadPhoto(label: string) {
		const photo = fakeJpeg(label);
		const put = await t.call('PUT', `/api/blobs/${photo.sha256}`, { token: supervisor, bytes: photo.bytes, contentType: 'image/jpeg' });
		expect([200, 201]).toContain(put.status);
		return photo.sha256;
	}
	/** The customer's meter: registered to the same phone the request came with. */
	async function customersMeter() {
		const owner = await t.makeCustomer({ fullName: 'Phạm Văn Long', phone: '0912345678' });
		return t.makeMeter({ unitId, customerId: owner.id }, [
			{ kwh: 12000, at: new Date(t.now().getTime() - 40 * DAY) },
			{ kwh: 12300, at: new Date(t.now().getTime() - 10 * DAY) }
		]);
	}

	it('refuses to approve without the final reading, then approves with it: stored, in the history and in the notice', async () => {
		const meter = await customersMeter();
		const { id, code } = await takeIn(55);
		expect((await step(id, { step: 'startReview' })).body).toMatchObject({ state: 'under_review' });

		// no final reading: refused in words, nothing moves
		const bare = await step(id, { step: 'decide', decision: 'approved', note: 'Khách hàng đã thanh toán hết tiền điện' });
		expect(bare.status).toBe(400);
		expect(bare.body.error.message).toContain('chỉ số chốt');
		expect(bare.body.error.message).toContain(code);
		// a reading without its photo is refused the same way
		const noPhoto = await step(id, { step: 'decide', decision: 'approved', note: 'Khách hàng đã thanh toán hết tiền điện', finalReading: { meterSerial: meter.serial, kwh: 12345 } });
		expect(noPhoto.status).toBe(400);
		expect(noPhoto.body.error.message).toContain('ảnh mặt công tơ');
		// a photo never uploaded is refused in words
		const ghost = await step(id, { step: 'decide', decision: 'approved', note: 'Khách hàng đã thanh toán hết tiền điện', finalReading: { meterSerial: meter.serial, kwh: 12345, photoSha256: 'a'.repeat(64) } });
		expect(ghost.status).toBe(400);
		expect(ghost.body.error.message).toContain('chưa được tải lên');
		const photo = await uploadPhoto('chot-12345');
		// another customer's meter is not this contract's
		const neighbour = await t.makeCustomer({ fullName: 'Lê Thị Hoa', phone: '0987654321' });
		const stranger = await t.makeMeter({ unitId, customerId: neighbour.id });
		const other = await step(id, { step: 'decide', decision: 'approved', note: 'Khách hàng đã thanh toán hết tiền điện', finalReading: { meterSerial: stranger.serial, kwh: 500, photoSha256: photo } });
		expect(other.status).toBe(400);
		expect(other.body.error.message).toContain(`Công tơ ${stranger.serial} không phải công tơ của khách hàng`);
		// the reading rules apply: below the last reading is refused
		const below = await step(id, { step: 'decide', decision: 'approved', note: 'Khách hàng đã thanh toán hết tiền điện', finalReading: { meterSerial: meter.serial, kwh: 12000, photoSha256: photo } });
		expect(below.status).toBe(422);
		expect(below.body.error.message).toContain('nhỏ hơn chỉ số lần trước');
		expect((await detail(id)).state).toBe('under_review');
		expect((await t.call('GET', `/api/meters/${meter.serial}`, { token: supervisor })).body.readings).toHaveLength(2);

		const approved = await step(id, { step: 'decide', decision: 'approved', note: 'Khách hàng đã thanh toán hết tiền điện', finalReading: { meterSerial: meter.serial, kwh: 12345, photoSha256: photo } });
		expect(approved.status).toBe(200);
		expect(approved.body).toMatchObject({ state: 'decided' });

		// stored on the meter's register as the utility's reading, with its photo
		const register = (await t.call('GET', `/api/meters/${meter.serial}`, { token: supervisor })).body;
		expect(register.readings.at(-1)).toMatchObject({ kwh: 12345, source: 'utility', photo });
		// in the history, in words, and with the reading itself
		const decided = ((await detail(id)).timeline as Entry[]).find((e) => e.transition === 'decide')!;
		expect(decided.detail!.summary!.vi).toBe(`Quyết định: Chấp thuận; chỉ số chốt công tơ ${meter.serial}: 12.345 kWh, công tơ thôi sử dụng. Khách hàng đã thanh toán hết tiền điện`);
		expect(decided.detail!.summary!.en).toContain(`final reading of meter ${meter.serial}: 12,345 kWh, meter taken out of service`);
		// the contract ends with that reading: the meter leaves service from the approval
		expect(register.meter.removedAt).toBe(t.now().toISOString());
		expect(decided.detail!.finalReading).toEqual({ meterSerial: meter.serial, kwh: 12345, photoSha256: photo });

		// the approval drafted the termination record: the notice carries the link to sign it
		expect((await step(id, { step: 'notifyDecision' })).body).toMatchObject({ state: 'awaiting_remote_signature' });
		const sent = await messages(id);
		const email = sent.find((m) => m.kind === 'decision' && m.channel === 'email')!;
		expect(email.body).toContain('Hợp đồng mua bán điện đã được chấm dứt');
		expect(email.body).toContain(`chỉ số chốt công tơ ${meter.serial}: 12.345 kWh`);
		const sms = sent.find((m) => m.kind === 'decision' && m.channel === 'sms')!;
		expect(sms.recipient).toBe('0912345678');
		expect(plain(sms.body)).toContain(plain('Hợp đồng mua bán điện đã được chấm dứt'));
		expect(plain(sms.body)).toContain(plain('chỉ số chốt'));
		expect(sms.body).toContain('/portal/');
		const told = ((await detail(id)).timeline as Entry[]).find((e) => e.transition === 'sendDocumentForSigning')!;
		expect(told.detail!.summary!.vi).toContain('Hợp đồng mua bán điện đã được chấm dứt, chỉ số chốt công tơ');
		// closed only once both parties signed the record
		expect((await step(id, { step: 'close' })).status).toBe(409);

		// a meter out of service takes no second final reading: another termination is refused in words, nothing moves
		const again = await takeIn(55);
		await step(again.id, { step: 'startReview' });
		const twice = await step(again.id, { step: 'decide', decision: 'approved', note: 'Lặp lại', finalReading: { meterSerial: meter.serial, kwh: 12400, photoSha256: photo } });
		expect(twice.status).toBe(409);
		expect(twice.body.error.message).toBe(`Công tơ ${meter.serial} đã thôi sử dụng, không ghi chỉ số chốt được`);
		expect((await detail(again.id)).state).toBe('under_review');
		expect((await t.call('GET', `/api/meters/${meter.serial}`, { token: supervisor })).body.readings).toHaveLength(3);
	});

	it('refuses a termination without needing a reading, and the notice then terminates nothing', async () => {
		await customersMeter();
		const { id } = await takeIn(55);
		await step(id, { step: 'startReview' });
		expect((await step(id, { step: 'decide', decision: 'refused', note: 'Còn nợ tiền điện tháng 10' })).body).toMatchObject({ state: 'decided' });
		await step(id, { step: 'notifyDecision' });
		const email = (await messages(id)).find((m) => m.kind === 'decision' && m.channel === 'email')!;
		expect(email.body).toContain('Không chấp thuận');
		expect(email.body).not.toContain('đã được chấm dứt');
	});

	it('names what other paperwork approvals decided: a renewal, an amendment, a new contract for a new holder', async () => {
		for (const [n, words] of [[54, 'Hợp đồng mua bán điện đã được gia hạn'], [49, 'Phụ lục hợp đồng mua bán điện đã được lập'], [39, 'Hợp đồng mua bán điện mới đã được lập']] as const) {
			const { id } = await takeIn(n);
			await step(id, { step: 'startReview' });
			// only a termination asks for a reading
			expect((await step(id, { step: 'decide', decision: 'approved', note: 'Hồ sơ đầy đủ, hợp lệ' })).body).toMatchObject({ state: 'decided' });
			await step(id, { step: 'notifyDecision' });
			const email = (await messages(id)).find((m) => m.kind === 'decision' && m.channel === 'email')!;
			expect(email.body, `service ${n}`).toContain(words);
			expect(email.body).not.toContain('chỉ số chốt');
		}
	});
});
