// The console's HTTP client: Hono's typed client over the server's route declarations ($lib/api/client), with the
// bearer token, and the server's `{ error: { code, message, fields } }` as a typed error. Paths, parameters and bodies
// are checked against the routes at compile time, and each answer's type is the route's declared 2xx body (the
// schemas in src/lib/api, the ones the document lists): a field the server stops sending is a type error here.
import type { BoardPage } from '$lib/domain/board';
import type { Crew, PaymentOutcomeResponse } from '$lib/api/common';
import type { Kpis, RequestDetail } from '$lib/api/console';
import type { StepBody } from '$lib/api/processes';
import { apiClient, pathParam, type ApiClient } from '$lib/api/client';
import { refusalWords } from '$lib/refusals';
import { boardApiQuery, type BoardFilters } from './filters';
import type { IntakeRequest } from './intake';
import type { OutboxMessage } from './outbox';

export type { Crew, Kpis, RequestDetail };

export class ConsoleApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly fields: Record<string, string> = {}
	) {
		super(message);
		this.name = 'ConsoleApiError';
	}
}

export interface ConsoleApiOptions {
	fetch: typeof globalThis.fetch;
	token: () => string | null;
	/** The server refused the token (401). */
	onUnauthorized?: () => void;
	/** The message of a failure that has no server message (network down, non-JSON answer). */
	messages?: () => { network: string; server: (status: number) => string };
}

const DEFAULT_MESSAGES = {
	network: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
	server: (status: number) => `Máy chủ báo lỗi (${status}).`
};

/** What the console reads of an answer (hc's typed Response: one per declared status). */
interface Answer {
	ok: boolean;
	status: number;
	json(): Promise<unknown>;
}

/** The body of an answer's 2xx statuses, as the route declares it (refusals are read from the error shape). */
type SuccessBody<R> = R extends { ok: true; json(): Promise<infer T> } ? T : never;

/** The fetch the typed client sends with: headers as a plain object, as the console's fetch (and its tests) read them. */
function withPlainHeaders(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
	return (input, init) => fetch(input, init?.headers instanceof Headers ? { ...init, headers: Object.fromEntries(init.headers.entries()) } : init);
}

export class ConsoleApi {
	#options: ConsoleApiOptions;
	#api: ApiClient['api'];

	constructor(options: ConsoleApiOptions) {
		this.#options = options;
		this.#api = apiClient({ fetch: withPlainHeaders(options.fetch), headers: () => this.#headers() }).api;
	}

	#headers(): Record<string, string> {
		const token = this.#options.token();
		return token ? { accept: 'application/json', authorization: `Bearer ${token}` } : { accept: 'application/json' };
	}

	/** Sends one call; a refusal, no network or an unreadable answer is a ConsoleApiError in words. */
	async #call<R extends Answer>(send: () => Promise<R>): Promise<SuccessBody<R>> {
		const messages = this.#options.messages?.() ?? DEFAULT_MESSAGES;
		let response: R;
		try {
			response = await send();
		} catch {
			throw new ConsoleApiError(0, 'network', messages.network);
		}
		let payload: unknown = null;
		try {
			payload = await response.json();
		} catch {
			payload = null;
		}
		if (!response.ok) {
			if (response.status === 401) this.#options.onUnauthorized?.();
			const error = (payload as { error?: { code?: unknown } } | null)?.error;
			const words = refusalWords(error);
			throw new ConsoleApiError(
				response.status,
				typeof error?.code === 'string' ? error.code : 'http_error',
				words.message || messages.server(response.status),
				words.fields
			);
		}
		if (payload === null) throw new ConsoleApiError(response.status, 'invalid_response', messages.server(response.status));
		return payload as SuccessBody<R>;
	}

	board(filters: BoardFilters): Promise<BoardPage> {
		return this.#call(() => this.#api.requests.$get({ query: Object.fromEntries(boardApiQuery(filters)) }));
	}

	async crews(): Promise<Crew[]> {
		return (await this.#call(() => this.#api.crews.$get())).crews;
	}

	intake(body: IntakeRequest) {
		return this.#call(() => this.#api.requests.$post({ json: body }));
	}

	detail(id: string): Promise<RequestDetail> {
		return this.#call(() => this.#api.requests[':id'].$get({ param: { id: pathParam(id) } }));
	}

	dispatch(id: string, body: { crewId: string; scheduledAt: string }) {
		return this.#call(() => this.#api.requests[':id'].dispatch.$post({ param: { id: pathParam(id) }, json: body }));
	}

	reassign(jobId: string, crewId: string) {
		return this.#call(() => this.#api.jobs[':id'].reassign.$post({ param: { id: pathParam(jobId) }, json: { crewId } }));
	}

	pay(id: string, body: { amount: number; receiptNo: string }): Promise<PaymentOutcomeResponse> {
		return this.#call(() => this.#api.requests[':id'].payments.$post({ param: { id: pathParam(id) }, json: body }));
	}

	remoteSigning(id: string) {
		return this.#call(() => this.#api.requests[':id']['remote-signing'].$post({ param: { id: pathParam(id) } }));
	}

	countersign(id: string) {
		return this.#call(() => this.#api.requests[':id'].countersign.$post({ param: { id: pathParam(id) } }));
	}

	kpis(): Promise<Kpis> {
		return this.#call(() => this.#api.kpis.$get());
	}

	/**
	 * Demo mode only (404 otherwise): the SMS and emails of the supervisor's unit, as the customers got them.
	 * (server/routes/dev.ts registers its route outside the typed chain, so this one call names its path itself.)
	 */
	async outbox(): Promise<OutboxMessage[]> {
		const answer = (): Promise<{ ok: true; status: number; json(): Promise<{ messages: OutboxMessage[] }> }> =>
			this.#options.fetch('/api/dev/outbox', { headers: this.#headers() }) as never;
		return (await this.#call(answer)).messages;
	}

	/** "Tin đã gửi": the unit's customer messages with their delivery (one request's with requestId). */
	async sentNotices(requestId?: string): Promise<OutboxMessage[]> {
		const path = requestId === undefined ? '/api/notices' : `/api/notices?requestId=${encodeURIComponent(requestId)}`;
		const answer = (): Promise<{ ok: true; status: number; json(): Promise<{ notices: OutboxMessage[] }> }> =>
			this.#options.fetch(path, { headers: this.#headers() }) as never;
		return (await this.#call(answer)).notices;
	}

	/** One step of the request's own process (paperwork, answers, a meter check from a complaint, a fix, closing). */
	step(id: string, body: StepBody) {
		return this.#call(() => this.#api.requests[':id'].steps.$post({ param: { id: pathParam(id) }, json: body }));
	}

	/** Moves a crew's visit to another time (the customer is told by the server). */
	reschedule(jobId: string, scheduledAt: string) {
		return this.#call(() => this.#api.jobs[':id'].reschedule.$post({ param: { id: pathParam(jobId) }, json: { scheduledAt } }));
	}

	/** Cancels a request with the supervisor's reason. */
	cancel(id: string, reason: string) {
		return this.#call(() => this.#api.requests[':id'].cancel.$post({ param: { id: pathParam(id) }, json: { reason } }));
	}

	/** The work kept from crews a request's job was taken from. */
	async handovers(id: string) {
		return (await this.#call(() => this.#api.requests[':id'].handovers.$get({ param: { id: pathParam(id) } }))).handovers;
	}

	acceptHandover(id: string) {
		return this.#call(() => this.#api.handovers[':id'].accept.$post({ param: { id: pathParam(id) } }));
	}

	passHandover(id: string) {
		return this.#call(() => this.#api.handovers[':id'].pass.$post({ param: { id: pathParam(id) } }));
	}

	/** The price list in force today, the VAT rate, and what changes later with its date (read-only for supervisors). */
	priceList() {
		return this.#call(() => this.#api.materials.$get());
	}
}
