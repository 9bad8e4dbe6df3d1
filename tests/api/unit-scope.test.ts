// Authorization by unit, by what a user would notice: what the issue reproduced (a supervisor reassigning another
// unit's job, reading another unit's meter, texting its customer, opening its photos; a crew naming another crew's
// photo; the outbox open to anyone) is refused, and nothing changes when it is.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { command, fakeJpeg, push, readingLinkFor, surveyPayloadFor, uploadPhoto } from '../support/field';

describe.each(DRIVERS)('authorization by unit on %s', (driver) => {
	let t: TestContext;
	let unitA: string;
	let unitB: string;
	let supervisorA: string;
	let supervisorB: string;
	beforeEach(async () => {
		t = await createTestContext(driver);
		unitA = (await t.makeUnit({ name: 'Điện lực Hoàn Kiếm' })).id;
		unitB = (await t.makeUnit({ name: 'Điện lực Hải Châu' })).id;
		supervisorA = await t.tokenFor(await t.makeUser({ role: 'supervisor', unitId: unitA }));
		supervisorB = await t.tokenFor(await t.makeUser({ role: 'supervisor', unitId: unitB }));
	});
	afterEach(() => t.close());

	async function crewOf(unitId: string) {
		const crew = await t.makeCrew({ unitId });
		const member = await t.makeUser({ crewId: crew.id });
		return { crew, member, token: await t.tokenFor(member) };
	}

	const jobsOf = async (token: string) => (await t.call('GET', '/api/sync/pull', { token })).body.jobs.map((j: { id: string }) => j.id);

	it("keeps a job with its crew when a supervisor of another unit tries to reassign it, or to hand it to another unit's crew", async () => {
		const a = await crewOf(unitA);
		const b = await crewOf(unitB);
		const job = await t.makeJob({ crewId: a.crew.id, requestId: (await t.makeRequest({ unitId: unitA }, ['scheduleSurvey'])).id });

		const byOtherUnit = await t.call('POST', `/api/jobs/${job.id}/reassign`, { token: supervisorB, body: { crewId: b.crew.id } });
		expect(byOtherUnit.status).toBe(404);
		expect(byOtherUnit.body.error.message).toBe('Không tìm thấy công việc');

		const toOtherUnit = await t.call('POST', `/api/jobs/${job.id}/reassign`, { token: supervisorA, body: { crewId: b.crew.id } });
		expect(toOtherUnit.status).toBe(400);
		expect(toOtherUnit.body.error.fields.crewId).toBe('Chọn một tổ của đơn vị');

		expect(await jobsOf(a.token)).toEqual([job.id]);
		expect(await jobsOf(b.token)).toEqual([]);
	});

	it("refuses a reading on another unit's meter and a reading-day link to its customer, and neither reaches the register or the customer", async () => {
		const meter = await t.makeMeter({ unitId: unitA }, [{ kwh: 1100, at: new Date('2026-10-23T02:00:00Z') }]);
		const detail = async () => (await t.call('GET', `/api/meters/${meter.serial}`, { token: supervisorA })).body;
		const before = await detail();

		const reading = await t.call('POST', `/api/meters/${meter.serial}/readings`, { token: supervisorB, body: { kwh: 1150 } });
		expect(reading.status).toBe(404);
		expect(reading.body.error.message).toBe(`Không có công tơ số ${meter.serial}`);
		const link = await t.call('POST', `/api/meters/${meter.serial}/reading-links`, { token: supervisorB, body: { readingDate: '2026-11-23' } });
		expect(link.status).toBe(404);
		expect((await t.call('GET', `/api/meters/${meter.serial}`, { token: supervisorB })).status).toBe(404);

		expect(await detail()).toEqual(before);
		expect((await t.outbox()).body.messages.filter((m: { kind: string }) => m.kind === 'self_reading_link')).toEqual([]);
		// the unit's own supervisor still can
		expect((await t.call('POST', `/api/meters/${meter.serial}/readings`, { token: supervisorA, body: { kwh: 1150 } })).status).toBe(201);
	});

	it("shows a unit's photos and documents to its supervisors and the crews that work on them, and to no one else", async () => {
		const a = await crewOf(unitA);
		const b = await crewOf(unitB);
		const crewPhoto = await uploadPhoto(t, a.token, 'hien-truong');
		// a document attached at intake, and the photo a customer sent with their own reading
		const documentSha = await uploadPhoto(t, supervisorA, 'giay-to');
		const intake = await t.call('POST', '/api/requests', {
			token: supervisorA,
			body: { serviceNumber: 1, customer: { name: 'Lê Thị Hoa', phone: '0987654321', email: null }, address: 'Số 5 Hàng Bài, Hoàn Kiếm, Hà Nội', documents: [documentSha] }
		});
		expect(intake.status).toBe(201);
		await t.makeJob({ crewId: a.crew.id, requestId: intake.body.id });
		const meter = await t.makeMeter({ unitId: unitA }, [{ kwh: 1100, at: new Date('2026-10-23T02:00:00Z') }]);
		const link = await readingLinkFor(t, meter.serial);
		const customerPhoto = fakeJpeg('khach-tu-chup');
		await t.call('PUT', `/api/self-reading/${link}/photo/${customerPhoto.sha256}`, { bytes: customerPhoto.bytes });
		expect((await t.call('POST', `/api/self-reading/${link}`, { body: { kwh: 1150, photoSha256: customerPhoto.sha256 } })).status).toBe(201);

		const opens = async (token: string) => {
			const statuses = [];
			for (const sha of [crewPhoto, documentSha, customerPhoto.sha256]) statuses.push((await t.call('GET', `/api/blobs/${sha}`, { token })).status);
			return statuses;
		};
		expect(await opens(supervisorA)).toEqual([200, 200, 200]);
		expect(await opens(supervisorB)).toEqual([404, 404, 404]);
		expect(await opens(a.token)).toEqual([200, 200, 404]);
		expect(await opens(b.token)).toEqual([404, 404, 404]);
		expect(await opens(await t.tokenFor(await t.makeUser({ role: 'admin' })))).toEqual([200, 200, 200]);
	});

	it("refuses another unit's photo or document named in a supervisor's own work, as if it had not been uploaded", async () => {
		const a = await crewOf(unitA);
		const photoOfA = await uploadPhoto(t, a.token, 'cua-don-vi-a');
		const meterB = await t.makeMeter({ unitId: unitB }, [{ kwh: 1100, at: new Date('2026-10-23T02:00:00Z') }]);

		const reading = await t.call('POST', `/api/meters/${meterB.serial}/readings`, { token: supervisorB, body: { kwh: 1150, photoSha256: photoOfA } });
		expect(reading.status).toBe(400);
		expect(reading.body.error.fields.photoSha256).toBe('Ảnh chỉ số chưa được tải lên; hãy tải ảnh lên rồi ghi lại');
		const intake = await t.call('POST', '/api/requests', {
			token: supervisorB,
			body: { serviceNumber: 1, customer: { name: 'Lê Thị Hoa', phone: '0987654321', email: null }, address: 'Số 9 Bạch Đằng, Hải Châu, Đà Nẵng', documents: [photoOfA] }
		});
		expect(intake.status).toBe(400);
		expect(intake.body.error.message).toContain('chưa được tải lên xong');
		expect((await t.call('GET', `/api/blobs/${photoOfA}`, { token: supervisorB })).status).toBe(404);
		expect((await t.call('GET', '/api/requests', { token: supervisorB })).body.total).toBe(0);
	});

	it("refuses a crew's command naming another crew's photo, naming the photo in words, and moves on", async () => {
		const a = await crewOf(unitA);
		const b = await crewOf(unitA);
		const ownSite = await uploadPhoto(t, a.token, 'cua-to-a');
		const otherCrews = await uploadPhoto(t, b.token, 'cua-to-b');
		const teammate = await t.tokenFor(await t.makeUser({ crewId: a.crew.id }));
		const teammates = await uploadPhoto(t, teammate, 'cua-dong-doi');
		const first = { requestId: (await t.makeRequest({ unitId: unitA }, ['scheduleSurvey'])).id, jobId: '' };
		first.jobId = (await t.makeJob({ requestId: first.requestId, crewId: a.crew.id })).id;
		const second = { requestId: (await t.makeRequest({ unitId: unitA }, ['scheduleSurvey'])).id, jobId: '' };
		second.jobId = (await t.makeJob({ requestId: second.requestId, crewId: a.crew.id })).id;

		const res = await push(t, a.token, 'may-tinh-bang-to-a', [
			command(1, 'submitSurvey', first, 2, surveyPayloadFor({ site: [ownSite, otherCrews], meter: [ownSite] })),
			command(2, 'submitSurvey', second, 2, surveyPayloadFor({ site: [ownSite], meter: [teammates] }))
		]);
		expect(res.status).toBe(200);
		expect(res.body.lastSeq).toBe(2);
		const [refused, applied] = res.body.results;
		expect(refused).toMatchObject({ status: 'rejected', code: 'invalid_data', fields: { 'sitePhotos.1': 'ảnh hiện trường số 2 không do tổ của bạn chụp' } });
		expect(refused.reason.vi).toBe('Ảnh không do tổ của bạn chụp: ảnh hiện trường số 2. Hãy chụp lại tại hiện trường');
		// a teammate's photo is the crew's own
		expect(applied).toMatchObject({ status: 'applied', request: { state: 'surveyed' } });
		const states = (await t.call('GET', '/api/sync/pull', { token: a.token })).body.jobs.map((j: { id: string; request: { state: string } }) => [j.id, j.request.state]);
		expect(states).toEqual(expect.arrayContaining([[first.jobId, 'survey_scheduled'], [second.jobId, 'surveyed']]));
	});

	it("opens the demo outbox only to a signed-in supervisor (their unit's requests) or admin, naming each request", async () => {
		const meterA = await t.makeMeter({ unitId: unitA });
		const a = await crewOf(unitA);
		const requestA = await t.call('POST', '/api/requests', {
			token: supervisorA,
			body: { serviceNumber: 1, customer: { name: 'Lê Thị Hoa', phone: '0987654321', email: null }, address: 'Số 5 Hàng Bài, Hoàn Kiếm, Hà Nội', documents: [] }
		});
		await t.call('POST', `/api/requests/${requestA.body.id}/dispatch`, { token: supervisorA, body: { crewId: a.crew.id, scheduledAt: '2026-11-24T08:30:00+07:00' } });
		await t.call('POST', `/api/meters/${meterA.serial}/reading-links`, { token: supervisorA, body: { readingDate: '2026-11-23' } });

		expect((await t.call('GET', '/api/dev/outbox')).status).toBe(401);
		expect((await t.call('GET', '/api/dev/outbox', { token: a.token })).status).toBe(403);
		const ofA = (await t.call('GET', '/api/dev/outbox', { token: supervisorA })).body.messages;
		expect(ofA.map((m: { kind: string; channel: string }) => `${m.kind}/${m.channel}`).sort()).toEqual(['survey_scheduled/sms']);
		expect(ofA[0]).toMatchObject({ requestId: requestA.body.id, requestCode: requestA.body.code, customerName: 'Lê Thị Hoa', recipient: '0987654321' });
		expect((await t.call('GET', '/api/dev/outbox', { token: supervisorB })).body.messages).toEqual([]);
		expect((await t.call('GET', `/api/dev/outbox?requestId=${requestA.body.id}`, { token: supervisorB })).body.messages).toEqual([]);
		// the reading-day link belongs to no request: only an admin sees it, named by the meter's customer
		const all = (await t.outbox()).body.messages;
		expect(all.map((m: { kind: string }) => m.kind).sort()).toEqual(['self_reading_link', 'self_reading_link', 'survey_scheduled']);
		expect(all.find((m: { kind: string }) => m.kind === 'self_reading_link')).toMatchObject({ requestId: null, requestCode: null, customerName: 'Nguyễn Văn Khách' });
	});

	it('has no outbox at all outside demo mode, even for an admin', async () => {
		const real = await createTestContext(driver, { demoMode: false });
		try {
			const admin = await real.tokenFor(await real.makeUser({ role: 'admin' }));
			expect((await real.call('GET', '/api/dev/outbox', { token: admin })).status).toBe(404);
			expect((await real.call('GET', '/api/dev/outbox')).status).toBe(404);
		} finally {
			await real.close();
		}
	});

	it('refuses a supervisor account without a unit rather than showing every unit', async () => {
		const unitless = await t.tokenFor(await t.makeUser({ role: 'supervisor', unitId: null }));
		await t.makeRequest({ unitId: unitA });
		const board = await t.call('GET', '/api/requests', { token: unitless });
		expect(board.status).toBe(403);
		expect(board.body.error.code).toBe('no_unit');
	});
});
