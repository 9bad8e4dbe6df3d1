import { PULL_PAGE_DEFAULT, type HistoryEntry, type JobView, type PullResponse } from '../../src/lib/domain/api';
import type { Db } from '../db/database';
import { stableChangeCursor } from '../db/changes';
import { findDevice, latestFieldWork } from '../db/commands';
import { latestContracts } from '../db/contracts';
import { latestFixReports, listHistory, listRemovedJobIds } from '../db/jobs';
import { listCrewJobPage, listExpiredJobIds } from '../db/pull-pages';
import { passedHandoversOf } from '../db/handovers';
import { meterCheckRecords, meterViews } from './meter-checks';
import { estimateRecordOf, installationRecordOf, surveyRecordOf } from './field-records';
import { m } from '../../src/lib/paraglide/messages.js';

export const DEFAULT_SYNC_RETENTION_DAYS = 14;
const DAY_MS = 86_400_000;

export interface PullParams {
	crewId: string;
	userId: string;
	/** The cursor the tablet sent back (validated by PULL_CURSOR); absent: a full pass from the start. */
	cursor?: string;
	/** Jobs in this page (1–PULL_PAGE_MAX). */
	limit?: number;
	/** The tablet's device id: the answer then says the last command seq applied for it. */
	deviceId?: string;
	/** Closed jobs stay on the tablet this many days (SYNC_RETENTION_DAYS). */
	retentionDays?: number;
}

/**
 * Where a tablet is in its pulls (docs/sync-protocol.md, "The cursor"). A *pass* delivers, page by page in job id
 * order, every job of the crew inside the retention window whose job or request changed after `since`; it ends with
 * the removals and the drops, and the next pass starts from `upTo`, the change number stable when the pass began.
 */
export interface PullPosition {
	since: number;
	/** Only inside a pass: the stable change number read by its first page, and the last job id delivered. */
	pass?: { upTo: number; after: string };
	/** Jobs closed before this moment (epoch ms) are outside the pass's window; inside a pass it is fixed. */
	window?: number;
	/** The window of the previous pass (epoch ms): jobs closed between it and `window` left the tablet's window. */
	previousWindow: number | null;
}

/** Reads a cursor already checked against PULL_CURSOR. A bare number is an older tablet's: every closed job before the window is dropped. */
export function decodeCursor(cursor: string | undefined): PullPosition {
	if (cursor === undefined) return { since: 0, previousWindow: null };
	if (/^\d+$/.test(cursor)) return { since: Number(cursor), previousWindow: 0 };
	const parts = cursor.split('.');
	if (parts[0] === 's') return { since: Number(parts[1]), previousWindow: Number(parts[2]) };
	const [, since, upTo, window, previousWindow, after] = parts;
	return { since: Number(since), pass: { upTo: Number(upTo), after: Buffer.from(after!, 'base64url').toString('utf8') }, window: Number(window), previousWindow: Number(previousWindow) };
}

export function encodeCursor(p: { since: number; window: number; pass?: { upTo: number; after: string }; previousWindow: number }): string {
	if (!p.pass) return `s.${p.since}.${p.window}`;
	return `p.${p.since}.${p.pass.upTo}.${p.window}.${p.previousWindow}.${Buffer.from(p.pass.after, 'utf8').toString('base64url')}`;
}

/**
 * One page of a crew's pull, read in one transaction: its jobs with their requests, history, survey and estimate;
 * on the last page of a pass, the jobs to remove (taken away) and to drop (closed before the retention window).
 */
export async function pullForCrew(db: Db, params: PullParams, now: Date): Promise<PullResponse> {
	const { crewId } = params;
	const limit = params.limit ?? PULL_PAGE_DEFAULT;
	const retentionMs = (params.retentionDays ?? DEFAULT_SYNC_RETENTION_DAYS) * DAY_MS;
	const position = decodeCursor(params.cursor);
	return db.transaction(async (tx) => {
		const stable = await stableChangeCursor(tx);
		let { since } = position;
		let upTo: number;
		let after: string | null;
		let window: number;
		// null: a full pass (nothing to drop, the tablet holds nothing older); else the previous pass's window
		let previousWindow: number | null = position.previousWindow;
		const restored = since > stable || (position.pass !== undefined && (position.pass.upTo > stable || position.pass.upTo < since));
		if (restored) {
			// A cursor from the future means the server was restored from a backup: resend everything.
			since = 0;
			previousWindow = null;
		}
		if (position.pass && !restored) {
			({ upTo, after } = position.pass);
			window = position.window!;
		} else {
			upTo = stable;
			after = null;
			window = now.getTime() - retentionMs;
		}
		const found = await listCrewJobPage(tx, { crewId, since, after, windowFrom: new Date(window), limit: limit + 1 });
		const more = found.length > limit;
		const rows = more ? found.slice(0, limit) : found;
		const previous = previousWindow === null ? window : Math.min(previousWindow, window);
		const cursor = more
			? encodeCursor({ since, window, previousWindow: previous, pass: { upTo, after: rows[rows.length - 1]!.job.id } })
			: encodeCursor({ since: upTo, window, previousWindow: previous });
		const removedJobIds = more ? [] : await listRemovedJobIds(tx, crewId, since);
		const droppedJobIds = more || previous >= window ? [] : await listExpiredJobIds(tx, { crewId, since, from: new Date(previous), to: new Date(window) });
		const requestIds = [...new Set(rows.map((r) => r.request.id))];
		const history = await listHistory(tx, requestIds);
		const fieldWork = await latestFieldWork(tx, requestIds);
		// rows come oldest first, so the last one written per request wins
		const surveyByRequest = new Map(fieldWork.surveys.map((s) => [s.requestId, surveyRecordOf(s)]));
		const estimateByRequest = new Map(fieldWork.estimates.map((e) => [e.requestId, estimateRecordOf(e)]));
		const installationByRequest = new Map(fieldWork.installations.map((r) => [r.requestId, installationRecordOf(r)]));
		const contractByRequest = new Map(
			(await latestContracts(tx, requestIds)).map((c) => [c.requestId, { version: c.version, sha256: c.sha256, body: c.body, draftedAt: c.draftedAt.toISOString() }])
		);
		const meterByRequest = new Map(rows.filter((r) => r.request.meterSerial).map((r) => [r.request.id, r.request.meterSerial!]));
		const meters = await meterViews(tx, [...new Set(meterByRequest.values())]);
		const checks = await meterCheckRecords(tx, [...meterByRequest.keys()]);
		const repairRequestIds = [...new Set(rows.filter((r) => r.job.kind === 'repair').map((r) => r.request.id))];
		const fixReports = await latestFixReports(tx, repairRequestIds);
		const device = params.deviceId ? await findDevice(tx, params.deviceId) : undefined;
		const lastSeq = device && device.userId === params.userId ? Number(device.lastSeq) : 0;
		// work a previous crew did on these jobs, passed to this crew by the supervisor (the latest one per job)
		const handoverByJob = new Map((await passedHandoversOf(tx, rows.map((r) => r.job.id), crewId)).map((h) => [h.handover.jobId, h]));
		const historyByRequest = new Map<string, HistoryEntry[]>();
		for (const h of history) {
			const list = historyByRequest.get(h.requestId) ?? [];
			list.push({
				at: h.at.toISOString(),
				transition: h.transition,
				fromState: h.fromState,
				toState: h.toState,
				actorRole: h.actorRole,
				actorName: h.actorName ?? m.common_role_system({}, { locale: 'vi' })
			});
			historyByRequest.set(h.requestId, list);
		}
		const jobs: JobView[] = rows.map(({ job, request, customer }) => ({
			id: job.id,
			kind: job.kind,
			status: job.status,
			crewId: job.crewId,
			scheduledAt: job.scheduledAt.toISOString(),
			notes: job.notes,
			request: {
				id: request.id,
				code: request.code,
				serviceNumber: request.serviceNumber,
				state: request.state,
				version: request.version,
				installed: request.installed,
				customer: { name: customer.fullName, phone: customer.phone, email: customer.email },
				address: request.address,
				location: request.lat != null && request.lng != null ? { lat: request.lat, lng: request.lng } : null,
				receivedAt: request.receivedAt.toISOString(),
				deadline: request.deadline?.toISOString() ?? null,
				history: historyByRequest.get(request.id) ?? [],
				survey: surveyByRequest.get(request.id) ?? null,
				estimate: estimateByRequest.get(request.id) ?? null,
				contract: contractByRequest.get(request.id) ?? null,
				installation: installationByRequest.get(request.id) ?? null,
				meter: request.meterSerial ? (meters.get(request.meterSerial) ?? null) : null,
				meterCheck: checks.get(request.id) ?? null,
				fixReport: fixReportOf(fixReports.get(request.id))
			},
			...(handoverByJob.has(job.id) ? { handover: handoverOf(handoverByJob.get(job.id)!) } : {})
		}));
		return { cursor, more, serverTime: now.toISOString(), jobs, removedJobIds, droppedJobIds, lastSeq };
	});
}

function fixReportOf(found: { report: string; at: Date } | undefined) {
	return found ? { report: found.report, at: found.at.toISOString() } : null;
}

function handoverOf({ handover: h, fromCrewName }: Awaited<ReturnType<typeof passedHandoversOf>>[number]) {
	return { id: h.id, name: h.name, payload: h.payload, fromCrew: fromCrewName, doneAt: (h.deviceTime ?? h.receivedAt).toISOString() };
}
