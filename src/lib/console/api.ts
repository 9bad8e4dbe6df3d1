// The console's HTTP client: bearer token, JSON, and the server's `{ error: { code, message, fields } }` as a typed error.
// The shapes come from the API contract (src/lib/api): the schemas the server's routes declare and the document lists.
import type { z } from 'zod';
import type { BoardPage } from '$lib/domain/board';
import type { Crew, PaymentOutcomeResponse, PublicConfig } from '$lib/api/common';
import type { countersigned, dispatched, intakeCreated, Kpis, reassigned, remoteSigningSent, RequestDetail } from '$lib/api/console';
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

export class ConsoleApi {
	#options: ConsoleApiOptions;

	constructor(options: ConsoleApiOptions) {
		this.#options = options;
	}

	async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const messages = this.#options.messages?.() ?? DEFAULT_MESSAGES;
		const headers: Record<string, string> = { accept: 'application/json' };
		const token = this.#options.token();
		if (token) headers.authorization = `Bearer ${token}`;
		if (body !== undefined) headers['content-type'] = 'application/json';
		let response: Response;
		try {
			response = await this.#options.fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
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
			const error = (payload as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
			const fields = error?.fields && typeof error.fields === 'object' ? (error.fields as Record<string, string>) : {};
			throw new ConsoleApiError(
				response.status,
				typeof error?.code === 'string' ? error.code : 'http_error',
				typeof error?.message === 'string' && error.message ? error.message : messages.server(response.status),
				fields
			);
		}
		if (payload === null) throw new ConsoleApiError(response.status, 'invalid_response', messages.server(response.status));
		return payload as T;
	}

	board(filters: BoardFilters): Promise<BoardPage> {
		return this.#call('GET', `/api/requests?${boardApiQuery(filters)}`);
	}

	async crews(): Promise<Crew[]> {
		return (await this.#call<{ crews: Crew[] }>('GET', '/api/crews')).crews;
	}

	intake(body: IntakeRequest): Promise<z.infer<typeof intakeCreated>> {
		return this.#call('POST', '/api/requests', body);
	}

	detail(id: string): Promise<RequestDetail> {
		return this.#call('GET', `/api/requests/${encodeURIComponent(id)}`);
	}

	dispatch(id: string, body: { crewId: string; scheduledAt: string }): Promise<z.infer<typeof dispatched>> {
		return this.#call('POST', `/api/requests/${encodeURIComponent(id)}/dispatch`, body);
	}

	reassign(jobId: string, crewId: string): Promise<z.infer<typeof reassigned>> {
		return this.#call('POST', `/api/jobs/${encodeURIComponent(jobId)}/reassign`, { crewId });
	}

	pay(id: string, body: { amount: number; receiptNo: string }): Promise<PaymentOutcomeResponse> {
		return this.#call('POST', `/api/requests/${encodeURIComponent(id)}/payments`, body);
	}

	remoteSigning(id: string): Promise<z.infer<typeof remoteSigningSent>> {
		return this.#call('POST', `/api/requests/${encodeURIComponent(id)}/remote-signing`, {});
	}

	countersign(id: string): Promise<z.infer<typeof countersigned>> {
		return this.#call('POST', `/api/requests/${encodeURIComponent(id)}/countersign`, {});
	}

	kpis(): Promise<Kpis> {
		return this.#call('GET', '/api/kpis');
	}

	/** Demo mode only (404 otherwise): the SMS and emails of the supervisor's unit, as the customers got them. */
	async outbox(): Promise<OutboxMessage[]> {
		return (await this.#call<{ messages: OutboxMessage[] }>('GET', '/api/dev/outbox')).messages;
	}

	/** Whether the server runs with demo data (GET /api/config); false when it cannot be asked. */
	async demoMode(): Promise<boolean> {
		try {
			return (await this.#call<Partial<PublicConfig>>('GET', '/api/config')).demoMode === true;
		} catch {
			return false;
		}
	}
}
