// Supervisor operations (issue 12, item 2): reschedule a visit, cancel with a reason, reassign with a handover of
// the work the first crew did offline. Each is in the request's history in words and texts the customer when it
// changes what they were told.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { command, push, surveyPayloadFor, uploadPhoto } from '../support/field';

type Message = { kind: string; channel: string; body: string; recipient: string };
type Entry = { transition: string; detail: { summary?: { vi: string; en: string } } | null };

describe.each(DRIVERS)('supervisor operations on %s', (driver) => {
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

	async function dispatched(crewName = 'Tổ Ba Đình 1', username = 'doi-1') {
		const crew = await t.makeCrew({ unitId, name: crewName });
		await t.makeUser({ username, crewId: crew.id, fullName: 'Nguyễn Văn Tổ' });
		const crewToken = await t.login(username);
		const created = await t.call('POST', '/api/requests', {
			token: supervisor,
			body: { serviceNumber: 2, customer: { name: 'Phạm Văn Long', phone: '0912 345 678', email: 'long@example.vn' }, address: 'Số 12 Đội Cấn, Ba Đình, Hà Nội' }
		});
		const job = await t.call('POST', `/api/requests/${created.body.id}/dispatch`, { token: supervisor, body: { crewId: crew.id, scheduledAt: '2026-11-24T08:30:00+07:00' } });
		expect(job.status).toBe(200);
		return { crew, crewToken, requestId: created.body.id as string, code: created.body.code as string, jobId: job.body.jobId as string };
	}

	const history = async (requestId: string) => (await t.call('GET', `/api/requests/${requestId}`, { token: supervisor })).body.timeline as Entry[];
	const messages = async (requestId: string) => (await t.outbox(requestId)).body.messages as Message[];

	it('refuses to dispatch a survey in the past, in words naming both times, and texts nothing', async () => {
		const crew = await t.makeCrew({ unitId });
		const created = await t.call('POST', '/api/requests', { token: supervisor, body: { serviceNumber: 2, customer: { name: 'Lê Thị Hoa', phone: '0912000001' }, address: 'Số 1 Kim Mã' } });
		const res = await t.call('POST', `/api/requests/${created.body.id}/dispatch`, { token: supervisor, body: { crewId: crew.id, scheduledAt: '2026-11-20T08:30:00+07:00' } });
		expect(res.status).toBe(400);
		expect(res.body.error).toMatchObject({ code: 'visit_in_past' });
		expect(res.body.error.message).toContain('08:30 ngày 20/11/2026');
		expect(res.body.error.message).toContain('09:00 ngày 23/11/2026');
		expect((await messages(created.body.id)).filter((m) => m.kind === 'survey_scheduled')).toEqual([]);
	});

	it('dispatch texts the survey time as day/month/year', async () => {
		const { requestId } = await dispatched();
		const sms = (await messages(requestId)).find((m) => m.kind === 'survey_scheduled' && m.channel === 'sms')!;
		expect(sms.body).toContain('08:30 ngay 24/11/2026');
		expect(sms.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
	});

	it('reschedules a visit: the customer is texted the new time, the tablet pulls it, the history says it in words', async () => {
		const { crewToken, requestId, code, jobId } = await dispatched();
		const res = await t.call('POST', `/api/jobs/${jobId}/reschedule`, { token: supervisor, body: { scheduledAt: '2026-11-26T14:00:00+07:00' } });
		expect(res.status).toBe(200);
		const sms = (await messages(requestId)).find((m) => m.kind === 'visit_rescheduled' && m.channel === 'sms')!;
		expect(sms.recipient).toBe('0912345678');
		expect(sms.body).toContain(code);
		expect(sms.body).toContain('14:00 ngay 26/11/2026');
		const email = (await messages(requestId)).find((m) => m.kind === 'visit_rescheduled' && m.channel === 'email')!;
		expect(email.body).toContain('khảo sát');
		const pull = await t.call('GET', '/api/sync/pull', { token: crewToken });
		expect(pull.body.jobs[0].scheduledAt).toBe('2026-11-26T07:00:00.000Z');
		// the crew's history shows workflow steps only
		expect(pull.body.jobs[0].request.history.map((h: { transition: string }) => h.transition)).not.toContain('reschedule');
		const line = (await history(requestId)).find((e) => e.transition === 'reschedule')!;
		expect(line.detail!.summary!.vi).toBe('Đổi lịch khảo sát của Tổ Ba Đình 1 từ 08:30 ngày 24/11/2026 sang 14:00 ngày 26/11/2026');
	});

	it('refuses a reschedule into the past, another unit’s job (404) and a crew (403)', async () => {
		const { crewToken, jobId } = await dispatched();
		const past = await t.call('POST', `/api/jobs/${jobId}/reschedule`, { token: supervisor, body: { scheduledAt: '2026-11-22T08:00:00+07:00' } });
		expect(past.status).toBe(400);
		expect(past.body.error.message).toContain('đã qua');
		const otherUnit = (await t.makeUnit({ name: 'Điện lực Hoàn Kiếm' })).id;
		await t.makeUser({ username: 'giamsat-hk', role: 'supervisor', unitId: otherUnit });
		const other = await t.login('giamsat-hk');
		expect((await t.call('POST', `/api/jobs/${jobId}/reschedule`, { token: other, body: { scheduledAt: '2026-11-26T08:00:00+07:00' } })).status).toBe(404);
		expect((await t.call('POST', `/api/jobs/${jobId}/reschedule`, { token: crewToken, body: { scheduledAt: '2026-11-26T08:00:00+07:00' } })).status).toBe(403);
	});

	it('cancels a request with a reason: jobs leave the tablet, a late survey is answered job_cancelled in words, the customer is texted', async () => {
		const { crewToken, requestId, code, jobId } = await dispatched();
		await t.call('GET', '/api/sync/pull', { token: crewToken });
		const photo = await uploadPhoto(t, crewToken, 'huy');
		const crewTry = await t.call('POST', `/api/requests/${requestId}/cancel`, { token: crewToken, body: { reason: 'Khách hàng đổi ý' } });
		expect(crewTry.status).toBe(403);
		const res = await t.call('POST', `/api/requests/${requestId}/cancel`, { token: supervisor, body: { reason: 'Khách hàng đổi ý, không lắp nữa' } });
		expect(res.status).toBe(200);
		expect(res.body.state).toBe('cancelled');
		const pull = await t.call('GET', '/api/sync/pull?cursor=0', { token: crewToken });
		expect(pull.body.jobs).toHaveLength(0);
		const late = await push(t, crewToken, 'tablet-doi-1-a', [command(1, 'submitSurvey', { requestId, jobId }, 2, surveyPayloadFor({ site: [photo], meter: [photo] }))]);
		expect(late.body.results[0]).toMatchObject({ status: 'rejected', code: 'job_cancelled' });
		expect(late.body.results[0].reason.vi).toContain(code);
		expect(late.body.results[0].reason.vi).toContain('Phạm Văn Long');
		const sms = (await messages(requestId)).find((m) => m.kind === 'request_cancelled' && m.channel === 'sms')!;
		expect(sms.body).toContain('Khách hàng đổi ý, không lắp nữa');
		const line = (await history(requestId)).find((e) => e.transition === 'cancel')!;
		expect(line.detail!.summary!.vi).toBe('Hủy yêu cầu. Lý do: Khách hàng đổi ý, không lắp nữa');
		expect((await t.call('POST', `/api/requests/${requestId}/cancel`, { token: supervisor, body: { reason: 'lần nữa' } })).status).toBe(409);
	});

	it('reassigns with the history naming both crews; the first crew’s offline survey is kept, refused in words, and accepted into the request', async () => {
		const first = await dispatched();
		const second = await t.makeCrew({ unitId, name: 'Tổ Ba Đình 2' });
		const photo = await uploadPhoto(t, first.crewToken, 'cu');
		const moved = await t.call('POST', `/api/jobs/${first.jobId}/reassign`, { token: supervisor, body: { crewId: second.id } });
		expect(moved.status).toBe(200);
		expect((await history(first.requestId)).find((e) => e.transition === 'reassign')!.detail!.summary!.vi).toBe('Chuyển công việc khảo sát từ Tổ Ba Đình 1 sang Tổ Ba Đình 2');

		const payload = surveyPayloadFor({ site: [photo], meter: [photo] });
		const res = await push(t, first.crewToken, 'tablet-doi-1-a', [command(1, 'submitSurvey', { requestId: first.requestId, jobId: first.jobId }, 2, payload)]);
		expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'job_reassigned' });
		expect(res.body.results[0].reason.vi).toContain(first.code);
		expect(res.body.results[0].reason.vi).toContain('Phạm Văn Long');
		expect(res.body.results[0].reason.vi).not.toContain(first.jobId);
		// pushed again (a lost answer): the same answer, still one handover
		const again = await push(t, first.crewToken, 'tablet-doi-1-a', [command(1, 'submitSurvey', { requestId: first.requestId, jobId: first.jobId }, 2, payload)]);
		expect(again.body.results[0]).toMatchObject({ status: 'rejected', code: 'job_reassigned', replayed: true });

		const listed = await t.call('GET', `/api/requests/${first.requestId}/handovers`, { token: supervisor });
		expect(listed.body.handovers).toHaveLength(1);
		expect(listed.body.handovers[0]).toMatchObject({ name: 'submitSurvey', fromCrew: 'Tổ Ba Đình 1', submittedBy: 'Nguyễn Văn Tổ', status: 'held', payload });
		expect((await history(first.requestId)).some((e) => e.transition === 'handoverHeld')).toBe(true);

		const accepted = await t.call('POST', `/api/handovers/${listed.body.handovers[0].id}/accept`, { token: supervisor });
		expect(accepted.status).toBe(200);
		const detail = await t.call('GET', `/api/requests/${first.requestId}`, { token: supervisor });
		expect(detail.body.state).toBe('surveyed');
		expect(detail.body.surveys).toHaveLength(1);
		const line = detail.body.timeline.find((e: Entry) => e.transition === 'handoverAccepted');
		expect(line.detail.summary.vi).toContain('Tổ Ba Đình 1 (Nguyễn Văn Tổ)');
		expect(line.detail.summary.vi).toContain('Tổ Ba Đình 2');
		expect((await t.call('POST', `/api/handovers/${listed.body.handovers[0].id}/accept`, { token: supervisor })).status).toBe(409);
	});

	it('passes the kept work to the new crew: its tablet’s job carries it, and it may send it with the first crew’s photos', async () => {
		const first = await dispatched();
		const second = await t.makeCrew({ unitId, name: 'Tổ Ba Đình 2' });
		await t.makeUser({ username: 'doi-2', crewId: second.id });
		const secondToken = await t.login('doi-2');
		const photo = await uploadPhoto(t, first.crewToken, 'cu');
		await t.call('POST', `/api/jobs/${first.jobId}/reassign`, { token: supervisor, body: { crewId: second.id } });
		const payload = surveyPayloadFor({ site: [photo], meter: [photo] });
		await push(t, first.crewToken, 'tablet-doi-1-a', [command(1, 'submitSurvey', { requestId: first.requestId, jobId: first.jobId }, 2, payload)]);
		const [kept] = (await t.call('GET', `/api/requests/${first.requestId}/handovers`, { token: supervisor })).body.handovers;
		const pullBefore = await t.call('GET', '/api/sync/pull', { token: secondToken });
		expect(pullBefore.body.jobs[0].handover ?? null).toBeNull();

		const passed = await t.call('POST', `/api/handovers/${kept.id}/pass`, { token: supervisor });
		expect(passed.status).toBe(200);
		const pull = await t.call('GET', `/api/sync/pull?cursor=${pullBefore.body.cursor}`, { token: secondToken });
		expect(pull.body.jobs[0].handover).toMatchObject({ name: 'submitSurvey', fromCrew: 'Tổ Ba Đình 1', payload });
		expect((await t.call('GET', `/api/blobs/${photo}`, { token: secondToken })).status).toBe(200);
		const sent = await push(t, secondToken, 'tablet-doi-2-a', [command(1, 'submitSurvey', { requestId: first.requestId, jobId: first.jobId }, 2, payload)]);
		expect(sent.body.results[0]).toMatchObject({ status: 'applied' });
		expect((await history(first.requestId)).find((e) => e.transition === 'handoverPassed')!.detail!.summary!.vi).toContain('cho Tổ Ba Đình 2 làm tiếp');
	});

	it('keeps another unit out of the handovers (404)', async () => {
		const first = await dispatched();
		const otherUnit = (await t.makeUnit({ name: 'Điện lực Hoàn Kiếm' })).id;
		await t.makeUser({ username: 'giamsat-hk', role: 'supervisor', unitId: otherUnit });
		const other = await t.login('giamsat-hk');
		expect((await t.call('GET', `/api/requests/${first.requestId}/handovers`, { token: other })).status).toBe(404);
		expect((await t.call('POST', `/api/requests/${first.requestId}/cancel`, { token: other, body: { reason: 'không phải của tôi' } })).status).toBe(404);
	});
});
