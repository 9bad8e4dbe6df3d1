// The console's HTTP client: bearer token, JSON, and the server's `{ error: { code, message, fields } }` as a typed error.
import type { BoardPage } from '$lib/domain/board';
import type { EstimateRecord, MeterCheckRecord, MeterView, SurveyRecord } from '$lib/domain/api';
import type { MaterialDifference } from '$lib/domain/estimate';
import type { RequestState } from '$lib/domain/workflow';
import { boardApiQuery, type BoardFilters } from './filters';
import type { IntakeRequest } from './intake';
import type { OutboxMessage } from './outbox';

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

export interface Crew {
	id: string;
	name: string;
	unitId: string;
}

export interface Located {
	lat: number;
	lng: number;
}

export interface RequestDetail {
	id: string;
	code: string;
	service: { number: number; name: string };
	state: RequestState;
	version: number;
	installed: boolean;
	customer: { name: string; phone: string; email: string | null; address: string };
	address: string;
	location: Located | null;
	receivedAt: string;
	deadline: string | null;
	timeline: Array<{
		at: string;
		transition: string;
		fromState: RequestState | null;
		toState: RequestState;
		actorRole: string;
		actorName: string;
		deviceId: string | null;
		location: Located | null;
		detail: unknown;
	}>;
	jobs: Array<{ id: string; kind: 'survey' | 'installation' | 'meter_check'; status: 'assigned' | 'done' | 'cancelled'; crew: { id: string; name: string }; scheduledAt: string }>;
	surveys: SurveyRecord[];
	estimates: EstimateRecord[];
	/** Not sent by every server version: the installation record with its differences from the estimate. */
	installation?: { differences: MaterialDifference[] } | null;
	installations?: Array<{ differences: MaterialDifference[]; meterPhoto?: string | null; beforePhotos?: string[]; afterPhotos?: string[] }>;
	/** Files attached at intake (photos, PDF); not sent by older servers. */
	documents?: Array<{ sha256: string; mime: string; size: number }>;
	payments: Array<{ method: string; provider: string; transactionId: string; amount: number; receivedAt: string }>;
	contracts: Array<{ version: number; sha256: string; body: string; draftedAt: string; correctionNote: string | null }>;
	signatures: Array<{
		party: string;
		channel: string;
		signerName: string;
		contractSha256: string;
		imagePng: string | null;
		deviceTime: string | null;
		serverTime: string;
		location: Located | null;
	}>;
	notifications: Array<{ kind: string; channel: string; recipient: string; status: string; createdAt: string; sentAt: string | null }>;
	/** Meter checks (services 41, 42): the meter checked, with its recent readings; null or absent for other services. */
	meter?: MeterView | null;
	/** The meter check the server accepted; null until the crew records it. */
	meterCheck?: MeterCheckRecord | null;
}

export interface Kpis {
	byState: Array<{ state: string; count: number }>;
	onTimeByGroup: Array<{ group: number; completed: number; onTime: number; rate: number | null }>;
	overdueByCrew: Array<{ crewId: string; crewName: string; overdue: number }>;
	stepMedians: Array<{ transition: string; medianSeconds: number; count: number }>;
	windowDays: number;
	serverTime: string;
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

	intake(body: IntakeRequest): Promise<{ id: string; code: string; deadline: string | null }> {
		return this.#call('POST', '/api/requests', body);
	}

	detail(id: string): Promise<RequestDetail> {
		return this.#call('GET', `/api/requests/${encodeURIComponent(id)}`);
	}

	dispatch(id: string, body: { crewId: string; scheduledAt: string }): Promise<{ jobId: string; crewId: string; scheduledAt: string }> {
		return this.#call('POST', `/api/requests/${encodeURIComponent(id)}/dispatch`, body);
	}

	reassign(jobId: string, crewId: string): Promise<{ jobId: string; crewId: string }> {
		return this.#call('POST', `/api/jobs/${encodeURIComponent(jobId)}/reassign`, { crewId });
	}

	pay(id: string, body: { amount: number; receiptNo: string }): Promise<{ ok: true; duplicate: boolean; contractVersion: number | null }> {
		return this.#call('POST', `/api/requests/${encodeURIComponent(id)}/payments`, body);
	}

	remoteSigning(id: string): Promise<{ ok: true; sent: boolean }> {
		return this.#call('POST', `/api/requests/${encodeURIComponent(id)}/remote-signing`, {});
	}

	countersign(id: string): Promise<{ ok: true; state: string }> {
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
			return (await this.#call<{ demoMode?: unknown }>('GET', '/api/config')).demoMode === true;
		} catch {
			return false;
		}
	}
}
