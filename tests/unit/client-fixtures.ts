// Builders shared by the client unit tests (not a test file itself: vitest only runs *.test.ts).
import type { JobView, PullResponse } from '$lib/domain/api';
import { blobsOf, type CommandResult, type PushBody, type PushResponse } from '$lib/domain/commands';
import { MATERIALS } from '$lib/domain/materials';
import { applyTransition } from '$lib/domain/workflow';

export function makeJob(id: string, overrides: Partial<JobView> = {}): JobView {
	return {
		id,
		kind: 'survey',
		status: 'assigned',
		crewId: 'crew-1',
		scheduledAt: '2025-11-27T02:00:00.000Z',
		notes: null,
		request: {
			id: `req-${id}`,
			code: `YC-${id}`,
			serviceNumber: 1,
			state: 'survey_scheduled',
			version: 2,
			installed: false,
			customer: { name: `Khách hàng ${id}`, phone: '0905123456', email: null },
			address: '12 Lê Lợi, Huế',
			location: { lat: 16.4637, lng: 107.5909 },
			receivedAt: '2025-11-25T01:00:00.000Z',
			deadline: '2025-11-28T16:59:59.999Z',
			history: [],
			survey: null,
			estimate: null
		},
		...overrides
	};
}

export function pullBody(partial: Partial<PullResponse> = {}): PullResponse {
	return { cursor: '1', more: false, serverTime: '2025-11-27T02:41:00.000Z', jobs: [], removedJobIds: [], droppedJobIds: [], lastSeq: 0, ...partial };
}

export interface RecordedCall {
	url: string;
	init: RequestInit | undefined;
}

/** A fetch that answers from a queue of handlers and records what it was asked. */
export function fakeFetch(...handlers: Array<(url: string, init?: RequestInit) => Response | Promise<Response>>) {
	const calls: RecordedCall[] = [];
	const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const url = String(input);
		calls.push({ url, init });
		const handler = handlers.shift();
		if (!handler) throw new Error(`unexpected fetch ${url}`);
		return handler(url, init);
	}) as typeof globalThis.fetch;
	return { fetch, calls };
}

export function json(body: unknown, status = 200): Response {
	return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export const SHA_A = 'a'.repeat(64);
export const SHA_B = 'b'.repeat(64);
export const SHA_C = 'c'.repeat(64);

/** A survey payload that passes COMMAND_PAYLOADS.submitSurvey. */
export function surveyInput(overrides: Record<string, unknown> = {}) {
	return {
		customerPresent: true,
		siteCondition: 'good',
		distanceM: 25,
		phases: 1,
		expectedLoadKw: 5,
		route: 'overhead',
		obstacles: '',
		notes: 'Nhà cuối hẻm',
		location: { lat: 16.46, lng: 107.59, accuracyM: 8 },
		sitePhotos: [SHA_A],
		meterPhotos: [SHA_B],
		...overrides
	};
}

/** An estimate payload priced with the bundled list: 1 CB (165 000) + 10 m cable (455 000) = 620 000 + 10 % VAT. */
export function estimateInput(overrides: Record<string, unknown> = {}) {
	return {
		lines: [
			{ code: 'CB-BV-1P-40', quantity: 1 },
			{ code: 'CU-XLPE-2x6', quantity: 10 }
		],
		vatPercent: 10,
		expectedTotal: 682_000,
		notes: '',
		...overrides
	};
}

/** A stand-in photo row (the bytes do not matter to the client). */
export function photoOf(sha256: string, jobId = 'j1') {
	return {
		sha256,
		blob: new Blob([sha256], { type: 'image/jpeg' }),
		mime: 'image/jpeg' as const,
		size: 64,
		width: 1600,
		height: 1200,
		jobId,
		capturedAt: '2025-11-27T02:30:00.000Z'
	};
}

/** Numbered UUIDs, so commandIds are deterministic and valid. */
export function uuidSequence() {
	let n = 0;
	return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

export type FakeServerBackup = Pick<FakeServer, 'jobs' | 'changedAt' | 'changeSeq' | 'blobs' | 'lastSeq' | 'results' | 'commandSeqs'>;

type Handler = (url: string, init?: RequestInit) => Response | undefined | Promise<Response | undefined>;

/**
 * An in-memory server following docs/sync-protocol.md closely enough for the tablet's sync cycle: blobs,
 * push with per-device last seq, stored results answered again, rejections from the shared workflow, pull with
 * cursor and lastSeq. `intercept` handlers run first (return undefined to let the fake answer).
 */
export class FakeServer {
	jobs = new Map<string, JobView>();
	changedAt = new Map<string, number>();
	changeSeq = 0;
	blobs = new Set<string>();
	lastSeq = new Map<string, number>();
	results = new Map<string, Map<number, CommandResult>>();
	commandSeqs = new Map<string, number>();
	calls: Array<{ method: string; url: string; body?: unknown }> = [];
	intercept: Handler[] = [];
	/** Commits the next push, then fails like a dropped connection (the response is lost). */
	loseNextPushResponse = false;

	constructor(jobs: JobView[] = []) {
		for (const job of jobs) this.putJob(job);
	}

	/** What a backup of this server holds. */
	backup(): FakeServerBackup {
		const { jobs, changedAt, changeSeq, blobs, lastSeq, results, commandSeqs } = this;
		return structuredClone({ jobs, changedAt, changeSeq, blobs, lastSeq, results, commandSeqs });
	}

	/** Back to a backup: everything decided and uploaded since is gone. */
	restore(backup: FakeServerBackup): void {
		Object.assign(this, structuredClone(backup));
	}

	putJob(job: JobView): void {
		this.jobs.set(job.id, structuredClone(job));
		this.changedAt.set(job.id, ++this.changeSeq);
	}

	fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const url = String(input);
		const method = init?.method ?? 'GET';
		const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
		this.calls.push({ method, url, body });
		const intercepted = await this.intercept.shift()?.(url, init);
		if (intercepted) return intercepted;
		const path = new URL(url, 'http://tablet').pathname;
		const query = new URL(url, 'http://tablet').searchParams;
		const blob = /^\/api\/blobs\/([0-9a-f]{64})$/.exec(path);
		if (blob && method === 'PUT') {
			const existed = this.blobs.has(blob[1]);
			this.blobs.add(blob[1]);
			return json({ sha256: blob[1], size: 64, mime: 'image/jpeg' }, existed ? 200 : 201);
		}
		if (blob && method === 'HEAD') return new Response(null, { status: this.blobs.has(blob[1]) ? 200 : 404 });
		if (path === '/api/sync/push' && method === 'POST') {
			const answer = this.push(body as PushBody);
			if (this.loseNextPushResponse) {
				this.loseNextPushResponse = false;
				throw new TypeError('Failed to fetch');
			}
			return json(answer);
		}
		if (path === '/api/sync/pull') {
			// A cursor from the future (a restored server) counts as none, as on the real server.
			const asked = Number(query.get('cursor') ?? 0);
			const cursor = asked > this.changeSeq ? 0 : asked;
			const deviceId = query.get('deviceId');
			const jobs = [...this.jobs.values()].filter((j) => (this.changedAt.get(j.id) ?? 0) > cursor);
			return json({
				cursor: String(this.changeSeq),
				serverTime: '2025-11-27T03:00:00.000Z',
				jobs,
				removedJobIds: [],
				lastSeq: deviceId ? (this.lastSeq.get(deviceId) ?? 0) : 0
			});
		}
		if (path === '/api/materials') return json({ materials: MATERIALS });
		throw new Error(`FakeServer: unexpected ${method} ${url}`);
	}) as typeof globalThis.fetch;

	push(body: PushBody): PushResponse {
		const results: CommandResult[] = [];
		const stored = this.results.get(body.deviceId) ?? new Map<number, CommandResult>();
		this.results.set(body.deviceId, stored);
		for (const [i, command] of body.commands.entries()) {
			const last = this.lastSeq.get(body.deviceId) ?? 0;
			if (command.seq <= last) {
				results.push({ ...stored.get(command.seq)!, replayed: true });
				continue;
			}
			if (command.seq > last + 1) {
				for (const later of body.commands.slice(i)) results.push({ commandId: later.commandId, seq: later.seq, status: 'out_of_order', replayed: false, code: 'seq_gap' });
				break;
			}
			const missing = blobsOf(command.name, command.payload).filter((sha) => !this.blobs.has(sha));
			if (missing.length > 0) {
				results.push({ commandId: command.commandId, seq: command.seq, status: 'retry', replayed: false, code: 'blob_missing', fields: Object.fromEntries(missing.map((m) => [m, 'missing'])) });
				break;
			}
			const result = this.decide(command);
			stored.set(command.seq, result);
			this.lastSeq.set(body.deviceId, command.seq);
			results.push(result);
		}
		return { lastSeq: this.lastSeq.get(body.deviceId) ?? 0, results };
	}

	decide(command: PushBody['commands'][number]): CommandResult {
		const base = { commandId: command.commandId, seq: command.seq, replayed: false };
		const usedOn = this.commandSeqs.get(command.commandId);
		if (usedOn !== undefined && usedOn !== command.seq) {
			return { ...base, status: 'rejected', code: 'duplicate_command', reason: { vi: 'Mã thao tác đã được dùng', en: 'Command id already used' } };
		}
		this.commandSeqs.set(command.commandId, command.seq);
		const job = this.jobs.get(command.jobId);
		if (!job) return { ...base, status: 'rejected', code: 'job_not_found', reason: { vi: 'Không tìm thấy công việc', en: 'Job not found' } };
		const result = applyTransition(job.request, command.name, 'crew', { baseVersion: command.baseVersion });
		if (!result.ok) return { ...base, status: 'rejected', code: result.code, reason: result.reason };
		const request = { ...job.request, state: result.request.state, version: result.request.version };
		this.putJob({ ...job, status: command.name === 'submitEstimate' ? 'done' : job.status, request });
		return { ...base, status: 'applied', request: { id: request.id, state: request.state, version: request.version } };
	}
}
