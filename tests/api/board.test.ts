import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { createHash } from 'node:crypto';
import { command, fakeJpeg, push, surveyPayloadFor, uploadPhoto } from '../support/field';
import { BOARD_TOTAL_CAP } from '../../src/lib/domain/board';
import { processKindOf, servicesOfKind } from '../../src/lib/domain/processes';

describe.each(DRIVERS)('supervisor board on %s', (driver) => {
	let t: TestContext;
	let supervisor: string;
	let unitId: string;
	beforeEach(async () => {
		t = await createTestContext(driver);
		unitId = (await t.makeUnit({ name: 'Điện lực Ba Đình' })).id;
		await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId });
		supervisor = await t.login('giamsat');
	});
	afterEach(() => t.close());

	const intake = (body: Record<string, unknown> = {}) =>
		t.call('POST', '/api/requests', {
			token: supervisor,
			body: { serviceNumber: 2, customer: { name: 'Phạm Văn Long', phone: '0912 345 678', email: 'long@example.vn' }, address: 'Số 12 Đội Cấn, Ba Đình, Hà Nội', location: { lat: 21.035, lng: 105.82 }, ...body }
		});

	it('takes in a request with the catalog deadline, skipping New Year’s Day', async () => {
		t.setNow(new Date('2026-12-30T03:00:00Z')); // Wednesday 30 Dec, 10:00 in Hà Nội
		supervisor = await t.login('giamsat');
		const res = await intake();
		expect(res.status).toBe(201);
		expect(res.body.code).toMatch(/^YC-2026-\d{5}$/);
		// 5 working days: Thu 31, (Fri 1 Jan holiday), Mon 4, Tue 5, Wed 6, Thu 7 Jan → end of Thu 7 Jan in Hà Nội
		expect(res.body.deadline).toBe('2027-01-07T16:59:59.999Z');
		const board = await t.call('GET', '/api/requests', { token: supervisor });
		expect(board.body.items[0]).toMatchObject({ code: res.body.code, customerName: 'Phạm Văn Long', customerPhone: '0912345678', state: 'submitted', serviceNumber: 2, deadlineStatus: 'ok', workingDaysLeft: 5 });
	});

	it('keeps the documents attached at intake (a photo and a PDF) on the request', async () => {
		const pdf = new Uint8Array(Buffer.from('%PDF-1.4\n% giay to nha dat\n'));
		const photo = fakeJpeg('cmnd');
		const pdfSha = createHash('sha256').update(pdf).digest('hex');
		expect((await t.call('PUT', `/api/blobs/${pdfSha}`, { token: supervisor, bytes: pdf })).body.mime).toBe('application/pdf');
		expect((await t.call('PUT', `/api/blobs/${photo.sha256}`, { token: supervisor, bytes: photo.bytes })).status).toBe(201);
		const created = await intake({ documents: [photo.sha256, pdfSha] });
		expect(created.status).toBe(201);
		const detail = await t.call('GET', `/api/requests/${created.body.id}`, { token: supervisor });
		expect(detail.body.documents).toHaveLength(2);
		// in the order the supervisor attached them, whichever upload finished first
		expect(detail.body.documents).toEqual([
			{ sha256: photo.sha256, mime: 'image/jpeg', size: photo.bytes.length },
			{ sha256: pdfSha, mime: 'application/pdf', size: pdf.length }
		]);
		const reversed = await intake({ documents: [pdfSha, photo.sha256] });
		const reversedDetail = await t.call('GET', `/api/requests/${reversed.body.id}`, { token: supervisor });
		expect(reversedDetail.body.documents.map((d: { sha256: string }) => d.sha256)).toEqual([pdfSha, photo.sha256]);
		const missing = await intake({ documents: ['f'.repeat(64)] });
		expect(missing.status).toBe(400);
		expect(missing.body.error.fields.documents).toContain('Thiếu 1 tệp');
	});

	it('tells the PWA where its map tiles come from', async () => {
		expect((await t.call('GET', '/api/config')).body).toEqual({ tileUrl: 'https://tiles.hientruong.test/{z}/{x}/{y}.png', demoMode: true });
	});

	it('explains bad intake data field by field', async () => {
		const res = await intake({ serviceNumber: 80, customer: { name: 'A', phone: '12345' }, address: '' });
		expect(res.status).toBe(400);
		expect(res.body.error.fields).toMatchObject({
			serviceNumber: 'Chọn dịch vụ trong danh mục (1–79)',
			'customer.name': 'Nhập họ tên khách hàng',
			'customer.phone': 'Số điện thoại di động Việt Nam không hợp lệ (ví dụ 0912345678)',
			address: 'Nhập địa chỉ đầy đủ'
		});
	});

	it('dispatches a survey: the customer is told the time and the crew’s tablet gets the job', async () => {
		const crew = await t.makeCrew({ unitId, name: 'Tổ Ba Đình 1' });
		await t.makeUser({ username: 'doi-bd', crewId: crew.id });
		const crewToken = await t.login('doi-bd');
		const created = await intake();
		const dispatched = await t.call('POST', `/api/requests/${created.body.id}/dispatch`, { token: supervisor, body: { crewId: crew.id, scheduledAt: '2026-11-24T08:30:00+07:00' } });
		expect(dispatched.status).toBe(200);

		const outbox = await t.outbox(created.body.id);
		const sms = outbox.body.messages.find((m: { channel: string; kind: string }) => m.channel === 'sms' && m.kind === 'survey_scheduled');
		expect(sms.recipient).toBe('0912345678');
		expect(sms.body).toContain('08:30');
		// an SMS in the unaccented form the gateways take, the address included (it was "Số 12 Đội Cấn" in the middle of it)
		expect(sms.body).toBe(`EVN: Yeu cau ${created.body.code}: to khao sat se den So 12 Doi Can, Ba Dinh, Ha Noi vao 08:30 ngay 24/11/2026. Vui long co mat hoac bao nguoi nha.`);
		const email = outbox.body.messages.find((m: { channel: string; kind: string }) => m.channel === 'email' && m.kind === 'survey_scheduled');
		expect(email.subject).toBe(`Lịch khảo sát hiện trường — yêu cầu ${created.body.code}`);
		expect(email.body).toContain('Số 12 Đội Cấn, Ba Đình, Hà Nội vào 08:30 ngày 24/11/2026');

		const pull = await t.call('GET', '/api/sync/pull', { token: crewToken });
		expect(pull.body.jobs).toHaveLength(1);
		expect(pull.body.jobs[0]).toMatchObject({ kind: 'survey', scheduledAt: '2026-11-24T01:30:00.000Z', request: { code: created.body.code, state: 'survey_scheduled' } });
		const board = await t.call('GET', `/api/requests?crewId=${crew.id}`, { token: supervisor });
		expect(board.body.items.map((i: { crew: { name: string } }) => i.crew.name)).toEqual(['Tổ Ba Đình 1']);
	});

	it('tells a customer who chose English of the survey in English', async () => {
		const crew = await t.makeCrew({ unitId });
		const customer = await t.makeCustomer({ fullName: 'John Smith', phone: '0912000277', email: 'john@example.com' });
		const request = await t.makeRequest({ unitId, customerId: customer.id, serviceNumber: 2, address: 'Số 3 Liễu Giai, Ba Đình, Hà Nội' });
		const chosen = await t.call('PUT', `/api/notices/preferences/${customer.id}`, { token: supervisor, body: { channel: 'sms', reminders: true, language: 'en' } });
		expect(chosen.status).toBe(200);
		const dispatched = await t.call('POST', `/api/requests/${request.id}/dispatch`, { token: supervisor, body: { crewId: crew.id, scheduledAt: '2026-11-24T14:00:00+07:00' } });
		expect(dispatched.status).toBe(200);
		const messages = (await t.outbox(request.id)).body.messages as Array<{ channel: string; kind: string; subject: string | null; body: string }>;
		expect(messages.find((m) => m.channel === 'sms' && m.kind === 'survey_scheduled')!.body).toBe(
			`EVN: Request ${request.code}: the survey crew will come to So 3 Lieu Giai, Ba Dinh, Ha Noi at 14:00 on 24/11/2026. Please be there or tell someone at home.`
		);
		const email = messages.find((m) => m.channel === 'email' && m.kind === 'survey_scheduled')!;
		expect(email.subject).toBe(`Site survey appointment — request ${request.code}`);
		expect(email.body).toMatch(/^Dear John Smith,/);
	});

	it('reassigning a job rejects the old crew’s pending survey with a reason', async () => {
		const oldCrew = await t.makeCrew({ unitId });
		const newCrew = await t.makeCrew({ unitId });
		await t.makeUser({ username: 'doi-cu', crewId: oldCrew.id });
		const oldToken = await t.login('doi-cu');
		const created = await intake();
		const { body: job } = await t.call('POST', `/api/requests/${created.body.id}/dispatch`, { token: supervisor, body: { crewId: oldCrew.id, scheduledAt: '2026-11-24T08:30:00+07:00' } });
		const photo = await uploadPhoto(t, oldToken, 'cu');

		const moved = await t.call('POST', `/api/jobs/${job.jobId}/reassign`, { token: supervisor, body: { crewId: newCrew.id } });
		expect(moved.status).toBe(200);
		const res = await push(t, oldToken, 'tablet-doi-cu-1', [command(1, 'submitSurvey', { requestId: created.body.id, jobId: job.jobId }, 2, surveyPayloadFor({ site: [photo], meter: [photo] }))]);
		expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'job_reassigned' });
		const pull = await t.call('GET', '/api/sync/pull?cursor=0', { token: oldToken });
		expect(pull.body.jobs).toHaveLength(0);
	});

	it('filters by state, service and overdue, searches by code, phone or name, and pages by deadline', async () => {
		for (let i = 0; i < 5; i++) await intake({ serviceNumber: i < 3 ? 2 : 1, customer: { name: `Khách Số ${i}`, phone: `091200000${i}` } });
		const all = await t.call('GET', '/api/requests?pageSize=20', { token: supervisor });
		expect(all.body.total).toBe(5);
		const page = await t.call('GET', '/api/requests?service=2&pageSize=20', { token: supervisor });
		expect(page.body.items.map((i: { customerName: string }) => i.customerName).sort()).toEqual(['Khách Số 0', 'Khách Số 1', 'Khách Số 2']);
		const byPhone = await t.call('GET', '/api/requests?q=0912000003', { token: supervisor });
		expect(byPhone.body.items.map((i: { customerName: string }) => i.customerName)).toEqual(['Khách Số 3']);
		const byName = await t.call('GET', `/api/requests?q=${encodeURIComponent('số 4')}`, { token: supervisor });
		expect(byName.body.items.map((i: { customerName: string }) => i.customerName)).toEqual(['Khách Số 4']);
		const byCode = await t.call('GET', `/api/requests?q=${all.body.items[0].code}`, { token: supervisor });
		expect(byCode.body.total).toBe(1);
		expect((await t.call('GET', '/api/requests?state=survey_scheduled', { token: supervisor })).body.total).toBe(0);

		t.setNow(new Date(t.now().getTime() + 30 * 24 * 3_600_000));
		supervisor = await t.login('giamsat');
		const overdue = await t.call('GET', '/api/requests?overdue=1', { token: supervisor });
		expect(overdue.body.total).toBe(5);
		expect(overdue.body.items.every((i: { deadlineStatus: string }) => i.deadlineStatus === 'overdue')).toBe(true);
		const deadlines = overdue.body.items.map((i: { deadline: string }) => i.deadline);
		expect([...deadlines].sort()).toEqual(deadlines);
		const badPage = await t.call('GET', '/api/requests?pageSize=7', { token: supervisor });
		expect(badPage.status).toBe(400);
	});

	/** Many requests of the unit at once, written in SQL (deadlines one hour apart from `from`; services 1–79 in turn). */
	async function bulkRequests(n: number, from = '2026-11-01T00:00:00Z') {
		const customer = await t.makeCustomer();
		await t.database.withConnection(async (q) => {
			await q(
				`INSERT INTO requests (id, code, service_number, customer_id, unit_id, address, state, received_at, deadline, updated_at, change_seq, search_text)
				SELECT 'bulk-' || i, 'YC-2025-' || lpad(i::text, 6, '0'), 1 + i % 79, $1, $2, 'Số ' || i, 'submitted',
					$3::timestamptz, $3::timestamptz + i * interval '1 hour', $3::timestamptz, nextval('change_seq'), lower('YC-2025-' || lpad(i::text, 6, '0'))
				FROM generate_series(1, ${n}) i`,
				[customer.id, unitId, from]
			);
		});
	}

	it('counts up to the cap and says when more match; pages within the cap and refuses past it in words', async () => {
		await bulkRequests(BOARD_TOTAL_CAP + 5);
		const first = await t.call('GET', '/api/requests?pageSize=100', { token: supervisor });
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ total: BOARD_TOTAL_CAP, totalCapped: true, page: 1, pageSize: 100 });
		expect(first.body.items.map((i: { code: string }) => i.code).slice(0, 3)).toEqual(['YC-2025-000001', 'YC-2025-000002', 'YC-2025-000003']);

		// the last page within the cap: rows 9 901 – 10 000 by deadline
		const last = await t.call('GET', `/api/requests?pageSize=100&page=${BOARD_TOTAL_CAP / 100}`, { token: supervisor });
		expect(last.status).toBe(200);
		expect(last.body.items).toHaveLength(100);
		expect(last.body.items[0].code).toBe('YC-2025-009901');
		expect(last.body.items[99].code).toBe(`YC-2025-0${BOARD_TOTAL_CAP}`);

		const past = await t.call('GET', `/api/requests?pageSize=100&page=${BOARD_TOTAL_CAP / 100 + 1}`, { token: supervisor });
		expect(past.status).toBe(400);
		expect(past.body.error.fields.page).toBe('Chỉ xem được 10.000 yêu cầu đầu theo hạn; hãy lọc hoặc tìm để thu hẹp');

		// a narrower filter is counted exactly
		const narrow = await t.call('GET', '/api/requests?service=5&pageSize=20', { token: supervisor });
		expect(narrow.body).toMatchObject({ total: 127, totalCapped: false });
		const exactlyCap = await t.call('GET', `/api/requests?q=${encodeURIComponent('YC-2025-00')}&pageSize=20`, { token: supervisor });
		expect(exactlyCap.body).toMatchObject({ total: 9_999, totalCapped: false });
	});

	it('pages by deadline without gaps or repeats, the same on every driver', async () => {
		await bulkRequests(95);
		const seen: string[] = [];
		for (let page = 1; page <= 5; page++) {
			const res = await t.call('GET', `/api/requests?pageSize=20&page=${page}`, { token: supervisor });
			expect(res.body).toMatchObject({ total: 95, totalCapped: false, page });
			seen.push(...res.body.items.map((i: { code: string }) => i.code));
		}
		expect(seen).toHaveLength(95);
		expect(new Set(seen).size).toBe(95);
		expect(seen).toEqual([...seen].sort());
		const beyond = await t.call('GET', '/api/requests?pageSize=20&page=6', { token: supervisor });
		expect(beyond.body).toMatchObject({ items: [], total: 95, totalCapped: false });
	});

	it('filters by the request’s process, alone and with the other filters', async () => {
		await bulkRequests(158);
		const paperwork = await t.call('GET', '/api/requests?process=paperwork&pageSize=100', { token: supervisor });
		expect(paperwork.status).toBe(200);
		const expected = servicesOfKind('paperwork');
		expect(paperwork.body.total).toBe(2 * expected.length);
		expect(paperwork.body.items.every((i: { serviceNumber: number }) => processKindOf(i.serviceNumber) === 'paperwork')).toBe(true);
		const reading = await t.call('GET', '/api/requests?process=reading_complaint&pageSize=20', { token: supervisor });
		expect(reading.body.items.map((i: { serviceNumber: number }) => i.serviceNumber)).toEqual([75, 75]);
		const withService = await t.call('GET', '/api/requests?process=paperwork&service=75', { token: supervisor });
		expect(withService.body).toMatchObject({ items: [], total: 0 });
		const bad = await t.call('GET', '/api/requests?process=survey', { token: supervisor });
		expect(bad.status).toBe(400);
		expect(bad.body.error.fields.process).toBe('Quy trình không hợp lệ');
	});

	it('shows the request detail with its timeline, and keeps other units and crews out', async () => {
		const created = await intake();
		const detail = await t.call('GET', `/api/requests/${created.body.id}`, { token: supervisor });
		expect(detail.body).toMatchObject({ code: created.body.code, service: { number: 2 }, customer: { name: 'Phạm Văn Long' } });
		expect(detail.body.timeline.map((e: { toState: string; actorName: string }) => [e.toState, e.actorName])).toEqual([['submitted', 'Người Dùng Thử']]);

		const otherUnit = await t.makeUnit();
		await t.makeUser({ username: 'giamsat-khac', role: 'supervisor', unitId: otherUnit.id });
		const other = await t.login('giamsat-khac');
		expect((await t.call('GET', `/api/requests/${created.body.id}`, { token: other })).status).toBe(404);
		expect((await t.call('GET', '/api/requests', { token: other })).body.total).toBe(0);

		await t.makeUser({ username: 'doi-x' });
		const crewToken = await t.login('doi-x');
		for (const [method, path] of [['GET', '/api/requests'], ['POST', '/api/requests'], ['GET', '/api/crews'], ['POST', `/api/requests/${created.body.id}/dispatch`]] as const) {
			expect((await t.call(method, path, { token: crewToken, body: method === 'POST' ? {} : undefined })).status).toBe(403);
		}
	});
});
