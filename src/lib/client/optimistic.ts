// The crew's view of a job: the pulled JobView with the tablet's own pending and applied-not-yet-pulled
// commands replayed on top by the shared workflow, so the optimistic effect is derived from the stored
// commands and cannot diverge from them. Pure: no store, no clock.
import type { EstimateRecord, JobView, MeterCheckRecord, MeterView, SurveyRecord } from '$lib/domain/api';
import { estimatePayload, installationPayload, meterCheckPayload, surveyPayload, type InstallationPayload } from '$lib/domain/commands';
import { priceEstimate } from '$lib/domain/estimate';
import { findMaterial, type Material } from '$lib/domain/materials';
import { abnormalReasons, checkMeterCheckReadings } from '$lib/domain/readings';
import { applyTransition, type RequestSnapshot, type TransitionResult } from '$lib/domain/workflow';
import type { DraftKind, OutboxCommand } from './store';

/** The installation the crew recorded on this tablet, while its command is pending or applied but not yet pulled. */
export type LocalInstallation = InstallationPayload & { submittedAt: string; pending: boolean };

export type EffectiveJob = JobView & {
	pending: OutboxCommand[];
	rejected: OutboxCommand[];
	/** The crew's own recorded installation (the pull carries only `installed`); null when none is on the tablet. */
	installation: LocalInstallation | null;
};

export type MaterialLookup = (code: string) => Material | undefined;

/** The draft (form) a command comes from; a redo puts its payload back there. */
export function draftKindOf(name: string): DraftKind {
	switch (name) {
		case 'submitEstimate':
			return 'estimate';
		case 'recordInstallation':
			return 'install';
		case 'signOnSite':
		case 'requestRemoteSigning':
			return 'sign';
		case 'recordMeterCheck':
			return METER_CHECK_DRAFT;
		default:
			return 'survey';
	}
}

/** The meter check form's draft kind, also its route segment (/jobs/[id]/check). */
export const METER_CHECK_DRAFT: DraftKind = 'check';

export const SURVEY_COMMANDS: readonly string[] = ['submitSurvey', 'submitEstimate'];
export const INSTALLATION_COMMANDS: readonly string[] = ['recordInstallation', 'signOnSite', 'requestRemoteSigning'];
export const METER_CHECK_COMMANDS: readonly string[] = ['recordMeterCheck'];

/** The installation job is done once the installation is recorded and the signature is settled (as the server decides). */
export function installationJobDone(request: Pick<RequestSnapshot, 'state' | 'installed'>): boolean {
	return request.installed && request.state !== 'contract_drafted' && request.state !== 'correction_requested';
}

/** Commands that still shape the crew's view: pending, and applied ones whose effect the last pull did not carry yet. */
export function isReplayed(command: OutboxCommand): boolean {
	return command.status === 'pending' || command.status === 'applied';
}

function snapshotOf(job: JobView): RequestSnapshot {
	// the service decides the workflow: a meter check takes no survey, a wiring request no meter check
	return { state: job.request.state, version: job.request.version, installed: job.request.installed, serviceNumber: job.request.serviceNumber };
}

/** Would the crew's command apply to this (effective) job now? Same checks as the server's domain step. */
export function checkCommand(job: JobView, name: string, baseVersion: number): TransitionResult {
	if (SURVEY_COMMANDS.includes(name) && job.kind !== 'survey') {
		return { ok: false, code: 'guard_failed', reason: { vi: 'Chỉ công việc khảo sát mới nhận khảo sát và dự toán', en: 'Only survey jobs take surveys and estimates' } };
	}
	if (INSTALLATION_COMMANDS.includes(name) && job.kind !== 'installation') {
		return {
			ok: false,
			code: 'guard_failed',
			reason: { vi: 'Chỉ công việc thi công mới ghi nhận thi công và ký hợp đồng', en: 'Only installation jobs take the installation and the signing' }
		};
	}
	if (METER_CHECK_COMMANDS.includes(name) && job.kind !== 'meter_check') {
		return { ok: false, code: 'guard_failed', reason: { vi: 'Chỉ công việc kiểm tra công tơ mới ghi nhận kết quả kiểm tra công tơ', en: 'Only meter check jobs take a meter check result' } };
	}
	if (job.status === 'cancelled') {
		return { ok: false, code: 'guard_failed', reason: { vi: 'Công việc đã bị hủy', en: 'The job was cancelled' } };
	}
	return applyTransition(snapshotOf(job), name, 'crew', { baseVersion });
}

/** Prices an estimate payload the way the server records it; undefined if the payload is not a valid estimate. */
export function estimateRecordOf(payload: unknown, submittedAt: string, lookup: MaterialLookup = findMaterial): EstimateRecord | undefined {
	const parsed = estimatePayload.safeParse(payload);
	if (!parsed.success) return undefined;
	try {
		const priced = priceEstimate(parsed.data.lines, parsed.data.vatPercent, lookup);
		return {
			lines: priced.lines.map((l) => ({ code: l.code, name: l.name, unit: l.unit, quantity: l.quantity, unitPrice: l.unitPrice, side: l.side, total: l.total })),
			vatPercent: priced.vatPercent,
			utility: priced.utility,
			customer: priced.customer,
			subtotal: priced.subtotal,
			vat: priced.vat,
			total: priced.total,
			notes: parsed.data.notes,
			submittedAt
		};
	} catch {
		// A code missing from this price list: show no estimate rather than a wrong one.
		return undefined;
	}
}

export function surveyRecordOf(payload: unknown, submittedAt: string): SurveyRecord | undefined {
	const parsed = surveyPayload.safeParse(payload);
	return parsed.success ? { ...parsed.data, submittedAt } : undefined;
}

/**
 * The check as the crew recorded it, shown until the server's own record arrives: the reading verdict is the
 * tablet's (the same shared reading rules the server runs), the crew's name is not known here.
 */
export function meterCheckRecordOf(payload: unknown, submittedAt: string, meter: Pick<MeterView, 'registerDigits' | 'readings'> | null | undefined): MeterCheckRecord | undefined {
	const parsed = meterCheckPayload.safeParse(payload);
	if (!parsed.success) return undefined;
	const p = parsed.data;
	const at = new Date(Date.parse(submittedAt));
	const verdicts = meter
		? checkMeterCheckReadings({ meter, history: meter.readings, at: Number.isNaN(at.getTime()) ? new Date() : at, readingKwh: p.readingKwh, oldFinalKwh: p.replacement?.oldFinalKwh })
		: {};
	const abnormalReason = abnormalReasons(verdicts)[0] ?? null;
	return {
		meterSerial: p.meterSerial,
		readingKwh: p.readingKwh,
		readingPhoto: p.readingPhoto,
		sealIntact: p.sealIntact,
		sealPhoto: p.sealPhoto,
		result: p.result,
		errorPercent: p.errorPercent,
		action: p.action,
		replacement: p.replacement,
		abnormal: abnormalReason !== null,
		abnormalConfirmPhoto: p.abnormalConfirmPhoto,
		abnormalReason: abnormalReason?.vi ?? null,
		notes: p.notes,
		location: p.location,
		signerName: p.signature.signerName,
		crewName: '',
		recordedAt: submittedAt
	};
}

/**
 * Replays the job's own commands (seq order) on the pulled job. Rejected commands are not replayed; a command
 * the workflow refuses locally (the pulled job already moved) leaves the view as pulled.
 */
export function effectiveJob(pulled: JobView, commands: readonly OutboxCommand[], lookup: MaterialLookup = findMaterial): EffectiveJob {
	const own = commands.filter((c) => c.jobId === pulled.id).sort((a, b) => a.seq - b.seq);
	let job: JobView = structuredClone(pulled);
	// Jobs stored before issue 3 have no survey/estimate fields.
	job.request = { ...job.request, survey: job.request.survey ?? null, estimate: job.request.estimate ?? null };
	let installation: LocalInstallation | null = null;
	for (const command of own) {
		if (!isReplayed(command)) continue;
		if (command.name === 'recordInstallation') {
			// shown even when the pulled job already carries it (applied, the pull not yet pruned it)
			const parsed = installationPayload.safeParse(command.payload);
			if (parsed.success) installation = { ...parsed.data, submittedAt: command.deviceTime, pending: command.status === 'pending' };
		}
		const result = checkCommand(job, command.name, command.baseVersion);
		if (!result.ok) continue;
		let snapshot = result.request;
		// the server completes the request at once when the installation arrives after the countersignature
		if (command.name === 'recordInstallation' && snapshot.state === 'utility_signed') {
			const completed = applyTransition(snapshot, 'complete', 'system');
			if (completed.ok) snapshot = completed.request;
		}
		const request = { ...job.request, state: snapshot.state, version: snapshot.version, installed: snapshot.installed };
		if (command.name === 'submitSurvey') request.survey = surveyRecordOf(command.payload, command.deviceTime) ?? request.survey;
		if (command.name === 'submitEstimate') request.estimate = estimateRecordOf(command.payload, command.deviceTime, lookup) ?? request.estimate;
		if (command.name === 'recordMeterCheck') request.meterCheck = meterCheckRecordOf(command.payload, command.deviceTime, request.meter) ?? request.meterCheck;
		let status = job.status;
		if (command.name === 'submitEstimate' || command.name === 'recordMeterCheck') status = 'done';
		if (job.kind === 'installation' && installationJobDone(snapshot)) status = 'done';
		job = { ...job, request, status };
	}
	return {
		...job,
		pending: own.filter((c) => c.status === 'pending'),
		rejected: own.filter((c) => c.status === 'rejected'),
		installation
	};
}

/** The version a new command for this job must name: the pulled version advanced by the crew's own commands. */
export function effectiveVersion(pulled: JobView, commands: readonly OutboxCommand[], lookup: MaterialLookup = findMaterial): number {
	return effectiveJob(pulled, commands, lookup).request.version;
}
