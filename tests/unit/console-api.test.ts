import { describe, expect, it, vi } from 'vitest';
import { ConsoleApi, ConsoleApiError } from '../../src/lib/console/api';
import { EMPTY_FILTERS } from '../../src/lib/console/filters';
import { listenForChanges, type EventSourceLike, type LiveStatus } from '../../src/lib/console/live';

interface Call {
	url: string;
	method: string;
	headers: Record<string, string>;
	body: unknown;
}

function fakeFetch(respond: (call: Call) => { status: number; body?: unknown } | Error) {
	const calls: Call[] = [];
	const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const call = { url: String(input), method: init?.method ?? 'GET', headers: (init?.headers ?? {}) as Record<string, string>, body: init?.body ? JSON.parse(String(init.body)) : undefined };
		calls.push(call);
		const answer = respond(call);
		if (answer instanceof Error) throw answer;
		return new Response(answer.body === undefined ? 'not json' : JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
	}) as typeof globalThis.fetch;
	return { fetch, calls };
}

describe('console API client', () => {
	it('sends the bearer token and the board query', async () => {
		const { fetch, calls } = fakeFetch(() => ({ status: 200, body: { items: [], total: 0, page: 2, pageSize: 50 } }));
		const api = new ConsoleApi({ fetch, token: () => 'tok' });
		const page = await api.board({ ...EMPTY_FILTERS, states: ['paid'], q: '0912', page: 2, pageSize: 50 });
		expect(page.total).toBe(0);
		expect(calls[0]).toMatchObject({ method: 'GET', url: '/api/requests?state=paid&q=0912&page=2&pageSize=50', headers: { authorization: 'Bearer tok' } });
	});

	it('posts JSON bodies to the action endpoints', async () => {
		const { fetch, calls } = fakeFetch((call) => ({ status: call.url.endsWith('/api/requests') ? 201 : 200, body: { ok: true, id: 'r1', code: 'YC-2026-00001', deadline: null, jobId: 'j', crewId: 'doi1', scheduledAt: 'x' } }));
		const api = new ConsoleApi({ fetch, token: () => 'tok' });
		await api.intake({ serviceNumber: 2, customer: { name: 'Lan', phone: '0912345678', email: null }, address: 'Số 1 Hàng Bài', location: null, documents: [] });
		await api.dispatch('r/1', { crewId: 'doi1', scheduledAt: '2026-11-24T08:30:00+07:00' });
		await api.reassign('j1', 'doi2');
		await api.pay('r1', { amount: 1000, receiptNo: 'BL-1' });
		await api.remoteSigning('r1');
		await api.countersign('r1');
		expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
			'POST /api/requests',
			'POST /api/requests/r%2F1/dispatch',
			'POST /api/jobs/j1/reassign',
			'POST /api/requests/r1/payments',
			'POST /api/requests/r1/remote-signing',
			'POST /api/requests/r1/countersign'
		]);
		expect(calls[1]!.body).toEqual({ crewId: 'doi1', scheduledAt: '2026-11-24T08:30:00+07:00' });
		expect(calls[2]!.body).toEqual({ crewId: 'doi2' });
		expect(calls[3]!.body).toEqual({ amount: 1000, receiptNo: 'BL-1' });
		expect(calls[0]!.headers['content-type']).toBe('application/json');
	});

	it('sends the supervisor operations and process steps to their routes, and says a failure in words', async () => {
		const { fetch, calls } = fakeFetch((call) => (call.url.endsWith('/steps') ? { status: 502 } : call.url.includes('/handovers/h1/') ? new TypeError('Failed to fetch') : { status: 200, body: { handovers: [] } }));
		const api = new ConsoleApi({ fetch, token: () => 'tok', messages: () => ({ network: 'Không kết nối được máy chủ.', server: (status) => `Máy chủ báo lỗi (${status}).` }) });
		await api.reschedule('j/1', '2026-12-05T08:30:00+07:00');
		await api.cancel('r1', 'Khách hàng không cần nữa');
		expect(await api.handovers('r1')).toEqual([]);
		const passed = await api.passHandover('h1').catch((e: unknown) => e);
		const stepped = await api.step('r1', { step: 'close' } as never).catch((e: unknown) => e);
		expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
			'POST /api/jobs/j%2F1/reschedule',
			'POST /api/requests/r1/cancel',
			'GET /api/requests/r1/handovers',
			'POST /api/handovers/h1/pass',
			'POST /api/requests/r1/steps'
		]);
		expect(calls[0]!.body).toEqual({ scheduledAt: '2026-12-05T08:30:00+07:00' });
		expect(calls[1]!.body).toEqual({ reason: 'Khách hàng không cần nữa' });
		// never fetch's own English, never a bare status
		expect(passed).toBeInstanceOf(ConsoleApiError);
		expect((passed as Error).message).toBe('Không kết nối được máy chủ.');
		expect((stepped as Error).message).toBe('Máy chủ báo lỗi (502).');
	});

	it('turns the server error into a typed error with its Vietnamese message and fields', async () => {
		const { fetch } = fakeFetch(() => ({ status: 400, body: { error: { code: 'validation', message: 'Dữ liệu không hợp lệ', fields: { 'customer.phone': 'Số điện thoại không hợp lệ' } } } }));
		const api = new ConsoleApi({ fetch, token: () => 'tok' });
		const error = await api.intake({} as never).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ConsoleApiError);
		expect(error).toMatchObject({ status: 400, code: 'validation', message: 'Dữ liệu không hợp lệ', fields: { 'customer.phone': 'Số điện thoại không hợp lệ' } });
	});

	it('flags a refused token, and names network and non-JSON failures', async () => {
		const onUnauthorized = vi.fn();
		const statuses = [{ status: 401, body: { error: { code: 'unauthenticated', message: 'Cần đăng nhập' } } }, new TypeError('Failed to fetch'), { status: 502 }];
		const { fetch } = fakeFetch(() => statuses.shift()!);
		const api = new ConsoleApi({ fetch, token: () => null, onUnauthorized, messages: () => ({ network: 'offline', server: (s) => `server ${s}` }) });
		await expect(api.kpis()).rejects.toMatchObject({ status: 401, message: 'Cần đăng nhập' });
		expect(onUnauthorized).toHaveBeenCalledOnce();
		await expect(api.crews()).rejects.toMatchObject({ status: 0, code: 'network', message: 'offline' });
		await expect(api.detail('r1')).rejects.toMatchObject({ status: 502, message: 'server 502' });
	});
});

class FakeEventSource implements EventSourceLike {
	readyState = 0;
	onerror: ((event: Event) => void) | null = null;
	closed = false;
	#listeners = new Map<string, Array<(event: Event) => void>>();
	constructor(readonly url: string) {}
	addEventListener(type: string, listener: (event: Event) => void): void {
		this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
	}
	emit(type: string): void {
		if (type === 'ready') this.readyState = 1;
		for (const l of this.#listeners.get(type) ?? []) l(new Event(type));
	}
	fail(closed: boolean): void {
		this.readyState = closed ? 2 : 0;
		this.onerror?.(new Event('error'));
	}
	close(): void {
		this.closed = true;
		this.readyState = 2;
	}
}

describe('live changes', () => {
	function setup() {
		vi.useFakeTimers();
		const sources: FakeEventSource[] = [];
		const onChange = vi.fn();
		const statuses: LiveStatus[] = [];
		const stop = listenForChanges({
			url: () => '/api/events?access_token=t',
			onChange,
			onStatus: (s) => statuses.push(s),
			debounceMs: 300,
			retryMs: 1000,
			createEventSource: (url) => {
				const es = new FakeEventSource(url);
				sources.push(es);
				return es;
			}
		});
		return { sources, onChange, statuses, stop };
	}

	it('re-reads once for a burst of changes', () => {
		const { sources, onChange, statuses, stop } = setup();
		expect(sources[0]!.url).toBe('/api/events?access_token=t');
		sources[0]!.emit('ready');
		expect(statuses).toEqual(['connecting', 'live']);
		expect(onChange).not.toHaveBeenCalled();
		sources[0]!.emit('changed');
		sources[0]!.emit('changed');
		vi.advanceTimersByTime(299);
		sources[0]!.emit('changed');
		vi.advanceTimersByTime(300);
		expect(onChange).toHaveBeenCalledOnce();
		stop();
		vi.useRealTimers();
	});

	it('reopens a closed stream with backoff and re-reads after reconnecting', () => {
		const { sources, onChange, statuses, stop } = setup();
		sources[0]!.emit('ready');
		sources[0]!.fail(false); // the browser retries by itself
		expect(sources).toHaveLength(1);
		expect(statuses.at(-1)).toBe('retrying');
		sources[0]!.fail(true); // given up: we reopen
		expect(sources[0]!.closed).toBe(true);
		vi.advanceTimersByTime(999);
		expect(sources).toHaveLength(1);
		vi.advanceTimersByTime(1);
		expect(sources).toHaveLength(2);
		sources[1]!.fail(true);
		vi.advanceTimersByTime(1999);
		expect(sources).toHaveLength(2);
		vi.advanceTimersByTime(1);
		expect(sources).toHaveLength(3);
		sources[2]!.emit('ready');
		expect(statuses.at(-1)).toBe('live');
		vi.advanceTimersByTime(300);
		expect(onChange).toHaveBeenCalledOnce(); // missed changes are read again
		stop();
		expect(sources[2]!.closed).toBe(true);
		sources[2]!.emit('changed');
		vi.advanceTimersByTime(1000);
		expect(onChange).toHaveBeenCalledOnce();
		vi.useRealTimers();
	});
});
