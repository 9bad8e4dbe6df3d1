import type { HistoryEntry, JobView, PullResponse } from '../../src/lib/domain/api';
import type { Db } from '../db/database';
import { stableChangeCursor } from '../db/changes';
import { findDevice, latestFieldWork } from '../db/commands';
import { latestContracts } from '../db/contracts';
import { listCrewJobsChangedSince, listHistory, listRemovedJobIds } from '../db/jobs';
import { passedHandoversOf } from '../db/handovers';
import { meterCheckRecords, meterViews } from './meter-checks';
import { estimateRecordOf, installationRecordOf, surveyRecordOf } from './field-records';

export interface PullParams {
	crewId: string;
	userId: string;
	cursor: number;
	/** The tablet's device id: the answer then says the last command seq applied for it. */
	deviceId?: string;
}

/** A crew's jobs changed after `cursor`, their requests, history, survey and estimate, read in one transaction. */
export async function pullForCrew(db: Db, params: PullParams, now: Date): Promise<PullResponse> {
	let { cursor } = params;
	const { crewId } = params;
	return db.transaction(async (tx) => {
		const upTo = await stableChangeCursor(tx);
		// A cursor from the future means the server was restored from a backup: resend everything.
		if (cursor > upTo) cursor = 0;
		const rows = await listCrewJobsChangedSince(tx, crewId, cursor);
		const removedJobIds = await listRemovedJobIds(tx, crewId, cursor);
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
				actorName: h.actorName ?? 'Hệ thống'
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
				meterCheck: checks.get(request.id) ?? null
			},
			...(handoverByJob.has(job.id) ? { handover: handoverOf(handoverByJob.get(job.id)!) } : {})
		}));
		return { cursor: String(upTo), serverTime: now.toISOString(), jobs, removedJobIds, lastSeq };
	});
}

function handoverOf({ handover: h, fromCrewName }: Awaited<ReturnType<typeof passedHandoversOf>>[number]) {
	return { id: h.id, name: h.name, payload: h.payload, fromCrew: fromCrewName, doneAt: (h.deviceTime ?? h.receivedAt).toISOString() };
}
