// The field-command registry: every command a crew records on the tablet, one module each. The outbox, the
// optimistic view, the command texts, the job panel and the server's checks iterate it; the server's writes live
// beside it in server/services/field-commands/<name>.ts. Adding a command: see docs/architecture.md.
import type { z } from 'zod';
import type { JobKind } from '../api';
import type { Label } from '../workflow';
import { m } from '../../paraglide/messages.js';
import { both } from '../../text';
import { submitSurvey } from './submit-survey';
import { submitEstimate } from './submit-estimate';
import { recordInstallation } from './record-installation';
import { signOnSite } from './sign-on-site';
import { requestRemoteSigning } from './request-remote-signing';
import { recordMeterCheck } from './record-meter-check';
import { recordFix } from './record-fix';
import type { FieldCommandDef, FieldRefusal, FieldSection } from './types';

export const registry = { submitSurvey, submitEstimate, recordInstallation, signOnSite, requestRemoteSigning, recordMeterCheck, recordFix } as const;

export type CommandName = keyof typeof registry;
export type PayloadOf<N extends CommandName> = z.output<(typeof registry)[N]['payload']>;
/** The commands a tablet records, in workflow order. */
export const COMMAND_NAMES = Object.keys(registry) as CommandName[];
export const fieldCommands: ReadonlyArray<FieldCommandDef> = Object.values(registry) as FieldCommandDef[];

export function isCommandName(name: string): name is CommandName {
	return Object.prototype.hasOwnProperty.call(registry, name);
}

/** The registry entry of a command name; undefined for a name no tablet sends. */
export function fieldCommand(name: string): FieldCommandDef | undefined {
	return isCommandName(name) ? (registry[name] as FieldCommandDef) : undefined;
}

/** The sections of the job panel that have a pending command among `names`. */
export function sectionsOf(names: Iterable<string>): Set<FieldSection> {
	const sections = new Set<FieldSection>();
	for (const name of names) {
		const section = fieldCommand(name)?.section;
		if (section) sections.add(section);
	}
	return sections;
}

/** A panel section's title: the name of the first command shown in it. */
export function sectionLabel(section: FieldSection): string {
	return fieldCommands.find((def) => def.section === section)?.label() ?? '';
}

/**
 * Whether a command applies to a job of this kind and status; the same code and words on the tablet and the server
 * (a cancelled job first, then its kind).
 */
export function jobRefusal(def: FieldCommandDef, job: { kind: string; status: string }): FieldRefusal | null {
	if (job.status === 'cancelled') return { code: 'job_cancelled', field: '', reason: JOB_CANCELLED };
	if (!def.jobKinds.includes(job.kind as JobKind)) return { code: 'wrong_job_kind', field: '', reason: def.wrongJobKind };
	return null;
}

/** The installation job is done once the installation is recorded and the signature is settled (tablet and server). */
export function installationJobDone(request: { installed: boolean; state: string }): boolean {
	return request.installed && request.state !== 'contract_drafted' && request.state !== 'correction_requested';
}

export const JOB_CANCELLED: Label = both(m.crew_field_jobCancelled);

export type { DraftKind, FieldCommandDef, FieldForm, FieldRefusal, FieldSection, JobRequest, MaterialLookup } from './types';
