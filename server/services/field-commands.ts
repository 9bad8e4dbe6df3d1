// The effect of each field command inside the push's transaction. Every refusal is decided before the command
// writes anything, so a refused command leaves no trace but its log entry; the one deliberate exception is the
// signing code (precheckFieldCommand), whose wrong attempt must count even though the command is refused.
import { desc, eq } from 'drizzle-orm';
import type { SessionUser } from '../../src/lib/domain/api';
import {
	SERVER_COMMAND_PAYLOADS,
	parseCommandPayload,
	type CommandEnvelope,
	type EstimatePayload,
	type InstallationPayload,
	type MeterCheckPayload,
	type RemoteSigningPayload,
	type ServerCommandName,
	type SignOnSitePayload,
	type SurveyPayload
} from '../../src/lib/domain/commands';
import { DEFAULT_HOLIDAYS } from '../../src/lib/domain/holidays';
import { materialDifferences, priceEstimate, type PricedLine } from '../../src/lib/domain/estimate';
import type { Label } from '../../src/lib/domain/workflow';
import type { Db } from '../db/database';
import { findJob, insertEstimate, setJobStatus, type JobRow } from '../db/commands';
import { insertSignature, latestContract } from '../db/contracts';
import type { crewPositions, surveys } from '../db/schema';
import type { RequestRow } from '../db/requests';
import { lockRequest } from '../db/requests';
import { crewPositions as crewPositionsTable, customers, estimates, installations, requests, surveys as surveysTable } from '../db/schema';
import { paymentNotice, queueNotice } from '../notify/outbox';
import type { Runtime } from './clock';
import { DEFAULT_CODE_POLICY, verifySigningCode, type CodePolicy } from './signing-codes';
import { completeIfReady, sendPortalLink, type SigningContext } from './signing';
import { checkHandoverReading, checkMeterCheck, insertCrewReading, precheckMeterCheck, recordMeterCheck, type CheckedMeterCheck } from './meter-checks';
import { transitionRequest } from './workflow';
import { photosNotOfCrew } from './blobs';
import type { HolidayCalendar } from '../../src/lib/domain/holidays';

export interface Rejection {
	ok: false;
	code: string;
	reason: Label;
	fields?: Record<string, string>;
}

export type CommandOutcome = { ok: true; request: { id: string; state: string; version: number } } | Rejection;

/** What applying field commands needs beyond the clock and ids; defaults serve tools that only push surveys. */
export type FieldContext = Runtime & Partial<{ holidays: HolidayCalendar; codePolicy: CodePolicy; publicUrl: string; abnormalReadingFactor: number }>;

export function signingContextOf(ctx: FieldContext): SigningContext {
	return {
		runtime: ctx,
		holidays: ctx.holidays ?? DEFAULT_HOLIDAYS,
		codePolicy: ctx.codePolicy ?? DEFAULT_CODE_POLICY,
		publicUrl: ctx.publicUrl ?? 'http://localhost:3000'
	};
}

const reject = (code: string, vi: string, en: string, fields?: Record<string, string>): Rejection => ({
	ok: false,
	code,
	reason: { vi, en },
	...(fields ? { fields } : {})
});

/** Which job kinds a command may be recorded on. */
const COMMAND_JOB_KINDS: Record<ServerCommandName, string[]> = {
	submitSurvey: ['survey'],
	submitEstimate: ['survey'],
	recordInstallation: ['installation'],
	signOnSite: ['installation'],
	requestRemoteSigning: ['installation'],
	recordMeterCheck: ['meter_check']
};

function isServerCommand(name: string): name is ServerCommandName {
	return Object.prototype.hasOwnProperty.call(SERVER_COMMAND_PAYLOADS, name);
}

/** What a push batch reads once for all its commands, and the rows it writes once at the end. */
export interface PushBatch {
	jobs: Map<string, JobRow>;
	/** Requests the batch locked up front; an entry is dropped once anything but the command's own transition may have changed it. */
	requests: Map<string, RequestRow>;
	positions: Array<typeof crewPositions.$inferInsert>;
	surveys: Array<typeof surveys.$inferInsert>;
}

type Checked = { ok: true; name: ServerCommandName; payload: unknown; job: JobRow } | Rejection;

async function checkCommand(tx: Db, user: SessionUser, command: CommandEnvelope, batch?: PushBatch): Promise<Checked> {
	if (!isServerCommand(command.name)) {
		return reject('unknown_command', `Lệnh "${command.name}" không được hỗ trợ`, `Unknown command "${command.name}"`);
	}
	const name = command.name;
	// the same check (and refusal) as the push's screening, for a command applied on its own
	const parsed = parseCommandPayload(name, command.payload);
	if (!parsed.ok) return { ok: false, ...parsed.refusal };
	const job = batch?.jobs.get(command.jobId) ?? (await findJob(tx, command.jobId));
	if (!job || job.requestId !== command.requestId) {
		return reject('job_not_found', 'Không tìm thấy công việc này trên máy chủ', 'Job not found');
	}
	if (job.crewId !== user.crewId) {
		return reject('job_reassigned', 'Công việc đã được giao cho tổ khác; kết quả của bạn không được ghi nhận', 'The job was reassigned to another crew');
	}
	if (job.status === 'cancelled') {
		return reject('job_cancelled', 'Công việc đã bị hủy', 'The job was cancelled');
	}
	if (!COMMAND_JOB_KINDS[name].includes(job.kind)) {
		return reject('wrong_job_kind', 'Lệnh này không áp dụng cho loại công việc này', 'Command does not apply to this job kind');
	}
	const notOwn = await photosNotOfCrew(tx, user, command);
	if (notOwn) return notOwn;
	return { ok: true, name, payload: parsed.data, job };
}

/** Reasons a signature made on the tablet is not accepted, after which the customer signs remotely instead. */
const SIGNING_FALLBACK_CODES = new Set(['wrong_code', 'expired_code', 'locked_code', 'no_code', 'contract_changed']);

/**
 * Runs before the command is applied. For signOnSite: checks the contract the customer read is the current one, then the
 * code (a wrong code counts as an attempt even though the command is refused). Null: nothing to say, go on.
 */
export async function precheckFieldCommand(tx: Db, ctx: FieldContext, user: SessionUser, command: CommandEnvelope, batch?: PushBatch): Promise<Rejection | null> {
	if (command.name !== 'signOnSite' && command.name !== 'recordMeterCheck') return null;
	const checked = await checkCommand(tx, user, command, batch);
	if (!checked.ok) return null; // applyFieldCommand gives the same refusal
	if (checked.name === 'recordMeterCheck') return precheckMeterCheck(tx, ctx, command, checked.job.id, checked.payload as MeterCheckPayload);
	const request = await lockRequest(tx, command.requestId);
	if (!request || request.state !== 'contract_drafted' || request.version !== command.baseVersion) return null;
	const payload = checked.payload as SignOnSitePayload;
	const contract = await latestContract(tx, command.requestId);
	if (!contract || contract.sha256 !== payload.contractSha256 || contract.version !== payload.contractVersion) {
		return reject(
			'contract_changed',
			'Hợp đồng đã có phiên bản mới sau khi khách hàng xem; chữ ký không được ghi nhận. Hợp đồng mới đã được gửi để khách hàng ký trực tuyến',
			'The contract changed after the customer read it; it was sent to the customer to sign online'
		);
	}
	const check = await verifySigningCode(tx, ctx, { subjectId: contract.id, purpose: 'on_site', code: payload.code, policy: signingContextOf(ctx).codePolicy });
	if (!check.ok) {
		return reject(check.code, `${check.reason.vi}. Hợp đồng đã được gửi để khách hàng ký trực tuyến`, `${check.reason.en}. The contract was sent to the customer to sign online`);
	}
	return null;
}

/** After a refused on-site signature the request falls back to remote signing (step 10). */
export async function afterRejection(tx: Db, ctx: FieldContext, command: CommandEnvelope, rejection: Rejection): Promise<void> {
	if (command.name !== 'signOnSite' || !SIGNING_FALLBACK_CODES.has(rejection.code)) return;
	const request = await lockRequest(tx, command.requestId);
	if (!request || request.state !== 'contract_drafted') return;
	const moved = await transitionRequest(tx, {
		requestId: command.requestId,
		name: 'requestRemoteSigning',
		actor: { userId: null, role: 'system' },
		at: ctx.clock(),
		detail: { after: rejection.code, commandId: command.commandId }
	});
	if (moved.ok) await sendPortalLink(tx, signingContextOf(ctx), command.requestId);
}

/**
 * Applies one command. Every refusal happens before the first write, so the push needs no savepoint per command;
 * an unexpected error after a write aborts the whole push transaction (the tablet retries the batch).
 */
export async function applyFieldCommand(
	tx: Db,
	ctx: FieldContext,
	user: SessionUser,
	deviceId: string,
	command: CommandEnvelope,
	batch?: PushBatch
): Promise<CommandOutcome> {
	if (!batch) {
		// on its own (not from a push batch): write what a batch would have written at its end
		const own: PushBatch = { jobs: new Map(), requests: new Map(), positions: [], surveys: [] };
		const outcome = await applyFieldCommand(tx, ctx, user, deviceId, command, own);
		if (own.positions.length) await tx.insert(crewPositionsTable).values(own.positions);
		if (own.surveys.length) await tx.insert(surveysTable).values(own.surveys);
		return outcome;
	}
	const checked = await checkCommand(tx, user, command, batch);
	if (!checked.ok) return checked;
	const { name, job } = checked;

	const at = ctx.clock();
	let meterCheck: { request: RequestRow; checked: CheckedMeterCheck } | undefined;
	if (name === 'recordMeterCheck') {
		// the precheck ran these rules already; run again so a command applied on its own is held to them too
		const request = await lockRequest(tx, command.requestId);
		const checkedCheck = request ? await checkMeterCheck(tx, ctx, request, command, checked.payload as MeterCheckPayload) : undefined;
		if (checkedCheck && !checkedCheck.ok) return checkedCheck;
		if (request && checkedCheck) meterCheck = { request, checked: checkedCheck };
	}
	let handover: Awaited<ReturnType<typeof checkHandoverReading>> | undefined;
	if (name === 'recordInstallation') {
		handover = await checkHandoverReading(tx, ctx, command, checked.payload as InstallationPayload);
		if (!handover.ok) return handover;
	}
	let priced: ReturnType<typeof priceEstimate> | undefined;
	if (name === 'submitEstimate') {
		const estimate = checked.payload as EstimatePayload;
		priced = priceEstimate(estimate.lines, estimate.vatPercent);
		if (priced.total !== estimate.expectedTotal) {
			return reject(
				'price_changed',
				`Đơn giá vật tư đã thay đổi: tổng mới là ${priced.total} đồng (máy tính bảng tính ${estimate.expectedTotal} đồng). Vui lòng đồng bộ danh mục và lập lại dự toán`,
				'The price list changed: redo the estimate'
			);
		}
	}
	const outcome = await transitionRequest(tx, {
		requestId: command.requestId,
		name,
		actor: { userId: user.id, role: 'crew' },
		at,
		baseVersion: command.baseVersion,
		deviceId,
		location: command.location,
		// why the customer signs remotely goes into the audit trail
		detail: name === 'requestRemoteSigning' ? { commandId: command.commandId, ...(checked.payload as RemoteSigningPayload) } : { commandId: command.commandId },
		locked: batch.requests
	});
	if (!outcome.ok) return { ok: false, code: outcome.code, reason: outcome.reason };
	if (command.location && user.crewId) {
		// where the crew stood when it did the work, for the supervisors' map (never later than the server clock)
		const deviceAt = new Date(command.deviceTime);
		const recordedAt = deviceAt.getTime() < at.getTime() ? deviceAt : at;
		batch.positions.push({ crewId: user.crewId, userId: user.id, lat: command.location.lat, lng: command.location.lng, accuracyM: command.location.accuracyM, source: 'command', recordedAt });
	}

	const record = { requestId: command.requestId, jobId: job.id, commandId: command.commandId, submittedBy: user.id, submittedAt: at };
	let state: string = outcome.to;
	if (name === 'submitSurvey') {
		batch.surveys.push({ id: ctx.newId(), ...record, data: checked.payload as SurveyPayload });
	} else if (name === 'submitEstimate' && priced) {
		const estimate = checked.payload as EstimatePayload;
		await insertEstimate(tx, {
			id: ctx.newId(),
			...record,
			lines: priced.lines,
			vatPercent: priced.vatPercent,
			utilityTotal: priced.utility.total,
			customerTotal: priced.customer.total,
			total: priced.total,
			notes: estimate.notes
		});
		await setJobStatus(tx, job.id, 'done', at);
		batch.jobs.set(job.id, { ...job, status: 'done' });
		const [row] = await tx
			.select({ code: requests.code, name: customers.fullName, phone: customers.phone, email: customers.email })
			.from(requests)
			.innerJoin(customers, eq(customers.id, requests.customerId))
			.where(eq(requests.id, command.requestId));
		await queueNotice(tx, ctx, { phone: row!.phone, email: row!.email }, paymentNotice(command.requestId, row!.code, row!.name, priced.customer.total));
	} else if (name === 'recordInstallation') {
		const installation = checked.payload as InstallationPayload;
		const [estimate] = await tx.select().from(estimates).where(eq(estimates.requestId, command.requestId)).orderBy(desc(estimates.submittedAt)).limit(1);
		const differences = materialDifferences((estimate?.lines as PricedLine[] | undefined) ?? [], installation.materials);
		await tx.insert(installations).values({ id: ctx.newId(), ...record, data: installation, differences });
		if (handover?.ok && handover.registered) {
			await insertCrewReading(tx, ctx, { meterSerial: installation.meterSerial, kwh: installation.meterReadingKwh, photo: installation.meterPhoto, abnormal: handover.abnormal, takenAt: handover.takenAt, userId: user.id });
		}
		state = await completeIfReady(tx, signingContextOf(ctx), command.requestId);
	} else if (name === 'signOnSite') {
		const signing = checked.payload as SignOnSitePayload;
		const contract = (await latestContract(tx, command.requestId))!;
		await insertSignature(tx, {
			id: ctx.newId(),
			requestId: command.requestId,
			contractId: contract.id,
			contractSha256: contract.sha256,
			party: 'customer',
			channel: 'on_site',
			signerName: signing.signature.signerName,
			signerUserId: null,
			imagePng: signing.signature.imagePng,
			strokes: signing.signature.strokes,
			deviceTime: new Date(command.deviceTime),
			serverTime: at,
			lat: command.location?.lat ?? null,
			lng: command.location?.lng ?? null,
			clientInfo: `crew ${user.username} on device ${deviceId}`
		});
	} else if (name === 'requestRemoteSigning') {
		await sendPortalLink(tx, signingContextOf(ctx), command.requestId);
	} else if (name === 'recordMeterCheck' && meterCheck) {
		await recordMeterCheck(tx, ctx, { request: meterCheck.request, jobId: job.id, crewId: job.crewId, userId: user.id, command, payload: checked.payload as MeterCheckPayload, checked: meterCheck.checked });
		await setJobStatus(tx, job.id, 'done', at);
		batch.jobs.set(job.id, { ...job, status: 'done' });
	}
	// the crew's installation job is done once the installation is recorded and the signature is settled
	if (job.kind === 'installation') {
		const [after] = await tx.select({ installed: requests.installed, state: requests.state, version: requests.version }).from(requests).where(eq(requests.id, command.requestId));
		if (after!.installed && after!.state !== 'contract_drafted' && after!.state !== 'correction_requested') await setJobStatus(tx, job.id, 'done', at);
		return { ok: true, request: { id: command.requestId, state: after!.state, version: after!.version } };
	}
	return { ok: true, request: { id: command.requestId, state, version: outcome.request.version } };
}
