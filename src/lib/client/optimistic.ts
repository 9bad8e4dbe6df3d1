// The crew's view of a job: the pulled JobView with the tablet's own pending and applied-not-yet-pulled
// commands replayed on top by the shared workflow, so the optimistic effect is derived from the stored
// commands and cannot diverge from them. Pure: no store, no clock.
import type { JobView } from '$lib/domain/api';
import { installationPayload, type InstallationPayload } from '$lib/domain/commands';
import { fieldCommand, installationJobDone, jobRefusal } from '$lib/domain/field-commands';
export { installationJobDone } from '$lib/domain/field-commands';
import { findMaterial, type Material } from '$lib/domain/materials';
import { applyTransition, type Label, type RequestSnapshot, type TransitionResult } from '$lib/domain/workflow';
import type { DraftKind, OutboxCommand } from './store';

export { estimateRecordOf } from '$lib/domain/field-commands/submit-estimate';
export { surveyRecordOf } from '$lib/domain/field-commands/submit-survey';
export { meterCheckRecordOf } from '$lib/domain/field-commands/record-meter-check';

/** The installation the crew recorded on this tablet, while its command is pending or applied but not yet pulled. */
export type LocalInstallation = InstallationPayload & { submittedAt: string; pending: boolean };

/** The request as the crew sees it: `awaitingCode` while a signature's code passed only the offline check digit. */
export type EffectiveRequest = JobView['request'] & { awaitingCode?: boolean };

export type EffectiveJob = Omit<JobView, 'request'> & {
	request: EffectiveRequest;
	pending: OutboxCommand[];
	rejected: OutboxCommand[];
	/** The crew's own recorded installation (the pull carries only `installed`); null when none is on the tablet. */
	installation: LocalInstallation | null;
};

export type MaterialLookup = (code: string) => Material | undefined;

/** The draft (form) a command comes from; a redo puts its payload back there. */
export function draftKindOf(name: string): DraftKind {
	return fieldCommand(name)?.draft ?? 'survey';
}

/** The meter check form's draft kind, also its route segment (/jobs/[id]/check). */
export const METER_CHECK_DRAFT: DraftKind = 'check';

/** Commands that still shape the crew's view: pending, and applied ones whose effect the last pull did not carry yet. */
export function isReplayed(command: OutboxCommand): boolean {
	return command.status === 'pending' || command.status === 'applied';
}

function snapshotOf(job: JobView): RequestSnapshot {
	// the service decides the workflow: a meter check takes no survey, a wiring request no meter check
	return { state: job.request.state, version: job.request.version, installed: job.request.installed, serviceNumber: job.request.serviceNumber };
}

export type CommandCheck = TransitionResult | { ok: false; code: string; reason: Label };

/** Would the crew's command apply to this (effective) job now? The same checks, codes and words as the server's. */
export function checkCommand(job: JobView, name: string, baseVersion: number): CommandCheck {
	const def = fieldCommand(name);
	const refused = def ? jobRefusal(def, job) : null;
	if (refused) return { ok: false, code: refused.code, reason: refused.reason };
	return applyTransition(snapshotOf(job), name, 'crew', { baseVersion });
}

/**
 * Replays the job's own commands (seq order) on the pulled job. Rejected commands are not replayed; a command
 * the workflow refuses locally (the pulled job already moved) leaves the view as pulled.
 */
export function effectiveJob(pulled: JobView, commands: readonly OutboxCommand[], lookup: MaterialLookup = findMaterial): EffectiveJob {
	const own = commands.filter((c) => c.jobId === pulled.id).sort((a, b) => a.seq - b.seq);
	let job: Omit<JobView, 'request'> & { request: EffectiveRequest } = structuredClone(pulled);
	// Jobs stored before issue 3 have no survey/estimate fields.
	job.request = { ...job.request, survey: job.request.survey ?? null, estimate: job.request.estimate ?? null };
	let installation: LocalInstallation | null = null;
	for (const command of own) {
		if (!isReplayed(command)) continue;
		const def = fieldCommand(command.name);
		if (def?.section === 'installation') {
			// shown even when the pulled job already carries it (applied, the pull not yet pruned it)
			const parsed = installationPayload.safeParse(command.payload);
			if (parsed.success) installation = { ...parsed.data, submittedAt: command.deviceTime, pending: command.status === 'pending' };
		}
		const result = checkCommand(job, command.name, command.baseVersion);
		if (!result.ok) continue;
		let snapshot = result.request;
		// a signature not yet accepted by the server is not a signature: its code passed only the check digit
		const awaitingCode = def?.awaitsCodeWhilePending === true && command.status === 'pending';
		if (awaitingCode) snapshot = { ...snapshot, state: job.request.state };
		let request: EffectiveRequest = { ...job.request, state: snapshot.state, version: snapshot.version, installed: snapshot.installed };
		if (awaitingCode) request.awaitingCode = true;
		// the command's own effect first: it may move the request (an installation that differs from a signed
		// contract sends it back to the customer's signature), and then nothing follows
		if (def?.effect) request = def.effect(request, command.payload, command.deviceTime, lookup);
		snapshot = { ...snapshot, state: request.state, version: request.version };
		// a transition the server applies right after (the installation arriving after the countersignature completes)
		if (def?.then && snapshot.state === def.then.from) {
			const next = applyTransition(snapshot, def.then.name, 'system');
			if (next.ok) {
				snapshot = next.request;
				request = { ...request, state: snapshot.state, version: snapshot.version, installed: snapshot.installed };
			}
		}
		let status = job.status;
		if (def?.completesJob) status = 'done';
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
