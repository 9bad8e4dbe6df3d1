// Everything recorded about one request, for the supervisor's detail view.
import { asc, desc, eq } from 'drizzle-orm';
import { getService } from '../../src/lib/domain/catalog';
import type { Db } from '../db/database';
import { latestFieldWork } from '../db/commands';
import { listContractVersions } from '../db/contracts';
import { listNotifications } from '../db/notifications';
import { auditLog, blobs, crews, customers, jobs, payments, requestDocuments, requests, signatures, users } from '../db/schema';
import { inScope, requestNotFound, type UnitScope } from './access';
import { estimateRecordOf, installationRecordOf, surveyRecordOf } from './field-records';
import { meterCheckRecords, meterViews } from './meter-checks';

export async function requestDetail(db: Db, requestId: string, unitId: UnitScope) {
	const [row] = await db.select({ request: requests, customer: customers }).from(requests).innerJoin(customers, eq(customers.id, requests.customerId)).where(eq(requests.id, requestId));
	if (!row || !inScope(unitId, row.request.unitId)) throw requestNotFound();
	const { request, customer } = row;
	const timeline = await db
		.select({ at: auditLog.at, transition: auditLog.transition, fromState: auditLog.fromState, toState: auditLog.toState, actorRole: auditLog.actorRole, actorName: users.fullName, deviceId: auditLog.deviceId, lat: auditLog.lat, lng: auditLog.lng, detail: auditLog.detail })
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorUserId))
		.where(eq(auditLog.requestId, requestId))
		.orderBy(asc(auditLog.id));
	const jobRows = await db.select({ job: jobs, crewName: crews.name }).from(jobs).innerJoin(crews, eq(crews.id, jobs.crewId)).where(eq(jobs.requestId, requestId)).orderBy(asc(jobs.scheduledAt));
	const fieldWork = await latestFieldWork(db, [requestId]);
	const contractRows = await listContractVersions(db, requestId);
	const signatureRows = await db.select().from(signatures).where(eq(signatures.requestId, requestId)).orderBy(asc(signatures.serverTime));
	const paymentRows = await db.select().from(payments).where(eq(payments.requestId, requestId)).orderBy(desc(payments.receivedAt));
	const notices = await listNotifications(db, { requestId, limit: 100 });
	const documents = await db
		.select({ sha256: blobs.sha256, mime: blobs.mime, size: blobs.size })
		.from(requestDocuments)
		.innerJoin(blobs, eq(blobs.sha256, requestDocuments.sha256))
		.where(eq(requestDocuments.requestId, requestId))
		.orderBy(asc(requestDocuments.attachedAt), asc(requestDocuments.position));
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
			actorName: t.actorName ?? (t.actorRole === 'customer' ? 'Khách hàng' : 'Hệ thống'),
			deviceId: t.deviceId,
			location: t.lat != null && t.lng != null ? { lat: t.lat, lng: t.lng } : null,
			detail: t.detail
		})),
		jobs: jobRows.map(({ job, crewName }) => ({ id: job.id, kind: job.kind, status: job.status, crew: { id: job.crewId, name: crewName }, scheduledAt: job.scheduledAt.toISOString() })),
		surveys: fieldWork.surveys.map(surveyRecordOf),
		estimates: fieldWork.estimates.map(estimateRecordOf),
		installations: fieldWork.installations.map(installationRecordOf),
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
		notifications: notices.map((n) => ({ kind: n.kind, channel: n.channel, recipient: n.recipient, status: n.status, createdAt: n.createdAt.toISOString(), sentAt: n.sentAt?.toISOString() ?? null }))
	};
}
