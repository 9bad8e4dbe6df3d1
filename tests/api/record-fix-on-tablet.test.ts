// A crew reports its repair from the tablet (recordFix through the push): the request is fixed, the history says
// what was done in words, the customer is texted and emailed the report, the repair job is done. The same command on
// a survey job is refused as the tablet refuses it; another unit's crew cannot report on this crew's job.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registry } from '../../src/lib/domain/field-commands';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { command, push, surveyJobFor, uploadPhoto } from '../support/field';

type Message = { kind: string; channel: string; body: string; subject: string | null; recipient: string };
type Entry = { transition: string; actorRole: string; detail: { summary?: { vi: string; en: string }; report?: string; photos?: string[] } | null };
type PulledJob = { id: string; kind: string; request: { id: string; version: number; code: string; fixReport?: { report: string; at: string } | null } };
/** SMS may be sent without diacritics: compare texts as the customer's phone shows them either way. */
const plain = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
const DEVICE = 'tablet-sua-chua-1';
const REPORT = 'Thay cầu chì hạ thế bị đứt tại tủ điện đầu ngõ, đã có điện lúc 10:15';

describe.each(DRIVERS)('a repair reported from the tablet (%s)', (driver) => {
	let t: TestContext;
	let supervisor: string;
	let unitId: string;
	let crewId: string;
	let crewToken: string;
	beforeEach(async () => {
		t = await createTestContext(driver); // 23/11/2026 09:00 in Hà Nội
		unitId = (await t.makeUnit({ name: 'Điện lực Ba Đình' })).id;
		await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId });
		supervisor = await t.login('giamsat');
		crewId = (await t.makeCrew({ unitId, name: 'Tổ Ba Đình 1' })).id;
		await t.makeUser({ username: 'doi-sua-chua', crewId, unitId, fullName: 'Nguyễn Văn Tổ' });
		crewToken = await t.login('doi-sua-chua');
	});
	afterEach(() => t.close());

	/** A power-outage report (52) dispatched to the crew, as the crew's tablet pulls it. */
	async function dispatchedOutage() {
		const created = await t.call('POST', '/api/requests', {
			token: supervisor,
			body: { serviceNumber: 52, customer: { name: 'Phạm Văn Long', phone: '0912 345 678', email: 'long@example.vn' }, address: 'Số 12 Đội Cấn, Ba Đình, Hà Nội' }
		});
		expect(created.status).toBe(201);
		const dispatched = await t.call('POST', `/api/requests/${created.body.id}/dispatch`, { token: supervisor, body: { crewId, scheduledAt: '2026-11-23T09:30:00+07:00' } });
		expect(dispatched.status).toBe(200);
		const pull = await t.call('GET', '/api/sync/pull', { token: crewToken });
		const job = (pull.body.jobs as PulledJob[]).find((j) => j.request.id === created.body.id)!;
		expect(job.kind).toBe('repair');
		return { requestId: created.body.id as string, jobId: job.id, code: created.body.code as string, version: job.request.version };
	}
	const detail = async (id: string) => (await t.call('GET', `/api/requests/${id}`, { token: supervisor })).body;
	const messages = async (id: string) => (await t.outbox(id)).body.messages as Message[];

	it('applies the report: the request fixed, the history and the customer’s text and email in words, the job done', async () => {
		const outage = await dispatchedOutage();
		const photo = await uploadPhoto(t, crewToken, 'cau-chi-moi');
		const res = await push(t, crewToken, DEVICE, [command(1, 'recordFix', outage, outage.version, { report: `  ${REPORT}  `, photos: [photo] })]);
		expect(res.status).toBe(200);
		expect(res.body.results[0]).toMatchObject({ status: 'applied', request: { state: 'fixed', version: outage.version + 1 } });

		const seen = await detail(outage.requestId);
		expect(seen.state).toBe('fixed');
		expect(seen.jobs).toMatchObject([{ kind: 'repair', status: 'done' }]);
		const fixed = (seen.timeline as Entry[]).find((e) => e.transition === 'recordFix')!;
		expect(fixed.detail!.summary).toEqual({ vi: `Báo cáo của tổ: ${REPORT}`, en: expect.stringContaining(REPORT) });
		expect(fixed.detail!.photos).toEqual([photo]);

		const sent = await messages(outage.requestId);
		const sms = sent.find((m) => m.kind === 'fixed' && m.channel === 'sms')!;
		expect(sms.recipient).toBe('0912345678');
		expect(sms.body).toContain(outage.code);
		expect(plain(sms.body)).toContain(plain('đã có điện lúc 10:15'));
		const email = sent.find((m) => m.kind === 'fixed' && m.channel === 'email')!;
		expect(email.recipient).toBe('long@example.vn');
		expect(email.body).toContain(REPORT);
		expect(email.body).toContain('Phạm Văn Long');

		// the tablet pulls the report back as the server keeps it (trimmed), so the job shows what was fixed
		const pulled = (await t.call('GET', '/api/sync/pull', { token: crewToken })).body.jobs as PulledJob[];
		expect(pulled.find((j) => j.id === outage.jobId)!.request.fixReport).toEqual({ report: REPORT, at: expect.any(String) });

		// the supervisor closes it; a second report of the same repair is refused in words
		const again = await push(t, crewToken, DEVICE, [command(2, 'recordFix', outage, outage.version + 1, { report: REPORT })]);
		expect(again.body.results[0]).toMatchObject({ status: 'rejected' });
		expect(again.body.results[0].reason.vi.length).toBeGreaterThan(0);
		expect((await t.call('POST', `/api/requests/${outage.requestId}/steps`, { token: supervisor, body: { step: 'close' } })).body).toMatchObject({ state: 'completed' });
	});

	it('writes the same history line and notice as the supervisor’s step for a phoned-in report', async () => {
		const phoned = await dispatchedOutage();
		// the supervisor's form refuses what the tablet's refuses, in the same words
		const tooShort = await t.call('POST', `/api/requests/${phoned.requestId}/steps`, { token: supervisor, body: { step: 'recordFix', report: 'Xong' } });
		expect(tooShort.status).toBe(400);
		expect(JSON.stringify(tooShort.body)).toContain('Báo cáo sửa chữa cần ít nhất 5 ký tự');
		const control = await t.call('POST', `/api/requests/${phoned.requestId}/steps`, { token: supervisor, body: { step: 'recordFix', report: 'Đã thay\u0007 cầu chì' } });
		expect(control.status).toBe(400);
		expect(JSON.stringify(control.body)).toContain('ký tự điều khiển');
		const step = await t.call('POST', `/api/requests/${phoned.requestId}/steps`, { token: supervisor, body: { step: 'recordFix', report: REPORT } });
		expect(step.body).toMatchObject({ state: 'fixed' });
		const tablet = await dispatchedOutage();
		expect((await push(t, crewToken, DEVICE, [command(1, 'recordFix', tablet, tablet.version, { report: REPORT })])).body.results[0]).toMatchObject({ status: 'applied' });

		const summaryOf = async (id: string) => ((await detail(id)).timeline as Entry[]).find((e) => e.transition === 'recordFix')!.detail!.summary;
		expect(await summaryOf(tablet.requestId)).toEqual(await summaryOf(phoned.requestId));
		const smsOf = async (id: string, code: string) => (await messages(id)).find((m) => m.kind === 'fixed' && m.channel === 'sms')!.body.replace(code, '<code>');
		expect(await smsOf(tablet.requestId, tablet.code)).toBe(await smsOf(phoned.requestId, phoned.code));

		// a phoned-in report reaches the crew's tablet too; a repair not reported yet carries none
		const waiting = await dispatchedOutage();
		const pulled = (await t.call('GET', '/api/sync/pull', { token: crewToken })).body.jobs as PulledJob[];
		const reportOf = (requestId: string) => pulled.find((j) => j.request.id === requestId)!.request.fixReport;
		expect(reportOf(phoned.requestId)).toEqual({ report: REPORT, at: expect.any(String) });
		expect(reportOf(waiting.requestId)).toBeNull();
	});

	it('refuses an empty report with the form’s words, and a report on a survey job as the tablet does', async () => {
		const outage = await dispatchedOutage();
		const empty = await push(t, crewToken, DEVICE, [command(1, 'recordFix', outage, outage.version, { report: '   ', photos: [] })]);
		expect(empty.body.results[0]).toMatchObject({ status: 'rejected', code: 'invalid_data', fields: { report: 'Nhập nội dung đã sửa chữa' } });
		expect((await detail(outage.requestId)).state).toBe('crew_dispatched');

		const survey = await surveyJobFor(t, crewId);
		const wrong = await push(t, crewToken, DEVICE, [command(2, 'recordFix', { requestId: survey.requestId, jobId: survey.jobId }, 2, { report: REPORT })]);
		expect(wrong.body.results[0]).toMatchObject({ status: 'rejected', code: 'wrong_job_kind', reason: registry.recordFix.wrongJobKind });
		expect(registry.recordFix.wrongJobKind.vi).toBe('Chỉ công việc xử lý sự cố mới nhận báo cáo sửa chữa');
		expect((await messages(survey.requestId)).filter((m) => m.kind === 'fixed')).toEqual([]);
	});

	it('refuses a report from another unit’s crew on this crew’s job, and leaves the request as it was', async () => {
		const outage = await dispatchedOutage();
		const otherUnit = (await t.makeUnit({ name: 'Điện lực Hải Châu' })).id;
		const otherCrew = await t.makeCrew({ unitId: otherUnit, name: 'Tổ Hải Châu 2' });
		await t.makeUser({ username: 'doi-hai-chau', crewId: otherCrew.id, unitId: otherUnit });
		const other = await t.login('doi-hai-chau');
		const res = await push(t, other, 'tablet-hai-chau-1', [command(1, 'recordFix', outage, outage.version, { report: REPORT })]);
		expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'job_reassigned' });
		expect(res.body.results[0].reason.vi).toContain('tổ khác');
		const seen = await detail(outage.requestId);
		expect(seen.state).toBe('crew_dispatched');
		expect(seen.jobs).toMatchObject([{ kind: 'repair', status: 'assigned' }]);
		expect((await messages(outage.requestId)).filter((m) => m.kind === 'fixed')).toEqual([]);
	});
});
