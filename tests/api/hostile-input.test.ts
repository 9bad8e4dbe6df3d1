// What a careless or hostile client can send a push (and the routes around it): each gets a clear refusal in
// Vietnamese, never a 5xx, nothing of it is stored, and the device keeps syncing afterwards.
import { serve, type ServerType } from '@hono/node-server';
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signingCodeFrom } from '../../src/lib/domain/signing-code';
import { PUSH_BODY_MAX_BYTES } from '../../server/input-guard';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { command, crewWithSurveyJob, push, surveyPayloadFor, uploadPhoto } from '../support/field';

const DEVICE = 'tablet-thu-nghiem-1';
/** What cutting a string through an emoji leaves: the first half of a surrogate pair. */
const CUT_EMOJI = 'Cây to che lối vào 🌳'.slice(0, -1);

async function tableCounts(t: TestContext) {
	return t.database.withConnection(async (query) => {
		const counts: Record<string, number> = {};
		for (const table of ['requests', 'jobs', 'audit_log', 'surveys', 'estimates', 'notifications', 'command_log', 'devices', 'crew_positions']) {
			counts[table] = (await query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n as number;
		}
		return counts;
	});
}

async function logEntry(t: TestContext, seq: number) {
	return t.database.withConnection(async (query) => (await query('SELECT request_id, job_id, status, code, payload FROM command_log WHERE seq = $1', [seq])).rows[0]);
}

describe.each(DRIVERS)('hostile pushes on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	async function crewReady() {
		const crew = await crewWithSurveyJob(t);
		const photo = await uploadPhoto(t, crew.token, 'hien-truong');
		return { ...crew, survey: surveyPayloadFor({ site: [photo], meter: [photo] }) };
	}

	it('refuses a command with no payload in its place, remembers the refusal, and applies the next command', async () => {
		const { token, job, survey } = await crewReady();
		const broken = command(1, 'submitSurvey', job, 2, null);
		const first = await push(t, token, DEVICE, [broken]);
		expect(first.status).toBe(200);
		expect(first.body.lastSeq).toBe(1);
		expect(first.body.results[0]).toMatchObject({ seq: 1, status: 'rejected', code: 'invalid_data', replayed: false });
		expect(first.body.results[0].reason.vi).toContain('không có nội dung');

		// the tablet retries the same batch (lost response): the same answer, from the log
		const again = await push(t, token, DEVICE, [broken]);
		expect(again.body.results[0]).toEqual({ ...first.body.results[0], replayed: true });

		const next = await push(t, token, DEVICE, [command(2, 'submitSurvey', job, 2, survey)]);
		expect(next.body.results[0]).toMatchObject({ seq: 2, status: 'applied', request: { state: 'surveyed', version: 3 } });
		const pull = await t.call('GET', `/api/sync/pull?deviceId=${DEVICE}`, { token });
		expect(pull.status).toBe(200);
		expect(pull.body.lastSeq).toBe(2);
		expect(pull.body.jobs.find((j: { id: string }) => j.id === job.jobId).request.state).toBe('surveyed');
	});

	it('names the field holding a NUL or half an emoji, and decides the rest of the batch in order', async () => {
		const { token, job, survey } = await crewReady();
		const res = await push(t, token, DEVICE, [
			command(1, 'submitSurvey', job, 2, { ...survey, notes: 'Khách hẹn\u0000 buổi sáng' }),
			command(2, 'submitSurvey', job, 2, { ...survey, obstacles: CUT_EMOJI }),
			command(3, 'submitSurvey', job, 2, survey)
		]);
		expect(res.status).toBe(200);
		expect(res.body.lastSeq).toBe(3);
		const [nul, cut, good] = res.body.results;
		expect(nul).toMatchObject({ status: 'rejected', code: 'invalid_data' });
		expect(nul.reason.vi).toContain('ghi chú');
		expect(Object.keys(nul.fields)).toEqual(['notes']);
		expect(cut).toMatchObject({ status: 'rejected', code: 'invalid_data' });
		expect(cut.reason.vi).toContain('vật cản');
		expect(Object.keys(cut.fields)).toEqual(['obstacles']);
		expect(good).toMatchObject({ status: 'applied', request: { state: 'surveyed', version: 3 } });
		// nothing of the refused commands is kept but the refusal itself
		expect((await logEntry(t, 1))!.payload).toEqual({});
	});

	it('refuses a command whose ids cannot be stored without touching the database beyond its refusal', async () => {
		const { token, job, survey } = await crewReady();
		const before = await tableCounts(t);
		const res = await push(t, token, DEVICE, [
			command(1, 'submitSurvey', { requestId: `${job.requestId}\u0000x`, jobId: job.jobId }, 2, survey),
			command(2, 'submitSurvey', { requestId: job.requestId, jobId: 'abc\uDC00def' }, 2, survey),
			command(3, 'submitSurvey', job, 2, survey, { deviceTime: 'hôm qua' })
		]);
		expect(res.status).toBe(200);
		expect(res.body.results.map((r: { status: string; code: string }) => `${r.status} ${r.code}`)).toEqual([
			'rejected invalid_data',
			'rejected invalid_data',
			'rejected invalid_data'
		]);
		expect(res.body.results[0].reason.vi).toContain('yêu cầu');
		expect(res.body.results[1].reason.vi).toContain('công việc');
		expect(res.body.results[2].reason.vi).toContain('giờ trên máy tính bảng');
		expect(await logEntry(t, 1)).toMatchObject({ request_id: null, job_id: job.jobId, status: 'rejected', payload: {} });
		const after = await tableCounts(t);
		expect(after).toEqual({ ...before, command_log: before.command_log + 3, devices: before.devices + 1 });
	});

	it('refuses a payload nested absurdly deep, or of the wrong kind, as invalid data', async () => {
		const { token, job, survey } = await crewReady();
		// written as text: JSON.stringify itself overflows the stack on what a hostile client can type
		const deep = `${'['.repeat(10_000)}"đáy"${']'.repeat(10_000)}`;
		const first = JSON.stringify(command(1, 'submitSurvey', job, 2, { ...survey, extra: 'DEEP' })).replace('"DEEP"', deep);
		const rest = [
			command(2, 'submitSurvey', job, 2, 42),
			command(3, 'submitSurvey', job, 2, [survey]),
			command(4, 'submitSurvey', job, 2, { ...survey, distanceM: '25' })
		].map((c) => JSON.stringify(c));
		const res = await t.call('POST', '/api/sync/push', { token, rawBody: `{"deviceId":"${DEVICE}","commands":[${[first, ...rest].join(',')}]}` });
		expect(res.status).toBe(200);
		expect(res.body.results.map((r: { code: string }) => r.code)).toEqual(['invalid_data', 'invalid_data', 'invalid_data', 'invalid_data']);
		expect(res.body.results[0].reason.vi).toContain('lồng nhau quá sâu');
		expect(res.body.results[3].fields).toHaveProperty('distanceM');
		expect(res.body.results[3].reason.vi).toContain('khoảng cách');
	});

	it('answers an envelope that cannot be read with 400 and changes nothing; the next good push applies', async () => {
		const { token, job, survey } = await crewReady();
		const before = await tableCounts(t);
		const tooMany = Array.from({ length: 501 }, (_, i) => command(i + 1, 'submitSurvey', job, 2, survey));
		const refusals = [
			await push(t, token, DEVICE, tooMany),
			await t.call('POST', '/api/sync/push', { token, body: { deviceId: DEVICE, commands: { seq: 1 } } }),
			await t.call('POST', '/api/sync/push', { token, body: { deviceId: DEVICE, commands: [{ commandId: randomUUID(), payload: survey }] } }),
			await t.call('POST', '/api/sync/push', { token, body: null }),
			await t.call('POST', '/api/sync/push', { token, rawBody: '{"deviceId": "tablet-thu-nghiem-1", "commands": [' })
		];
		for (const refused of refusals) {
			expect(refused.status).toBe(400);
			expect(refused.body.error.message).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ]/);
		}
		expect(refusals[0]!.body.error.message).toContain('Tối đa 500 lệnh');
		expect(await tableCounts(t)).toEqual(before);

		const good = await push(t, token, DEVICE, [command(1, 'submitSurvey', job, 2, survey)]);
		expect(good.body.results[0]).toMatchObject({ status: 'applied' });
	});

	it('takes the tablet’s batch of 100 signed commands under the size cap; 500 mixed commands fit it too', async () => {
		const { token, job, survey } = await crewReady();
		const signed = (seq: number) =>
			command(seq, 'signOnSite', job, 5, {
				contractVersion: 1,
				contractSha256: 'a'.repeat(64),
				code: signingCodeFrom(String(10_000 + seq)),
				signature: realisticSignature()
			});
		const hundredSigned = Array.from({ length: 100 }, (_, i) => signed(i + 1));
		const mixed = Array.from({ length: 500 }, (_, i) => (i % 5 === 0 ? signed(i + 1) : command(i + 1, 'submitSurvey', job, 2, survey)));
		const bytes = (commands: unknown[]) => Buffer.byteLength(JSON.stringify({ deviceId: DEVICE, commands }));
		// what these measure is written down next to PUSH_BODY_MAX_BYTES
		expect(bytes(hundredSigned)).toBeLessThan(PUSH_BODY_MAX_BYTES / 2);
		expect(bytes(mixed)).toBeLessThan(PUSH_BODY_MAX_BYTES / 2);

		const res = await push(t, token, DEVICE, hundredSigned);
		expect(res.status).toBe(200);
		expect(res.body.results).toHaveLength(100);
	});
});

/** A drawn signature as the tablet exports it: a ~20 kB PNG and ~600 timed stroke points. */
function realisticSignature() {
	const strokes = Array.from({ length: 6 }, (_, s) =>
		Array.from({ length: 100 }, (_, i) => ({ x: 40.5 + i * 3.25 + s, y: 80.25 + Math.sin(i / 7) * 30, time: 1_795_000_000_000 + s * 2_000 + i * 16 }))
	);
	return { imagePng: `data:image/png;base64,${randomBytes(15_000).toString('base64')}`, strokes, signerName: 'Nguyễn Văn Khách' };
}

describe.each(DRIVERS)('the routes the issue found answering 500, on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	it('answers a NUL in a body field or a path id with 400 and the field in Vietnamese words', async () => {
		const { crew, job } = await crewWithSurveyJob(t);
		await t.makeUser({ username: 'giam-sat', role: 'supervisor', unitId: crew.unitId });
		const supervisor = await t.login('giam-sat');
		const cases: Array<[string, string, { token?: string; body?: unknown }, string]> = [
			['POST', '/api/auth/login', { body: { username: 'doi1\u0000.an', password: 'x' } }, 'tên đăng nhập'],
			['POST', '/api/payments/webhook', { body: { requestCode: 'YC\u0000', amount: 1, transactionId: 'T1' } }, 'mã yêu cầu'],
			['POST', `/api/requests/${job.requestId}/dispatch`, { token: supervisor, body: { crewId: `${crew.id}\u0000`, scheduledAt: '2026-11-24T08:00:00+07:00' } }, 'tổ'],
			['POST', `/api/requests/${job.requestId}/payments`, { token: supervisor, body: { amount: 1000, receiptNo: CUT_EMOJI } }, 'số biên lai'],
			['POST', `/api/jobs/${job.jobId}/reassign`, { token: supervisor, body: { crewId: 'abc\u0000def' } }, 'tổ'],
			['GET', '/api/requests/abc%00def', { token: supervisor }, 'Đường dẫn'],
			['POST', '/api/requests/abc%00def/dispatch', { token: supervisor, body: { crewId: crew.id, scheduledAt: '2026-11-24T08:00:00+07:00' } }, 'Đường dẫn'],
			['POST', '/api/requests/abc%00def/payments', { token: supervisor, body: { amount: 1000, receiptNo: 'BL-1' } }, 'Đường dẫn'],
			['POST', '/api/requests/abc%00def/remote-signing', { token: supervisor }, 'Đường dẫn'],
			['POST', '/api/requests/abc%00def/countersign', { token: supervisor }, 'Đường dẫn'],
			['POST', '/api/jobs/abc%00def/reassign', { token: supervisor, body: { crewId: crew.id } }, 'Đường dẫn'],
			['GET', '/api/requests?q=%00', { token: supervisor }, 'từ khóa tìm kiếm']
		];
		for (const [method, path, opts, named] of cases) {
			const res = await t.call(method, path, opts);
			expect(res.status, `${method} ${path}`).toBe(400);
			expect(res.body.error.message, `${method} ${path}`).toContain(named);
		}
	});

	it('answers a body that is not a JSON object, or not JSON, with 400', async () => {
		for (const rawBody of ['null', '[]', '42', '"chuỗi"', '{"username": ', '{"username": "a"}}']) {
			const res = await t.call('POST', '/api/auth/login', { rawBody });
			expect(res.status, rawBody).toBe(400);
			expect(res.body.error.message, rawBody).toMatch(/Nội dung gửi lên không đúng/);
		}
	});
});

describe.each(DRIVERS)('a 50 MB body on a real server on %s', (driver) => {
	let t: TestContext;
	let server: ServerType;
	let port: number;
	beforeEach(async () => {
		t = await createTestContext(driver);
		server = await new Promise<ServerType>((resolve) => {
			const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
		});
		port = (server.address() as AddressInfo).port;
	});
	afterEach(async () => {
		await new Promise((resolve) => server.close(resolve));
		await t.close();
	});

	/** A raw request on a keep-alive agent, streaming `size` bytes of body (with or without a declared length). */
	function send(agent: http.Agent, opts: { path: string; token?: string; body?: string; size?: number; chunked?: boolean }) {
		return new Promise<{ status: number; connection: string | undefined; body: string } | { error: string }>((resolve) => {
			const size = opts.body !== undefined ? Buffer.byteLength(opts.body) : opts.size!;
			const headers: Record<string, string | number> = { 'content-type': 'application/json' };
			if (!opts.chunked) headers['content-length'] = size;
			if (opts.token) headers.authorization = `Bearer ${opts.token}`;
			const req = http.request({ host: '127.0.0.1', port, path: opts.path, method: 'POST', agent, headers }, (res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (chunk) => (body += chunk));
				res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
			});
			req.on('error', (err) => resolve({ error: err.message }));
			if (opts.body !== undefined) {
				req.end(opts.body);
				return;
			}
			const chunk = Buffer.alloc(1024 * 1024, 0x20);
			let left = size;
			const write = () => {
				while (left > 0) {
					const n = Math.min(left, chunk.length);
					left -= n;
					if (!req.write(chunk.subarray(0, n))) {
						req.once('drain', write);
						return;
					}
				}
				req.end();
			};
			write();
		});
	}

	it('refuses 50 MB with 413 before parsing, closes that connection, and the same client goes on syncing', async () => {
		const { token, job } = await crewWithSurveyJob(t);
		const photo = await uploadPhoto(t, token, 'lon');
		const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
		try {
			for (const chunked of [false, true]) {
				const huge = await send(agent, { path: '/api/sync/push', token, size: 50 * 1024 * 1024, chunked });
				expect(huge).toMatchObject({ status: 413, connection: 'close' });
				expect(JSON.parse((huge as { body: string }).body).error.message).toContain('quá lớn');
			}
			// unauthenticated and on any other route: refused as early, with the small cap
			const login = await send(agent, { path: '/api/auth/login', size: 50 * 1024 * 1024 });
			expect(login).toMatchObject({ status: 413, connection: 'close' });

			const body = JSON.stringify({ deviceId: DEVICE, commands: [command(1, 'submitSurvey', job, 2, surveyPayloadFor({ site: [photo], meter: [photo] }))] });
			const next = await send(agent, { path: '/api/sync/push', token, body });
			expect(next).toMatchObject({ status: 200 });
			expect(JSON.parse((next as { body: string }).body).results[0].status).toBe('applied');
		} finally {
			agent.destroy();
		}
	});
});

describe.each(DRIVERS)('event streams on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	/** Reads a stream for `ms` (or until the server ends it) and returns its events. */
	async function eventsOf(res: Response, ms: number) {
		const reader = res.body!.getReader();
		const decoder = new TextDecoder();
		let text = '';
		let ended = false;
		let cancelled = false;
		const timer = setTimeout(() => {
			cancelled = true;
			void reader.cancel().catch(() => {});
		}, ms);
		try {
			for (;;) {
				const { value, done } = await reader.read();
				if (done) {
					ended = !cancelled;
					break;
				}
				text += decoder.decode(value);
			}
		} catch {
			// cancelled by the timer
		} finally {
			clearTimeout(timer);
		}
		return { events: [...text.matchAll(/^event: (\S+)$/gm)].map((m) => m[1]), ended };
	}

	it('polls at a bounded pace whatever interval the client asks for', async () => {
		await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId: (await t.makeUnit()).id });
		const token = await t.login('giamsat');
		const asks = ['1e10', '-1', 'NaN', '1', '99999999999999999999'];
		const streams = await Promise.all(
			asks.map(async (pollMs) => {
				const res = await t.app.request(`/api/events?access_token=${token}&pollMs=${encodeURIComponent(pollMs)}`);
				expect(res.status).toBe(200);
				return eventsOf(res, 2_500);
			})
		);
		for (const [i, stream] of streams.entries()) {
			const polls = stream.events.filter((e) => e === 'ping' || e === 'changed').length;
			// the default is one poll every 2 s, the fastest allowed one every 250 ms: never a poll per millisecond
			expect(polls, `pollMs=${asks[i]}`).toBeLessThanOrEqual(asks[i] === '1' ? 10 : 1);
			expect(stream.events[0]).toBe('ready');
		}
	});

	it('ends a stream when its session ends by logout or by expiry', async () => {
		await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId: (await t.makeUnit()).id });
		const loggedOut = await t.login('giamsat');
		const expiring = await t.login('giamsat');
		const open = async (token: string) => {
			const res = await t.app.request(`/api/events?access_token=${token}&pollMs=250`);
			expect(res.status).toBe(200);
			return eventsOf(res, 5_000);
		};
		const first = open(loggedOut);
		expect((await t.call('POST', '/api/auth/logout', { token: loggedOut })).status).toBe(200);
		const afterLogout = await first;
		expect(afterLogout.ended).toBe(true);
		expect(afterLogout.events).toContain('session_ended');

		const second = open(expiring);
		await new Promise((resolve) => setTimeout(resolve, 600));
		t.setNow(new Date(t.now().getTime() + 25 * 3_600_000));
		const afterExpiry = await second;
		expect(afterExpiry.ended).toBe(true);
		expect(afterExpiry.events.slice(-1)).toEqual(['session_ended']);
	});
});
