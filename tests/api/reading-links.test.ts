// Issue 12 §3: a reading-day link is for today or a later day only, and its texts write the day as dd/mm/yyyy.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';

type Message = { kind: string; channel: string; body: string; subject: string | null };
const plain = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

describe.each(DRIVERS)('reading-day links on %s', (driver) => {
	let t: TestContext;
	let supervisor: string;
	let unitId: string;
	beforeEach(async () => {
		t = await createTestContext(driver); // now: Monday 23 Nov 2026, 09:00 in Hà Nội
		unitId = (await t.makeUnit()).id;
		await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId });
		supervisor = await t.login('giamsat');
	});
	afterEach(() => t.close());

	const links = async () => ((await t.outbox()).body.messages as Message[]).filter((m) => m.kind === 'self_reading_link');

	it('refuses a reading day in the past, naming both days as dd/mm/yyyy, and texts nothing', async () => {
		const meter = await t.makeMeter({ unitId });
		for (const readingDate of ['2020-01-01', '2026-11-22']) {
			const res = await t.call('POST', `/api/meters/${meter.serial}/reading-links`, { token: supervisor, body: { readingDate } });
			expect(res.status).toBe(400);
			const [y, m, d] = readingDate.split('-');
			expect(res.body.error.message).toBe(`Ngày ghi chỉ số ${d}/${m}/${y} đã qua (hôm nay là 23/11/2026); chọn hôm nay hoặc một ngày sau`);
		}
		expect(await links()).toEqual([]);
	});

	it('sends a link for today or later, the day written dd/mm/yyyy in the SMS and the email', async () => {
		const meter = await t.makeMeter({ unitId });
		expect((await t.call('POST', `/api/meters/${meter.serial}/reading-links`, { token: supervisor, body: { readingDate: '2026-11-23' } })).status).toBe(201);
		expect((await t.call('POST', `/api/meters/${meter.serial}/reading-links`, { token: supervisor, body: { readingDate: '2026-11-25' } })).status).toBe(201);
		const sent = await links();
		const sms = sent.filter((m) => m.channel === 'sms').map((m) => plain(m.body));
		expect(sms.some((b) => b.includes('Hom nay 23/11/2026 la ngay ghi chi so'))).toBe(true);
		expect(sms.some((b) => b.includes('25/11/2026'))).toBe(true);
		for (const message of sent) expect(message.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
	});
});
