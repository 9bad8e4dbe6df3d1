// Everything recorded about one request, for the supervisor's detail view.
import { getService } from '../../src/lib/domain/catalog';
import type { Db } from '../db/database';
import { latestFieldWork } from '../db/commands';
import { listContractVersions } from '../db/contracts';
import { listNotifications } from '../db/notifications';
import { auditTrail, crewNamesByIds, requestDocumentsOf, requestJobs, requestPayments, requestSignatures, requestWithCustomer } from '../db/request-detail';
import { inScope, requestNotFound, type UnitScope } from './access';
import { estimateRecordOf, installationRecordOf, surveyRecordOf } from './field-records';
import { meterCheckRecords, meterViews } from './meter-checks';
import { amountOwed, amountRefundable } from './balance';
import { m } from '../../src/lib/paraglide/messages.js';

export async function requestDetail(db: Db, requestId: string, unitId: UnitScope) {
	const row = await requestWithCustomer(db, requestId);
	if (!row || !inScope(unitId, row.request.unitId)) throw requestNotFound();
	const { request, customer } = row;
	const timeline = await auditTrail(db, requestId);
	const crewNames = await crewNamesByIds(db, [...new Set(timeline.flatMap((t) => crewIdsOf(t.detail)))]);
	const jobRows = await requestJobs(db, requestId);
	const fieldWork = await latestFieldWork(db, [requestId]);
	const contractRows = await listContractVersions(db, requestId);
	const signatureRows = await requestSignatures(db, requestId);
	const paymentRows = await requestPayments(db, requestId);
	const notices = await listNotifications(db, { requestId, limit: 100 });
	const documents = await requestDocumentsOf(db, requestId);
	const meter = request.meterSerial ? ((await meterViews(db, [request.meterSerial])).get(request.meterSerial) ?? null) : null;
	const meterCheck = request.meterSerial ? ((await meterCheckRecords(db, [requestId])).get(requestId) ?? null) : null;
	return {
		id: request.id,
		code: request.code,
		service: { number: request.serviceNumber, name: getService(request.serviceNumber).name },
		state: request.state,
		version: request.version,
		installed: request.installed,
		customer: { name: customer.fullName, phone: customer.phone, email: customer.email, address: customer.address },
		address: request.address,
		location: request.lat != null && request.lng != null ? { lat: request.lat, lng: request.lng } : null,
		receivedAt: request.receivedAt.toISOString(),
		deadline: request.deadline?.toISOString() ?? null,
		timeline: timeline.map((t) => ({
			at: t.at.toISOString(),
			transition: t.transition,
			fromState: t.fromState,
			toState: t.toState,
			actorRole: t.actorRole,
			actorName: t.actorName ?? (t.actorRole === 'customer' ? m.common_customer({}, { locale: 'vi' }) : m.common_role_system({}, { locale: 'vi' })),
			deviceId: t.deviceId,
			location: t.lat != null && t.lng != null ? { lat: t.lat, lng: t.lng } : null,
			detail: withCrewNames(t.detail, crewNames)
		})),
		jobs: jobRows.map(({ job, crewName }) => ({ id: job.id, kind: job.kind, status: job.status, crew: { id: job.crewId, name: crewName }, scheduledAt: job.scheduledAt.toISOString() })),
		surveys: fieldWork.surveys.map(surveyRecordOf),
		estimates: fieldWork.estimates.map(estimateRecordOf),
		installations: fieldWork.installations.map(installationRecordOf),
		/** What the customer still owes (an addendum's extra before completion) and what the utility owes back, in VND. */
		balance: { owed: await amountOwed(db, requestId), refundable: await amountRefundable(db, requestId) },
		payments: paymentRows.map((p) => ({ method: p.method, provider: p.provider, transactionId: p.providerTxnId, amount: Number(p.amount), receivedAt: p.receivedAt.toISOString() })),
		contracts: contractRows.map((c) => ({ version: c.version, sha256: c.sha256, body: c.body, draftedAt: c.draftedAt.toISOString(), correctionNote: c.correctionNote })),
		signatures: signatureRows.map((s) => ({
			party: s.party,
			channel: s.channel,
			signerName: s.signerName,
			contractSha256: s.contractSha256,
			imagePng: s.imagePng,
			deviceTime: s.deviceTime?.toISOString() ?? null,
			serverTime: s.serverTime.toISOString(),
			location: s.lat != null && s.lng != null ? { lat: s.lat, lng: s.lng } : null
		})),
		documents,
		meter,
		meterCheck,
		notifications: notices.map((n) => ({
			kind: n.kind,
			channel: n.channel,
			recipient: n.recipient,
			status: n.status,
			createdAt: n.createdAt.toISOString(),
			sentAt: n.sentAt?.toISOString() ?? null,
			// the delivery in words on the console (NotificationsSection): tries, why it failed, when it reached the phone
			attempts: n.attempts,
			failure: n.lastError,
			deliveredAt: n.deliveredAt?.toISOString() ?? null,
			fallback: n.fallbackOf !== null,
			nextAttemptAt: n.status === 'queued' ? n.nextAttemptAt.toISOString() : null
		}))
	};
}

/** The crew ids an audit detail names (dispatch: crewId; a move: fromCrewId, toCrewId). */
const CREW_KEYS = [
	['crewId', 'crewName'],
	['fromCrewId', 'fromCrewName'],
	['toCrewId', 'toCrewName']
] as const;

function crewIdsOf(detail: unknown): string[] {
	if (typeof detail !== 'object' || detail === null) return [];
	const record = detail as Record<string, unknown>;
	return CREW_KEYS.flatMap(([key]) => (typeof record[key] === 'string' ? [record[key] as string] : []));
}

/** The detail with each crew's name beside its id, so the history says "Tổ Hoàn Kiếm 1", not "doi1". */
function withCrewNames<D>(detail: D, names: Map<string, string>): D {
	if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return detail;
	const record = detail as Record<string, unknown>;
	const named: Record<string, unknown> = { ...record };
	for (const [key, nameKey] of CREW_KEYS) {
		const id = record[key];
		if (typeof id === 'string' && names.has(id) && typeof record[nameKey] !== 'string') named[nameKey] = names.get(id);
	}
	return named as D;
}
