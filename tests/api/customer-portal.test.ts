// The customers' own portal (/api/customer): sign-in by a texted or emailed code with the signing codes' rules and
// limits (never telling whether a number is known), a session cookie of its own, isolation between customers,
// filing every service of seed 000 onto the unit's board, and hostile input refused in words.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ONLINE_SERVICES } from '../../src/lib/customer/online-services';
import { getService } from '../../src/lib/domain/catalog';
import { computeDeadline } from '../../src/lib/domain/sla';
import { DEFAULT_HOLIDAYS } from '../../src/lib/domain/holidays';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { awaitingRemoteSignature, estimatedRequest, fakeJpeg } from '../support/field';

const PHONE = '0987654321';
const OTHER_PHONE = '0977111222';

describe.each(DRIVERS)('customer portal on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	/** A request to the customer API from one device: the cookie it holds is sent back, like a browser's. */
	function device(address = '203.0.113.7') {
		let cookie = '';
		const call = async (method: string, path: string, opts: { body?: unknown; bytes?: Uint8Array; contentType?: string; raw?: string } = {}) => {
			const headers: Record<string, string> = {};
			if (cookie) headers.cookie = cookie;
			if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] = 'application/json';
			if (opts.bytes) headers['content-type'] = opts.contentType ?? 'image/jpeg';
			const res = await t.app.request(path, { method, headers, body: (opts.bytes as BodyInit | undefined) ?? opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)) }, { incoming: { socket: { remoteAddress: address } } } as never);
			const setCookie = res.headers.get('set-cookie');
			if (setCookie) {
				const pair = setCookie.split(';')[0]!;
				cookie = pair.endsWith('=') ? '' : pair;
			}
			const text = await res.text();
			let body: any = text;
			try {
				body = JSON.parse(text);
			} catch {
				// a PDF or an event stream
			}
			return { status: res.status, body, headers: res.headers, setCookie };
		};
		return { call, get cookie() { return cookie; } };
	}

	async function loginCodesSentTo(recipient: string): Promise<string[]> {
		const { body } = await t.outbox();
		return (body.messages as Array<{ kind: string; recipient: string; body: string }>)
			.filter((m) => m.kind === 'customer_login_code' && m.recipient === recipient)
			.map((m) => /\b(\d{6})\b/.exec(m.body)![1]!);
	}

	async function signedIn(phone = PHONE) {
		const d = device();
		expect((await d.call('POST', '/api/customer/login/code', { body: { contact: phone } })).status).toBe(200);
		const [code] = await loginCodesSentTo(phone);
		const res = await d.call('POST', '/api/customer/login', { body: { contact: phone, code } });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		return d;
	}

	const later = (seconds: number) => t.setNow(new Date(t.now().getTime() + seconds * 1000));

	describe('sign-in by code', () => {
		it('texts a code to a number on a request, which opens a session cookie of its own that signing out ends', async () => {
			const customer = await t.makeCustomer({ phone: PHONE, fullName: 'Lê Thị Hoa' });
			await t.makeRequest({ customerId: customer.id });
			const d = device();
			const sent = await d.call('POST', '/api/customer/login/code', { body: { contact: '+84 987 654 321' } });
			expect(sent.status).toBe(200);
			expect(sent.body).toEqual({ sentTo: '0987 ••• 321', validMinutes: 10 });
			const [code] = await loginCodesSentTo(PHONE);
			expect(code).toMatch(/^\d{6}$/);

			const res = await d.call('POST', '/api/customer/login', { body: { contact: PHONE, code } });
			expect(res.status).toBe(200);
			expect(res.setCookie).toMatch(/^ht_customer=[A-Za-z0-9_-]{40,};/);
			expect(res.setCookie).toMatch(/HttpOnly/);
			expect(res.setCookie).toMatch(/SameSite=Strict/);
			expect(res.setCookie).toMatch(/Path=\/api\/customer/);
			expect(Number(/Max-Age=(\d+)/.exec(res.setCookie!)![1])).toBeGreaterThanOrEqual(7 * 86_400);

			const me = await d.call('GET', '/api/customer/me');
			expect(me.status).toBe(200);
			expect(me.body.names).toEqual(['Lê Thị Hoa']);
			// a used code does not sign in twice
			expect((await device().call('POST', '/api/customer/login', { body: { contact: PHONE, code } })).status).toBe(400);

			expect((await d.call('POST', '/api/customer/logout')).status).toBe(200);
			const after = await d.call('GET', '/api/customer/me');
			expect(after.status).toBe(401);
			expect(after.body.error.message).toMatch(/đăng nhập/);
		});

		it('emails the code to an address on record, whatever its case', async () => {
			const customer = await t.makeCustomer({ phone: OTHER_PHONE, email: 'hoa.le@example.vn' });
			await t.makeRequest({ customerId: customer.id });
			const d = device();
			expect((await d.call('POST', '/api/customer/login/code', { body: { contact: ' Hoa.Le@Example.VN ' } })).status).toBe(200);
			const [code] = await loginCodesSentTo('hoa.le@example.vn');
			expect((await d.call('POST', '/api/customer/login', { body: { contact: 'hoa.le@example.vn', code } })).status).toBe(200);
			expect((await d.call('GET', '/api/customer/requests')).body.requests).toHaveLength(1);
		});

		it('answers an unknown number exactly like a known one, sends it nothing, and counts its wrong codes the same way', async () => {
			const customer = await t.makeCustomer({ phone: PHONE });
			await t.makeRequest({ customerId: customer.id });
			const known = await device().call('POST', '/api/customer/login/code', { body: { contact: PHONE } });
			const unknown = await device().call('POST', '/api/customer/login/code', { body: { contact: '0911000999' } });
			expect(unknown.status).toBe(known.status);
			expect(Object.keys(unknown.body)).toEqual(Object.keys(known.body));
			expect(await loginCodesSentTo('0911000999')).toEqual([]);
			const wrongKnown = await device().call('POST', '/api/customer/login', { body: { contact: PHONE, code: '000000' } });
			const wrongUnknown = await device().call('POST', '/api/customer/login', { body: { contact: '0911000999', code: '000000' } });
			expect(wrongUnknown.status).toBe(wrongKnown.status);
			expect(wrongUnknown.body.error.message).toBe(wrongKnown.body.error.message);
			expect(wrongKnown.body.error.message).toContain('4');
		});

		it('locks the code after five wrong attempts: the right one is then refused too', async () => {
			const customer = await t.makeCustomer({ phone: PHONE });
			await t.makeRequest({ customerId: customer.id });
			const d = device();
			await d.call('POST', '/api/customer/login/code', { body: { contact: PHONE } });
			const [code] = await loginCodesSentTo(PHONE);
			const wrong = code === '111111' ? '222222' : '111111';
			const statuses: number[] = [];
			for (let i = 0; i < 5; i++) statuses.push((await d.call('POST', '/api/customer/login', { body: { contact: PHONE, code: wrong } })).status);
			expect(statuses).toEqual([400, 400, 400, 400, 423]);
			const right = await d.call('POST', '/api/customer/login', { body: { contact: PHONE, code } });
			expect(right.status).toBe(400);
			expect(right.body.error.fields.code).toMatch(/Gửi mã/);
			expect(d.cookie).toBe('');
		});

		it('refuses a code after its ten minutes', async () => {
			const customer = await t.makeCustomer({ phone: PHONE });
			await t.makeRequest({ customerId: customer.id });
			const d = device();
			await d.call('POST', '/api/customer/login/code', { body: { contact: PHONE } });
			const [code] = await loginCodesSentTo(PHONE);
			later(10 * 60 + 1);
			const res = await d.call('POST', '/api/customer/login', { body: { contact: PHONE, code } });
			expect(res.status).toBe(400);
			expect(res.body.error.code).toBe('expired_code');
		});

		it('sends at most one code a minute and five an hour per number, known or not', async () => {
			for (const number of [PHONE, '0911000999']) {
				const customer = number === PHONE ? await t.makeCustomer({ phone: PHONE }) : null;
				if (customer) await t.makeRequest({ customerId: customer.id });
				const d = device(`198.51.100.${number.length}`);
				expect((await d.call('POST', '/api/customer/login/code', { body: { contact: number } })).status).toBe(200);
				const soon = await d.call('POST', '/api/customer/login/code', { body: { contact: number } });
				expect(soon.status).toBe(429);
				expect(soon.body.error.code).toBe('too_soon');
				for (let i = 0; i < 4; i++) {
					later(61);
					expect((await d.call('POST', '/api/customer/login/code', { body: { contact: number } })).status).toBe(200);
				}
				later(61);
				const sixth = await d.call('POST', '/api/customer/login/code', { body: { contact: number } });
				expect(sixth.status).toBe(429);
				expect(sixth.body.error.code).toBe('too_many_codes');
				later(3600);
			}
			expect(await loginCodesSentTo(PHONE)).toHaveLength(5);
		});

		it('stops one address asking codes for many numbers (20 an hour), with Retry-After', async () => {
			const d = device('192.0.2.50');
			for (let i = 0; i < 20; i++) {
				expect((await d.call('POST', '/api/customer/login/code', { body: { contact: `09120000${String(i).padStart(2, '0')}` } })).status).toBe(200);
			}
			const refused = await d.call('POST', '/api/customer/login/code', { body: { contact: '0912000099' } });
			expect(refused.status).toBe(429);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(refused.body.error.message).toMatch(/thử lại sau \d+ phút/);
			// another address is not held up
			expect((await device('192.0.2.51').call('POST', '/api/customer/login/code', { body: { contact: '0912000099' } })).status).toBe(200);
		});

		it('refuses what is neither a mobile number nor an email, next to the field', async () => {
			const d = device();
			for (const contact of ['12345', 'abc', '', '0212345678', 'a@b', 'x'.repeat(300)]) {
				const res = await d.call('POST', '/api/customer/login/code', { body: { contact } });
				expect(res.status, contact).toBe(400);
				expect(res.body.error.fields.contact, contact).toBeTruthy();
			}
			expect((await d.call('POST', '/api/customer/login/code', { body: { contact: 'a\u0000b' } })).body.error.code).toBe('invalid_text');
		});
	});

	describe('isolation between customers', () => {
		it("shows a customer only their own requests; another's id, file, contract or signing answers 404 in words", async () => {
			const mine = await t.makeCustomer({ phone: PHONE, fullName: 'Khách A' });
			const theirs = await t.makeCustomer({ phone: OTHER_PHONE, fullName: 'Khách B' });
			const myRequest = await t.makeRequest({ customerId: mine.id });
			const crew = await t.makeCrew();
			const user = await t.makeUser({ username: 'doi-b', crewId: crew.id });
			const other = await awaitingRemoteSignature(t, { crewId: crew.id, submittedBy: user.id });
			// the factory's customer is someone else again: give the request to customer B
			await t.db.execute(sql.raw(`UPDATE requests SET customer_id = '${theirs.id}' WHERE id = '${other.request.id}'`));

			const a = await signedIn(PHONE);
			const list = await a.call('GET', '/api/customer/requests');
			expect(list.body.requests.map((r: { id: string }) => r.id)).toEqual([myRequest.id]);
			expect((await a.call('GET', `/api/customer/requests/${myRequest.id}`)).status).toBe(200);
			for (const path of [`/api/customer/requests/${other.request.id}`, `/api/customer/requests/${other.request.id}/contract.pdf`, '/api/customer/requests/khong-co']) {
				const res = await a.call('GET', path);
				expect(res.status, path).toBe(404);
				expect(res.body.error.message).toBe('Không tìm thấy yêu cầu này trong tài khoản của bạn');
			}
			expect((await a.call('POST', `/api/customer/requests/${other.request.id}/signing-link`)).status).toBe(404);
			expect((await a.call('GET', '/api/customer/contracts')).body.contracts).toEqual([]);

			const b = await signedIn(OTHER_PHONE);
			const contracts = (await b.call('GET', '/api/customer/contracts')).body.contracts;
			expect(contracts).toHaveLength(1);
			expect(contracts[0]).toMatchObject({ requestCode: other.request.code, awaitingSignature: true, customerSignedAt: null });
			// B signs the pending version on the signing page, with the link's own code rules
			const link = await b.call('POST', `/api/customer/requests/${other.request.id}/signing-link`);
			expect(link.status).toBe(200);
			expect(link.body.path).toMatch(/^\/portal\/[A-Za-z0-9_-]{20,}$/);
			const page = await t.call('GET', `/api/portal/${link.body.path.slice('/portal/'.length)}`);
			expect(page.status).toBe(200);
			expect(page.body.canSign).toBe(true);
			const pdf = await b.call('GET', `/api/customer/requests/${other.request.id}/contract.pdf`);
			expect(pdf.status).toBe(200);
			expect(pdf.headers.get('content-type')).toBe('application/pdf');

			// a file of B's request is not A's to read
			const photo = fakeJpeg('giay-to-b');
			expect((await b.call('PUT', `/api/customer/uploads/${photo.sha256}`, { bytes: photo.bytes })).status).toBe(201);
			expect((await b.call('GET', `/api/customer/files/${photo.sha256}`)).status).toBe(200);
			expect((await a.call('GET', `/api/customer/files/${photo.sha256}`)).status).toBe(404);
		});

		it('keeps staff and customer sessions apart: a bearer token is not a customer, a customer cookie is not staff', async () => {
			const customer = await t.makeCustomer({ phone: PHONE });
			await t.makeRequest({ customerId: customer.id });
			const supervisor = await t.makeUser({ username: 'giamsat', role: 'supervisor' });
			const token = await t.tokenFor(supervisor);
			expect((await t.call('GET', '/api/customer/requests', { token })).status).toBe(401);
			const a = await signedIn();
			expect((await a.call('GET', '/api/requests')).status).toBe(401);
			expect((await a.call('GET', '/api/sync/pull')).status).toBe(401);
			// a forged or malformed cookie is simply not signed in
			const forged = await t.app.request('/api/customer/me', { headers: { cookie: 'ht_customer=' + 'A'.repeat(43) } });
			expect(forged.status).toBe(401);
			const hostile = await t.app.request('/api/customer/me', { headers: { cookie: "ht_customer=' OR 1=1 --" } });
			expect(hostile.status).toBe(401);
		});
	});

	describe('filing online', () => {
		async function customerWithMeter() {
			const customer = await t.makeCustomer({ phone: PHONE, fullName: 'Phạm Văn Nộp' });
			const unitId = await t.defaultUnitId();
			await t.makeRequest({ customerId: customer.id, unitId });
			const meter = await t.makeMeter({ customerId: customer.id, unitId });
			return { customer, unitId, meter };
		}

		async function upload(d: ReturnType<typeof device>, label: string) {
			const photo = fakeJpeg(label);
			const res = await d.call('PUT', `/api/customer/uploads/${photo.sha256}`, { bytes: photo.bytes });
			expect([200, 201]).toContain(res.status);
			return photo.sha256;
		}

		const sampleValue = (field: (typeof ONLINE_SERVICES)[number]['fields'][number]) =>
			field.kind === 'choice' ? field.options[field.options.length - 1]!.value : field.kind === 'number' ? String(field.min + 1) : field.kind === 'phone' ? '0933444555' : 'Lý do cần thay đổi rõ ràng';

		it('files every service of seed 000 onto the unit board, the deadline counted from receipt, the fields in the history', async () => {
			const { meter } = await customerWithMeter();
			const supervisor = await t.tokenFor(await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId: await t.defaultUnitId() }));
			const d = await signedIn();
			expect(ONLINE_SERVICES.map((s) => s.key)).toEqual([
				'new_supply_lv', 'new_supply_mv', 'capacity_change', 'meter_position', 'purpose_of_use', 'price_norm', 'meter_phase',
				'contract_holder', 'registration_details', 'payment_method', 'renewal', 'termination', 'wiring_after_meter'
			]);
			for (const service of ONLINE_SERVICES) {
				const documents = [];
				for (const kind of service.documents) documents.push({ kind, sha256: await upload(d, `${service.key}-${kind}`) });
				const body = {
					kind: service.key,
					serviceNumber: service.services[0],
					address: 'Số 12 ngõ 34 Kim Mã, Ba Đình, Hà Nội',
					meterSerial: service.needsMeter ? meter.serial : null,
					details: Object.fromEntries(service.fields.map((f) => [f.key, sampleValue(f)])),
					documents,
					note: ''
				};
				const res = await d.call('POST', '/api/customer/requests', { body });
				expect(res.status, `${service.key}: ${JSON.stringify(res.body)}`).toBe(201);
				expect(res.body.code).toMatch(/^YC-\d{4}-\d{5}$/);
				const expected = computeDeadline(getService(service.services[0]!).processingTime, t.now(), DEFAULT_HOLIDAYS);
				expect(res.body.deadline).toBe(expected?.toISOString() ?? null);

				const board = await t.call('GET', `/api/requests?q=${encodeURIComponent(res.body.code)}`, { token: supervisor });
				expect(board.body.items.map((i: { code: string; state: string }) => [i.code, i.state]), service.key).toEqual([[res.body.code, 'submitted']]);
				const detail = await d.call('GET', `/api/customer/requests/${res.body.id}`);
				expect(detail.body.documents).toHaveLength(documents.length);
				expect(detail.body.history[0].actorRole).toBe('customer');
				expect(detail.body.history[0].detail.summary.vi).toContain(service.title({}, { locale: 'vi' }));
			}
			expect((await d.call('GET', '/api/customer/requests')).body.requests).toHaveLength(ONLINE_SERVICES.length + 1);
		});

		it('says what is wrong next to each field: missing fields and documents, a meter not theirs, a service not of the kind', async () => {
			await customerWithMeter();
			const stranger = await t.makeMeter({ customerId: (await t.makeCustomer({ phone: OTHER_PHONE })).id });
			const d = await signedIn();
			const res = await d.call('POST', '/api/customer/requests', {
				body: { kind: 'capacity_change', serviceNumber: 54, address: 'x', meterSerial: stranger.serial, details: { currentKw: '5', requestedKw: 'mười' }, documents: [] }
			});
			expect(res.status).toBe(400);
			expect(res.body.error.fields).toEqual({
				serviceNumber: 'Hãy chọn dịch vụ',
				address: 'Nhập địa chỉ đầy đủ (5–300 ký tự)',
				meterSerial: 'Công tơ này không thuộc tài khoản của bạn',
				'details.requestedKw': 'Nhập một số từ 0.5 đến 100000',
				'documents.id_card': 'Hãy thêm ảnh hoặc tệp PDF của giấy tờ này',
				'documents.power_needs': 'Hãy thêm ảnh hoặc tệp PDF của giấy tờ này'
			});
			const unknownKind = await d.call('POST', '/api/customer/requests', { body: { kind: 'nuclear', serviceNumber: 1, address: 'Số 1 phố Huế', details: {}, documents: [] } });
			expect(unknownKind.status).toBe(400);
			expect(unknownKind.body.error.fields.kind).toBe('Hãy chọn dịch vụ');
		});

		it("refuses a document the customer did not upload (another's file named by its hash)", async () => {
			const { meter } = await customerWithMeter();
			const crew = await t.makeCrew();
			const crewUser = await t.makeUser({ username: 'doi-anh', crewId: crew.id });
			const crewToken = await t.tokenFor(crewUser);
			const photo = fakeJpeg('anh-cua-to');
			expect((await t.call('PUT', `/api/blobs/${photo.sha256}`, { token: crewToken, bytes: photo.bytes, contentType: 'image/jpeg' })).status).toBe(201);
			const d = await signedIn();
			const power = await upload(d, 'bang-ke');
			const res = await d.call('POST', '/api/customer/requests', {
				body: {
					kind: 'capacity_change', serviceNumber: 28, address: 'Số 12 Kim Mã, Hà Nội', meterSerial: meter.serial,
					details: { currentKw: '5', requestedKw: '10' }, documents: [{ kind: 'id_card', sha256: photo.sha256 }, { kind: 'power_needs', sha256: power }]
				}
			});
			expect(res.status).toBe(400);
			expect(res.body.error.fields.documents).toBe('Có giấy tờ chưa tải lên xong; hãy chọn lại tệp');
		});

		it('refuses hostile input with 4xx in words, never 5xx', async () => {
			await customerWithMeter();
			const d = await signedIn();
			const cases: Array<{ body?: unknown; raw?: string }> = [
				{ raw: '{"kind":' },
				{ raw: '[]' },
				{ body: { kind: 'renewal', serviceNumber: 54, address: 'Số 1\u0000 phố Huế', details: {}, documents: [] } },
				{ body: { kind: 'renewal', serviceNumber: '54', address: 'Số 1 phố Huế' } },
				{ body: { kind: 'renewal', serviceNumber: 54, address: 'a'.repeat(5000) } },
				{ body: { kind: 'renewal', serviceNumber: 54, address: 'Số 1 phố Huế', details: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])) } },
				{ body: { kind: 'renewal', serviceNumber: 54, address: 'Số 1 phố Huế', documents: [{ kind: 'id_card', sha256: '../../etc/passwd' }] } },
				{ body: { kind: 'renewal', serviceNumber: 1e308, address: 'Số 1 phố Huế' } },
				{ body: { kind: { $ne: 1 }, serviceNumber: 54, address: 'Số 1 phố Huế' } }
			];
			for (const c of cases) {
				const res = await d.call('POST', '/api/customer/requests', c);
				expect(res.status, JSON.stringify(c).slice(0, 80)).toBeGreaterThanOrEqual(400);
				expect(res.status, JSON.stringify(c).slice(0, 80)).toBeLessThan(500);
				expect(res.body.error.message.length).toBeGreaterThan(5);
			}
			const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
			const sha = createHash('sha256').update(png).digest('hex');
			expect((await d.call('PUT', `/api/customer/uploads/${sha}`, { bytes: png, contentType: 'image/jpeg' })).status).toBe(415);
			const jpeg = fakeJpeg('sai-bam');
			expect((await d.call('PUT', `/api/customer/uploads/${'0'.repeat(64)}`, { bytes: jpeg.bytes })).status).toBe(400);
			expect((await device().call('PUT', `/api/customer/uploads/${jpeg.sha256}`, { bytes: jpeg.bytes })).status).toBe(401);
		});

		it("opens today's self-reading page for the customer's own meter, once a day, and never for another's meter", async () => {
			const { meter } = await customerWithMeter();
			const othersMeter = await t.makeMeter({ customerId: (await t.makeCustomer({ phone: OTHER_PHONE })).id });
			const d = await signedIn();
			const opened = await d.call('POST', `/api/customer/meters/${meter.serial}/self-reading`);
			expect(opened.status, JSON.stringify(opened.body)).toBe(200);
			const token = /^\/self-reading\/([A-Za-z0-9_-]{20,64})$/.exec(opened.body.path)?.[1];
			expect(token, opened.body.path).toBeDefined();
			const page = await t.app.request(`/api/self-reading/${token}`);
			expect(page.status).toBe(200);
			const view = (await page.json()) as { meter: { serial: string }; readingDate: string; submitted: boolean };
			expect(view.meter.serial).toBe(meter.serial);
			expect(view.readingDate).toBe(t.now().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }));
			// opened from the account: nothing is texted, the customer is already here
			const texted = (await t.outbox()).body.messages as Array<{ kind: string }>;
			expect(texted.filter((msg) => msg.kind === 'self_reading_link')).toEqual([]);

			const photo = fakeJpeg('self-reading-from-account');
			const put = await t.app.request(`/api/self-reading/${token}/photo/${photo.sha256}`, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: photo.bytes as BodyInit });
			expect([200, 201]).toContain(put.status);
			const sent = await t.app.request(`/api/self-reading/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kwh: 1234, photoSha256: photo.sha256 }) });
			expect(sent.status, await sent.clone().text()).toBe(201);

			const again = await d.call('POST', `/api/customer/meters/${meter.serial}/self-reading`);
			expect(again.status).toBe(409);
			expect(again.body.error.message).toBe(`Bạn đã gửi chỉ số công tơ ${meter.serial} hôm nay; mỗi ngày gửi một lần`);
			const others = await d.call('POST', `/api/customer/meters/${othersMeter.serial}/self-reading`);
			expect(others.status).toBe(404);
			expect(others.body.error.message).toBe('Công tơ này không thuộc tài khoản của bạn');
			expect((await d.call('POST', '/api/customer/meters/%00%27/self-reading')).status).toBe(400);
			expect((await device().call('POST', `/api/customer/meters/${meter.serial}/self-reading`)).status).toBe(401);
		});

		it('lists the notices sent to the customer, the sign-in code among them', async () => {
			await customerWithMeter();
			const d = await signedIn();
			const notices = (await d.call('GET', '/api/customer/notices')).body.notices;
			expect(notices.map((n: { kind: string }) => n.kind)).toContain('customer_login_code');
			expect(notices.every((n: { recipient: string }) => n.recipient === PHONE || n.recipient === 'khach@example.vn')).toBe(true);
		});
	});

	it('shows what is owed on an estimated request and opens the payment page for it; nothing owed is refused in words', async () => {
		const crew = await t.makeCrew();
		const user = await t.makeUser({ username: 'doi-du-toan', crewId: crew.id });
		const estimated = await estimatedRequest(t, { crewId: crew.id, submittedBy: user.id });
		const owner = await t.makeCustomer({ phone: PHONE });
		await t.db.execute(sql.raw(`UPDATE requests SET customer_id = '${owner.id}' WHERE id = '${estimated.request.id}'`));
		const settled = await t.makeRequest({ customerId: owner.id });
		const d = await signedIn();
		const detail = await d.call('GET', `/api/customer/requests/${estimated.request.id}`);
		expect(detail.body.owed).toBe(estimated.owed);
		expect(estimated.owed).toBeGreaterThan(0);
		const link = await d.call('POST', `/api/customer/requests/${estimated.request.id}/payment-link`);
		expect(link.status).toBe(200);
		expect(link.body.path).toMatch(/^\/portal\/[A-Za-z0-9_-]{20,}\/pay$/);
		const none = await d.call('POST', `/api/customer/requests/${settled.id}/payment-link`);
		expect(none.status).toBe(409);
		expect(none.body.error.message).toBe('Yêu cầu này hiện không có khoản nào cần thanh toán');
		await t.makeRequest({ customerId: (await t.makeCustomer({ phone: OTHER_PHONE })).id });
		const other = await signedIn(OTHER_PHONE);
		expect((await other.call('POST', `/api/customer/requests/${estimated.request.id}/payment-link`)).status).toBe(404);
	});

	it('streams a change to the customer when their request moves', async () => {
		const customer = await t.makeCustomer({ phone: PHONE });
		const request = await t.makeRequest({ customerId: customer.id });
		const d = await signedIn();
		const res = await t.app.request('/api/customer/events?pollMs=250', { headers: { cookie: d.cookie } });
		expect(res.status).toBe(200);
		const reader = res.body!.getReader();
		const decoder = new TextDecoder();
		let seen = '';
		const readUntil = async (needle: string) => {
			const deadline = Date.now() + 5000;
			while (!seen.includes(needle) && Date.now() < deadline) seen += decoder.decode((await reader.read()).value);
			return seen.includes(needle);
		};
		expect(await readUntil('event: ready')).toBe(true);
		await t.db.execute(sql.raw(`UPDATE requests SET change_seq = nextval('change_seq') WHERE id = '${request.id}'`));
		expect(await readUntil('event: changed')).toBe(true);
		await reader.cancel();
	});
});
