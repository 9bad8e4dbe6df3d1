// The administration (issue 12, item 5): only admins reach it; users, crews, the dated price list, VAT rates and
// holidays change what people see (a login, a dispatch list, an estimate's price, a deadline), each change in words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { priceEstimate, suggestedLines } from '../../src/lib/domain/estimate';
import { priceLookupOn } from '../../src/lib/domain/materials';
import { DRIVERS } from '../support/db';
import { DEFAULT_HOLIDAYS } from '../../src/lib/domain/holidays';
import { keepHolidaysFresh } from '../../server/services/admin-settings';
import type { AppDeps } from '../../server/context';
import { createTestContext, type TestContext } from '../support/factories';
import { awaitingRemoteSignature, command, crewWithSurveyJob, estimatePayloadFor, push, surveyPayloadFor, uploadPhoto } from '../support/field';

const ADMIN_ROUTES: Array<[method: string, path: string, body?: unknown]> = [
	['GET', '/api/admin'],
	['GET', '/api/admin/changes'],
	['GET', '/api/admin/prices'],
	['GET', '/api/admin/holidays?year=2026'],
	['POST', '/api/admin/users', { fullName: 'Lê Văn Mới', username: 'le.moi', role: 'supervisor', unitId: 'UNIT' }],
	['PATCH', '/api/admin/users/USER', { role: 'supervisor', unitId: 'UNIT' }],
	['POST', '/api/admin/users/USER/disabled', { disabled: false }],
	['POST', '/api/admin/users/USER/password'],
	['POST', '/api/admin/units', { name: 'Điện lực Mới', address: 'Số 1 Phố Mới, Hà Nội', representative: 'Giám đốc' }],
	['POST', '/api/admin/crews', { unitId: 'UNIT', name: 'Tổ Mới' }],
	['PATCH', '/api/admin/crews/CREW', { name: 'Tổ Đổi Tên' }],
	['POST', '/api/admin/crews/CREW/deactivate'],
	['POST', '/api/admin/prices', { code: 'KEP-TREO', unitPrice: 13_000, effectiveFrom: '2026-12-01' }],
	['POST', '/api/admin/vat', { percent: 10, effectiveFrom: '2026-12-01' }],
	['POST', '/api/admin/holidays', { date: '2026-12-24', name: 'Nghỉ thử' }],
	['DELETE', '/api/admin/holidays/2026-12-24']
];

describe.each(DRIVERS)('administration on %s', (driver) => {
	let t: TestContext;
	let unitId: string;
	let admin: string;
	let adminUser: { id: string };
	beforeEach(async () => {
		t = await createTestContext(driver);
		unitId = (await t.makeUnit({ name: 'Điện lực Ba Đình' })).id;
		adminUser = await t.makeUser({ username: 'quantri', role: 'admin', crewId: null, fullName: 'Trần Quản Trị' });
		admin = await t.login('quantri');
	});
	afterEach(() => t.close());

	const fill = (text: string, ids: Record<string, string>) => text.replace(/UNIT|USER|CREW/g, (k) => ids[k]!);

	it('answers every admin route to admins only: 401 without a session, 403 in words for crews and supervisors', async () => {
		const otherUnit = (await t.makeUnit({ name: 'Điện lực Đống Đa' })).id;
		const crew = await t.makeCrew({ unitId, name: 'Tổ Một' });
		const crewMember = await t.makeUser({ username: 'doi.mot', crewId: crew.id });
		await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId });
		await t.makeUser({ username: 'giamsat.khac', role: 'supervisor', unitId: otherUnit });
		const callers = { crew: await t.login('doi.mot'), supervisor: await t.login('giamsat'), supervisorOtherUnit: await t.login('giamsat.khac') };
		for (const [method, path, body] of ADMIN_ROUTES) {
			const ids = { UNIT: unitId, USER: crewMember.id, CREW: crew.id };
			const filledBody = body === undefined ? undefined : JSON.parse(fill(JSON.stringify(body), ids));
			expect((await t.call(method, fill(path, ids), { body: filledBody })).status, `${method} ${path} anonymous`).toBe(401);
			for (const [who, token] of Object.entries(callers)) {
				const res = await t.call(method, fill(path, ids), { token, body: filledBody });
				expect(res.status, `${method} ${path} ${who}`).toBe(403);
				expect(res.body.error.message).toBe('Tài khoản của bạn không có quyền thực hiện thao tác này');
			}
		}
		// the admin passes each (in order: the holiday added, then removed; the crew emptied before it is deactivated)
		await t.call('POST', `/api/admin/users/${crewMember.id}/disabled`, { token: admin, body: { disabled: true } });
		for (const [method, path, body] of ADMIN_ROUTES) {
			const ids = { UNIT: unitId, USER: crewMember.id, CREW: crew.id };
			const res = await t.call(method, fill(path, ids), { token: admin, body: body === undefined ? undefined : JSON.parse(fill(JSON.stringify(body), ids)) });
			expect([200, 201], `${method} ${path} admin: ${JSON.stringify(res.body)}`).toContain(res.status);
		}
	});

	it('creates a user whose one-time password logs in; a taken username is refused in words', async () => {
		const crew = await t.makeCrew({ unitId, name: 'Tổ Hai' });
		const created = await t.call('POST', '/api/admin/users', { token: admin, body: { fullName: 'Nguyễn Thị Hoa', username: 'Hoa.NT', role: 'crew', crewId: crew.id, phone: '0912345678' } });
		expect(created.status).toBe(201);
		expect(created.body.username).toBe('hoa.nt');
		expect(created.body.password).toMatch(/^[A-Za-z2-9]{12}$/);
		const me = await t.call('GET', '/api/auth/me', { token: await t.login('hoa.nt', created.body.password) });
		expect(me.body.user).toMatchObject({ fullName: 'Nguyễn Thị Hoa', role: 'crew', crewName: 'Tổ Hai', unitId });
		// the password is never shown again
		expect(JSON.stringify((await t.call('GET', '/api/admin', { token: admin })).body)).not.toContain(created.body.password);

		const again = await t.call('POST', '/api/admin/users', { token: admin, body: { fullName: 'Người Khác', username: 'HOA.nt', role: 'supervisor', unitId } });
		expect(again.status).toBe(409);
		expect(again.body.error.message).toBe('Tên đăng nhập "hoa.nt" đã có người dùng');
		const noCrew = await t.call('POST', '/api/admin/users', { token: admin, body: { fullName: 'Người Khác', username: 'khac', role: 'crew' } });
		expect(noCrew.status).toBe(400);
		expect(noCrew.body.error.message).toBe('Nhân viên tổ đội phải thuộc một tổ');
	});

	it('disables a user (their session ends, the login is refused), resets a password shown once, and keeps the last admin', async () => {
		const member = await t.makeUser({ username: 'doi.ba', crewId: (await t.makeCrew({ unitId })).id });
		const session = await t.login('doi.ba');
		expect((await t.call('POST', `/api/admin/users/${member.id}/disabled`, { token: admin, body: { disabled: true } })).status).toBe(200);
		expect((await t.call('GET', '/api/auth/me', { token: session })).status).toBe(401);
		expect((await t.call('POST', '/api/auth/login', { body: { username: 'doi.ba', password: 'mat-khau-thu' } })).status).toBe(401);

		await t.call('POST', `/api/admin/users/${member.id}/disabled`, { token: admin, body: { disabled: false } });
		const session2 = await t.login('doi.ba');
		const reset = await t.call('POST', `/api/admin/users/${member.id}/password`, { token: admin });
		expect(reset.status).toBe(200);
		expect((await t.call('GET', '/api/auth/me', { token: session2 })).status).toBe(401);
		expect((await t.call('POST', '/api/auth/login', { body: { username: 'doi.ba', password: 'mat-khau-thu' } })).status).toBe(401);
		await t.login('doi.ba', reset.body.password);

		const last = await t.call('POST', `/api/admin/users/${adminUser.id}/disabled`, { token: admin, body: { disabled: true } });
		expect(last.status).toBe(409);
		expect(last.body.error.message).toBe('Đây là quản trị viên cuối cùng đang hoạt động: không thể khoá tài khoản này');
		const demote = await t.call('PATCH', `/api/admin/users/${adminUser.id}`, { token: admin, body: { role: 'supervisor', unitId } });
		expect(demote.status).toBe(409);
		// with a second admin, the first may go
		const second = await t.makeUser({ username: 'quantri2', role: 'admin', crewId: null });
		expect((await t.call('POST', `/api/admin/users/${second.id}/disabled`, { token: admin, body: { disabled: true } })).status).toBe(200);
		expect((await t.call('POST', `/api/admin/users/${second.id}/disabled`, { token: admin, body: { disabled: false } })).status).toBe(200);
		expect((await t.call('POST', `/api/admin/users/${adminUser.id}/disabled`, { token: admin, body: { disabled: true } })).status).toBe(200);
		expect((await t.call('GET', '/api/admin', { token: admin })).status).toBe(401);

		const log = await t.call('GET', '/api/admin/changes', { token: await t.login(second.username) });
		const words = log.body.changes.map((c: { words: { vi: string } }) => c.words.vi);
		expect(words).toContain('Khoá tài khoản Người Dùng Thử (doi.ba); các phiên đăng nhập đã kết thúc');
		expect(words).toContain('Đặt lại mật khẩu của Người Dùng Thử (doi.ba)');
		expect(log.body.changes[0]).toMatchObject({ actorName: 'Trần Quản Trị', words: { vi: 'Khoá tài khoản Trần Quản Trị (quantri); các phiên đăng nhập đã kết thúc' } });
	});

	it('creates a unit with its address and representative; a supervisor and a crew are put in it, the name is unique', async () => {
		const created = await t.call('POST', '/api/admin/units', { token: admin, body: { name: 'Điện lực Tây Hồ', address: 'Số 2 Lạc Long Quân, Tây Hồ, Hà Nội', representative: 'Nguyễn Văn Đại Diện' } });
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		const overview = await t.call('GET', '/api/admin', { token: admin });
		expect(overview.body.units).toContainEqual({ id: created.body.id, name: 'Điện lực Tây Hồ' });
		const crew = await t.call('POST', '/api/admin/crews', { token: admin, body: { unitId: created.body.id, name: 'Tổ Tây Hồ 1' } });
		expect(crew.status).toBe(201);
		const supervisor = await t.call('POST', '/api/admin/users', { token: admin, body: { fullName: 'Lê Thị Tây Hồ', username: 'giamsat.tayho', role: 'supervisor', unitId: created.body.id } });
		expect(supervisor.status).toBe(201);
		// the new unit's supervisor dispatches to the new unit's crew, and sees no other unit's
		const token = await t.login('giamsat.tayho', supervisor.body.password);
		const crews = await t.call('GET', '/api/crews', { token });
		expect(crews.body.crews.map((c: { name: string }) => c.name)).toEqual(['Tổ Tây Hồ 1']);

		const dup = await t.call('POST', '/api/admin/units', { token: admin, body: { name: 'điện lực tây hồ', address: 'Số 3 Âu Cơ, Hà Nội', representative: 'Giám đốc' } });
		expect(dup.status).toBe(400);
		expect(dup.body.error.message).toBe('Đã có đơn vị tên "điện lực tây hồ"');
		const empty = await t.call('POST', '/api/admin/units', { token: admin, body: { name: 'Điện lực Ba Vì', address: '', representative: 'Giám đốc' } });
		expect(empty.status).toBe(400);
		expect(empty.body.error.fields.address).toContain('Nhập địa chỉ đơn vị');
		const after = await t.call('GET', '/api/admin', { token: admin });
		expect(after.body.units.map((u: { name: string }) => u.name)).not.toContain('Điện lực Ba Vì');
		const log = await t.call('GET', '/api/admin/changes', { token: admin });
		expect(log.body.changes.map((c: { words: { vi: string } }) => c.words.vi)).toContain('Tạo đơn vị Điện lực Tây Hồ (Số 2 Lạc Long Quân, Tây Hồ, Hà Nội)');
	});

	it('creates, renames and moves members between crews; deactivates a crew only without open jobs, naming them', async () => {
		const home = await t.defaultUnitId(); // Điện lực Hoàn Kiếm, where the survey crew works
		await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId: home });
		const supervisor = await t.login('giamsat');
		const created = await t.call('POST', '/api/admin/crews', { token: admin, body: { unitId: home, name: 'Tổ Cáp Ngầm' } });
		expect(created.status).toBe(201);
		expect((await t.call('PATCH', `/api/admin/crews/${created.body.id}`, { token: admin, body: { name: 'Tổ Cáp Ngầm 1' } })).status).toBe(200);
		const dup = await t.call('POST', '/api/admin/crews', { token: admin, body: { unitId: home, name: 'tổ cáp ngầm 1' } });
		expect(dup.status).toBe(400);

		const { crew, user, job } = await crewWithSurveyJob(t, 'doi.khao.sat');
		const move = await t.call('PATCH', `/api/admin/users/${user.id}`, { token: admin, body: { role: 'crew', crewId: created.body.id } });
		expect(move.status).toBe(200);
		const overview = await t.call('GET', '/api/admin', { token: admin });
		expect(overview.body.users.find((u: { id: string }) => u.id === user.id)).toMatchObject({ crewName: 'Tổ Cáp Ngầm 1' });

		const blocked = await t.call('POST', `/api/admin/crews/${crew.id}/deactivate`, { token: admin });
		expect(blocked.status).toBe(409);
		expect(blocked.body.error.message).toContain(`còn 1 công việc chưa xong (${job.code})`);

		const free = await t.call('POST', `/api/admin/crews/${created.body.id}/deactivate`, { token: admin });
		expect(free.status).toBe(200);
		const dispatchable = await t.call('GET', '/api/crews', { token: supervisor });
		expect(dispatchable.body.crews.map((c: { name: string }) => c.name)).not.toContain('Tổ Cáp Ngầm 1');
		expect(dispatchable.body.crews.map((c: { id: string }) => c.id)).toContain(crew.id);
		const log = await t.call('GET', '/api/admin/changes', { token: admin });
		expect(log.body.changes.map((c: { words: { vi: string } }) => c.words.vi)).toEqual(
			expect.arrayContaining(['Tạo Tổ Cáp Ngầm thuộc Điện lực Hoàn Kiếm', 'Đổi tên Tổ Cáp Ngầm thành Tổ Cáp Ngầm 1', 'Ngừng hoạt động Tổ Cáp Ngầm 1'])
		);
	});

	it('prices an estimate with the list and VAT rate in force on its date; a stored estimate keeps its prices', async () => {
		// today is 23/11/2026; the new price and rate start on 01/12/2026
		expect((await t.call('POST', '/api/admin/prices', { token: admin, body: { code: 'CB-BV-1P-40', unitPrice: 200_000, effectiveFrom: '2026-12-01' } })).status).toBe(200);
		expect((await t.call('POST', '/api/admin/vat', { token: admin, body: { percent: 8, effectiveFrom: '2026-12-01' } })).status).toBe(200);
		const list = await t.call('GET', '/api/materials');
		expect(list.body.materials.find((m: { code: string }) => m.code === 'CB-BV-1P-40').unitPrice).toBe(165_000);
		expect(list.body.vatPercent).toBe(10);
		expect(list.body.upcoming).toEqual([expect.objectContaining({ code: 'CB-BV-1P-40', unitPrice: 200_000, effectiveFrom: '2026-12-01' })]);
		expect(list.body.upcomingVat).toEqual([{ percent: 8, effectiveFrom: '2026-12-01' }]);

		// before the date: the old price and rate
		const first = await crewWithSurveyJob(t, 'doi.mot');
		const photo = await uploadPhoto(t, first.token, 'a');
		const survey = surveyPayloadFor({ site: [photo], meter: [photo] }, { phases: 1, distanceM: 12 });
		const before = await push(t, first.token, 'may-tinh-bang-1', [command(1, 'submitSurvey', first.job, 2, survey), command(2, 'submitEstimate', first.job, 3, estimatePayloadFor(survey))]);
		expect(before.status, JSON.stringify(before.body)).toBe(200);
		expect(before.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);

		// on 02/12/2026 the tablet's old total and old rate are refused in words; the new ones are accepted
		t.setNow(new Date('2026-12-02T02:00:00Z'));
		const second = await crewWithSurveyJob(t, 'doi.hai');
		const photo2 = await uploadPhoto(t, second.token, 'b');
		const survey2 = surveyPayloadFor({ site: [photo2], meter: [photo2] }, { phases: 1, distanceM: 12 });
		const at = { deviceTime: '2026-12-02T09:00:00+07:00' };
		const stale = await push(t, second.token, 'may-tinh-bang-2', [command(1, 'submitSurvey', second.job, 2, survey2, at), command(2, 'submitEstimate', second.job, 3, estimatePayloadFor(survey2), at)]);
		expect(stale.body.results[1]).toMatchObject({ status: 'rejected', code: 'price_changed' });
		expect(stale.body.results[1].reason.vi).toBe('Thuế VAT áp dụng là 8%, dự toán ghi 10%; hãy đồng bộ danh mục và kiểm tra lại dự toán');
		const lines = suggestedLines(survey2);
		const lookup = priceLookupOn([{ code: 'CB-BV-1P-40', name: 'Aptomat (CB) bảo vệ sau công tơ 1 pha 40 A', unit: 'cái', unitPrice: 200_000, side: 'utility', perMetre: false, phases: 1, effectiveFrom: '2026-12-01' }], '2026-12-02');
		const fresh = { lines, vatPercent: 8, expectedTotal: priceEstimate(lines, 8, lookup).total, notes: '' };
		const accepted = await push(t, second.token, 'may-tinh-bang-2', [command(3, 'submitEstimate', second.job, 3, fresh, at)]);
		expect(accepted.body.results[0]).toMatchObject({ status: 'applied' });

		const admin2 = await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId: (await t.defaultUnitId()) });
		const supervisor = await t.tokenFor(admin2);
		const newOne = await t.call('GET', `/api/requests/${second.job.requestId}`, { token: supervisor });
		const cb = (r: { body: any }) => r.body.estimates.at(-1).lines.find((l: { code: string }) => l.code === 'CB-BV-1P-40');
		expect(cb(newOne).unitPrice).toBe(200_000);
		expect(newOne.body.estimates.at(-1).vatPercent).toBe(8);
		// the estimate made on 23/11 keeps 165.000 đ and 10 %
		const oldOne = await t.call('GET', `/api/requests/${first.job.requestId}`, { token: supervisor });
		expect(cb(oldOne).unitPrice).toBe(165_000);
		expect(oldOne.body.estimates.at(-1).vatPercent).toBe(10);

		const log = await t.call('GET', '/api/admin/changes', { token: await t.login('quantri') });
		expect(log.body.changes.map((c: { words: { vi: string } }) => c.words.vi)).toEqual([
			'Đặt thuế VAT 8% (trước đó 10%), áp dụng từ 01/12/2026',
			'Đặt giá Aptomat (CB) bảo vệ sau công tơ 1 pha 40 A: 200.000 đồng/cái (trước đó 165.000 đồng), áp dụng từ 01/12/2026'
		]);
	});

	it("a supervisor's new contract version prices an added line with today's list; quoted lines keep their price", async () => {
		const crew = await crewWithSurveyJob(t, 'doi.sua');
		const sent = await awaitingRemoteSignature(t, { crewId: crew.crew.id, submittedBy: crew.user.id, unitId: crew.crew.unitId });
		t.setNow(new Date(t.now().getTime() + 3 * 60_000));
		await t.call('POST', `/api/portal/${sent.portalToken}/correction`, { body: { comment: 'Xin thêm ống luồn dây cho đoạn trong nhà' } });
		admin = await t.login('quantri');
		// from today (23/11/2026): a quoted material and a new one both change price
		const today = '2026-11-23';
		expect((await t.call('POST', '/api/admin/prices', { token: admin, body: { code: 'CB-BV-1P-40', unitPrice: 190_000, effectiveFrom: today } })).status).toBe(200);
		expect((await t.call('POST', '/api/admin/prices', { token: admin, body: { code: 'ONG-PVC-20', unitPrice: 11_000, effectiveFrom: today } })).status).toBe(200);
		const supervisor = await t.tokenFor(await t.makeUser({ username: 'giamsat.sua', role: 'supervisor', unitId: crew.crew.unitId }));
		const seen = await t.call('GET', `/api/requests/${sent.request.id}/correction`, { token: supervisor });
		const terms = seen.body.current.terms;
		const edit = {
			lines: [...terms.estimate.lines.map((l: { code: string; quantity: number }) => ({ code: l.code, quantity: l.quantity })), { code: 'ONG-PVC-20', quantity: 10 }],
			vatPercent: terms.estimate.vatPercent,
			installBy: null,
			customer: terms.customer,
			siteAddress: terms.siteAddress
		};
		const revised = await t.call('POST', `/api/requests/${sent.request.id}/correction/revise`, { token: supervisor, body: { terms: edit } });
		expect(revised.status, JSON.stringify(revised.body)).toBe(200);
		const after = await t.call('GET', `/api/requests/${sent.request.id}/correction`, { token: supervisor });
		const priceOf = (code: string) => after.body.current.terms.estimate.lines.find((l: { code: string }) => l.code === code)?.unitPrice;
		expect(priceOf('ONG-PVC-20')).toBe(11_000);
		expect(priceOf('CB-BV-1P-40')).toBe(165_000); // as quoted in version 1, not today's 190.000 đ
	});

	it('counts deadlines with the holidays the admin sets', async () => {
		t.setNow(new Date('2026-12-30T03:00:00Z')); // Wednesday 30/12/2026, 10:00 in Hà Nội
		admin = await t.login('quantri');
		await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId });
		const supervisor = await t.login('giamsat');
		const intake = () =>
			t.call('POST', '/api/requests', {
				token: supervisor,
				body: { serviceNumber: 2, customer: { name: 'Phạm Văn Long', phone: '0912345678', email: null }, address: 'Số 12 Đội Cấn, Ba Đình, Hà Nội', location: { lat: 21.035, lng: 105.82 } }
			});
		expect((await intake()).body.deadline).toBe('2027-01-07T16:59:59.999Z');

		const year = await t.call('GET', '/api/admin/holidays?year=2027', { token: admin });
		expect(year.body.year).toBe(2027); // stored or not: the migration seeds 2024–2030, an emptied test database has the defaults
		expect(year.body.holidays).toContainEqual({ date: '2027-01-01', name: 'Tết Dương lịch' });
		const added = await t.call('POST', '/api/admin/holidays', { token: admin, body: { date: '2027-01-04', name: 'Nghỉ bù Tết Dương lịch' } });
		expect(added.status).toBe(200);
		expect((await intake()).body.deadline).toBe('2027-01-08T16:59:59.999Z');
		const stored = await t.call('GET', '/api/admin/holidays?year=2027', { token: admin });
		expect(stored.body.stored).toBe(true);
		expect(stored.body.holidays).toEqual(expect.arrayContaining([{ date: '2027-01-01', name: 'Tết Dương lịch' }, { date: '2027-01-04', name: 'Nghỉ bù Tết Dương lịch' }]));

		// New Year's Day removed: a working day again
		expect((await t.call('DELETE', '/api/admin/holidays/2027-01-01', { token: admin })).status).toBe(200);
		expect((await intake()).body.deadline).toBe('2027-01-07T16:59:59.999Z');
		const missing = await t.call('DELETE', '/api/admin/holidays/2027-03-03', { token: admin });
		expect(missing.status).toBe(404);
		expect(missing.body.error.message).toBe('Ngày 03/03/2027 không phải ngày nghỉ');
	});

	it('a holiday set on one API process counts on another at its next re-read, without a restart', async () => {
		// a second process over the same database: its own calendar, read when it started
		const other = { database: t.database, holidays: DEFAULT_HOLIDAYS } as unknown as AppDeps;
		const refresher = keepHolidaysFresh(other, 3_600_000);
		try {
			expect(other.holidays.isHoliday('2027-03-03')).toBe(false);
			const added = await t.call('POST', '/api/admin/holidays', { token: admin, body: { date: '2027-03-03', name: 'Nghỉ thử nhiều máy' } });
			expect(added.status).toBe(200);
			expect(other.holidays.isHoliday('2027-03-03')).toBe(false); // not yet re-read
			await refresher.refresh();
			expect(other.holidays.isHoliday('2027-03-03')).toBe(true);
			expect(other.holidays.isHoliday('2027-01-01')).toBe(true); // the year's other holidays stay
			expect((await t.call('DELETE', '/api/admin/holidays/2027-03-03', { token: admin })).status).toBe(200);
			await refresher.refresh();
			expect(other.holidays.isHoliday('2027-03-03')).toBe(false);
		} finally {
			refresher.stop();
		}
	});

	it('refuses hostile input with a 400 in words, never a 5xx', async () => {
		const cases: Array<[string, string, unknown, string]> = [
			['POST', '/api/admin/prices', { code: 'CB-BV-1P-40', unitPrice: -1, effectiveFrom: '2026-12-01' }, 'Đơn giá không âm'],
			['POST', '/api/admin/prices', { code: 'CB-BV-1P-40', unitPrice: 1.5, effectiveFrom: '2026-12-01' }, 'Đơn giá là số đồng nguyên'],
			['POST', '/api/admin/prices', { code: 'CB-BV-1P-40', unitPrice: 1e12, effectiveFrom: '2026-12-01' }, 'Đơn giá quá lớn'],
			['POST', '/api/admin/prices', { code: 'CB-BV-1P-40', unitPrice: 1000, effectiveFrom: '2026-02-30' }, 'Ngày không hợp lệ'],
			['POST', '/api/admin/prices', { code: 'CB-BV-1P-40', unitPrice: 1000, effectiveFrom: '2026-11-01' }, 'Ngày áp dụng 01/11/2026 đã qua'],
			['POST', '/api/admin/prices', { code: 'KHONG-CO', unitPrice: 1000, effectiveFrom: '2026-12-01' }, 'Không có vật tư mã này trong bảng giá'],
			['POST', '/api/admin/vat', { percent: 21, effectiveFrom: '2026-12-01' }, 'Thuế suất tối đa 20%'],
			['POST', '/api/admin/vat', { percent: '8', effectiveFrom: '2026-12-01' }, 'Nhập thuế suất (%)'],
			['POST', '/api/admin/holidays', { date: '1999-12-31', name: 'Cũ quá' }, 'Ngày không hợp lệ'],
			['POST', '/api/admin/holidays', { date: '2027-01-05', name: 'Nghỉ\u0000ngầm' }, 'có ký tự không hợp lệ'],
			['POST', '/api/admin/holidays', { date: '2027-01-05', name: 'x'.repeat(500) }, 'Tên ngày nghỉ quá dài'],
			['POST', '/api/admin/users', { fullName: 'A', username: 'a b', role: 'boss' }, 'Nhập họ tên'],
			['POST', '/api/admin/users', { fullName: 'Lê Văn A', username: "x' OR 1=1 --", role: 'admin' }, 'Tên đăng nhập gồm'],
			['POST', '/api/admin/users', { fullName: 'Lê Văn A', username: 'le.a', role: 'supervisor', unitId: 'khong-co' }, 'Không có đơn vị này'],
			['POST', '/api/admin/crews', { unitId: 'khong-co', name: 'Tổ X' }, 'Không có đơn vị này'],
			['PATCH', '/api/admin/users/khong-co', { role: 'admin' }, 'Không tìm thấy tài khoản']
		];
		for (const [method, path, body, words] of cases) {
			const res = await t.call(method, path, { token: admin, body });
			expect(res.status, `${path} ${JSON.stringify(body).slice(0, 80)}`).toBeGreaterThanOrEqual(400);
			expect(res.status).toBeLessThan(500);
			expect(res.body.error.message).toContain(words);
		}
		const year = await t.call('GET', '/api/admin/holidays?year=abc', { token: admin });
		expect(year.status).toBe(400);
		const raw = await t.call('POST', '/api/admin/vat', { token: admin, rawBody: '{"percent":' });
		expect(raw.status).toBe(400);
	});
});
