// A field command as plain text, for "Sao chép": the crew can paste a rejected survey or estimate into a
// message to the office instead of losing it.
import type { JobView } from '$lib/domain/api';
import { formatCoordinates } from '$lib/client/links';
import {
	commandStatusLabel,
	meterActionLabel,
	meterPhasesLabel,
	meterResultLabel,
	meterTypeLabel,
	phasesLabel,
	reasonText,
	remoteReasonLabel,
	routeLabel,
	siteConditionLabel
} from '$lib/client/labels';
import { signedPercent, vnd as formatVnd, vnDateTime } from '$lib/format';
import { i18n } from '$lib/i18n.svelte';
import { estimateDraftFrom, materialLookup, priceDraft, type MaterialLookup } from './estimate-form';
import { installDraftFrom } from './install-form';
import { meterCheckDraftFrom } from './meter-check-form';
import { surveyDraftFrom } from './survey-form';
import { fixLines } from './fix-form';
import { m } from '$lib/paraglide/messages.js';
import { fieldCommand, type FieldForm } from '$lib/domain/field-commands';

export interface CommandLike {
	name: string;
	jobId: string;
	status: 'pending' | 'applied' | 'rejected';
	payload: unknown;
	createdAt: string;
	reason?: { vi: string; en: string };
	code?: string;
}

function line(label: string, value: string): string {
	return `${label}: ${value}`;
}

export function surveyLines(payload: unknown): string[] {
	const s = surveyDraftFrom(payload);
	const out: string[] = [];
	if (s.customerPresent) out.push(line(m.crew_survey_customerPresent(), (s.customerPresent === 'yes' ? m.common_yes : m.common_no)()));
	if (s.siteCondition) out.push(line(m.crew_survey_siteCondition(), siteConditionLabel(s.siteCondition)));
	if (s.distanceM) out.push(line(m.crew_survey_distance(), s.distanceM));
	if (s.phases) out.push(line(m.crew_survey_phases(), phasesLabel(s.phases === '3' ? 3 : 1)));
	if (s.expectedLoadKw) out.push(line(m.crew_survey_load(), s.expectedLoadKw));
	if (s.route) out.push(line(m.crew_survey_route(), routeLabel(s.route)));
	if (s.obstacles.trim()) out.push(line(m.crew_survey_obstacles(), s.obstacles.trim()));
	if (s.notes.trim()) out.push(line(m.common_notes(), s.notes.trim()));
	out.push(
		line(
			m.crew_gps_title(),
			s.location ? m.crew_gps_fix({ coords: formatCoordinates(s.location), accuracy: s.location.accuracyM }) : m.crew_gps_none()
		)
	);
	out.push(m.crew_survey_photosCount({ site: s.sitePhotos.length, meter: s.meterPhotos.length }));
	return out;
}

export function estimateLines(payload: unknown, lookup: MaterialLookup = materialLookup(undefined)): string[] {
	const draft = estimateDraftFrom(payload);
	if (!draft) return [];
	const { estimate, lineTotals } = priceDraft(draft, lookup);
	const out = draft.lines.map((l, i) => {
		const material = lookup(l.code);
		const name = material ? material.name : l.code;
		const unit = material?.unit ?? '';
		const amount = lineTotals[i];
		return `- ${name} (${l.code}): ${l.quantity} ${unit}${amount !== null ? ` = ${formatVnd(amount)}` : ''}`;
	});
	out.push(
		line(m.crew_estimate_subtotal(), formatVnd(estimate.subtotal)),
		line(m.crew_estimate_vat({ percent: estimate.vatPercent }), formatVnd(estimate.vat)),
		line(m.crew_estimate_total(), formatVnd(estimate.total)),
		line(m.crew_estimate_utilityPays(), formatVnd(estimate.utility.total)),
		line(m.crew_estimate_customerPays(), formatVnd(estimate.customer.total))
	);
	if (draft.notes.trim()) out.push(line(m.common_notes(), draft.notes.trim()));
	return out;
}

export function installationLines(payload: unknown, lookup: MaterialLookup = materialLookup(undefined)): string[] {
	const d = installDraftFrom(payload);
	if (!d) return [];
	const out = d.materials.map((l) => {
		const material = lookup(l.code);
		return `- ${material ? material.name : l.code} (${l.code}): ${l.quantity} ${material?.unit ?? ''}`.trimEnd();
	});
	out.push(
		line(m.common_install_meterSerial(), d.meterSerial),
		line(m.crew_install_meterReading(), d.meterReadingKwh),
		line(m.crew_install_seals(), d.sealNumbers.filter((s) => s.trim()).join(', '))
	);
	if (d.notes.trim()) out.push(line(m.crew_install_notes(), d.notes.trim()));
	if (d.abnormalConfirmPhoto.length > 0) out.push(m.crew_install_abnormalPhoto());
	out.push(m.crew_install_photosCount({ before: d.beforePhotos.length, after: d.afterPhotos.length }));
	return out;
}

/** The signature as text: who signed which contract version; never the drawing's bytes nor the customer's code. */
export function signingLines(payload: unknown): string[] {
	const p = (typeof payload === 'object' && payload !== null ? payload : {}) as {
		contractVersion?: unknown;
		contractSha256?: unknown;
		signature?: { signerName?: unknown };
	};
	const out: string[] = [];
	if (typeof p.signature?.signerName === 'string') out.push(m.crew_sign_signer({ name: p.signature.signerName }));
	if (typeof p.contractVersion === 'number' && typeof p.contractSha256 === 'string') {
		out.push(m.crew_sign_contractLine({ version: p.contractVersion, hash: p.contractSha256.slice(0, 12) }));
	}
	return out;
}

export function remoteSigningLines(payload: unknown): string[] {
	const p = (typeof payload === 'object' && payload !== null ? payload : {}) as { reason?: unknown; note?: unknown };
	const out: string[] = [];
	if (p.reason === 'customer_absent' || p.reason === 'customer_prefers_online') out.push(m.common_reason({ reason: remoteReasonLabel(p.reason) }));
	if (typeof p.note === 'string' && p.note.trim()) out.push(line(m.crew_remote_note(), p.note.trim()));
	return out;
}

/** The meter check as text: readings, seal, result, action and the new meter; never the signature nor the code. */
export function meterCheckLines(payload: unknown): string[] {
	const d = meterCheckDraftFrom(payload);
	if (!d) return [];
	const p = (typeof payload === 'object' && payload !== null ? payload : {}) as { meterSerial?: unknown };
	const out: string[] = [];
	if (typeof p.meterSerial === 'string') out.push(line(m.common_meter_serial(), p.meterSerial));
	if (d.readingKwh) out.push(line(m.crew_check_reading(), d.readingKwh));
	if (d.sealIntact) out.push(line(m.common_check_seal(), (d.sealIntact === 'yes' ? m.common_check_sealYes : m.crew_check_sealNo)()));
	if (d.result) out.push(line(m.common_check_result(), meterResultLabel(d.result)));
	const error = Number(d.errorPercent.replace(',', '.'));
	if (d.errorPercent && Number.isFinite(error)) out.push(line(m.crew_check_errorPercent(), signedPercent(error, i18n.lang)));
	if (d.action) out.push(line(m.crew_check_action(), meterActionLabel(d.action)));
	if (d.action === 'replaced') {
		out.push(line(m.crew_check_oldFinal(), d.oldFinalKwh));
		out.push(
			line(
				m.common_check_newMeter(),
				m.crew_check_newMeterLine({
					serial: d.newSerial,
					phases: d.newPhases ? meterPhasesLabel(d.newPhases === '3' ? 3 : 1) : '?',
					type: d.newType ? meterTypeLabel(d.newType) : '?',
					digits: d.newRegisterDigits,
					kwh: d.newReadingKwh
				})
			)
		);
	}
	if (d.abnormalConfirmPhoto.length > 0) out.push(m.crew_check_abnormalConfirmed());
	if (d.notes.trim()) out.push(line(m.common_notes(), d.notes.trim()));
	if (d.signerName.trim()) out.push(line(m.crew_check_signer(), d.signerName.trim()));
	out.push(
		line(
			m.crew_gps_title(),
			d.location ? m.crew_gps_fix({ coords: formatCoordinates(d.location), accuracy: d.location.accuracyM }) : m.crew_gps_none()
		)
	);
	return out;
}

/** Each form's payload as text (the registry entry names its form). */
const FORM_LINES: Record<FieldForm, (payload: unknown, lookup?: MaterialLookup) => string[]> = {
	survey: surveyLines,
	estimate: estimateLines,
	install: installationLines,
	sign: signingLines,
	remote: remoteSigningLines,
	check: meterCheckLines,
	fix: fixLines
};

/** The command's name as the crew reads it; an unknown name is shown as is. */
export function commandLabel(name: string): string {
	return fieldCommand(name)?.label() ?? name;
}

/** The whole command as text: what, for which request and customer, its status and reason, then its content. */
export function commandText(command: CommandLike, job: JobView | undefined, lookup?: MaterialLookup): string {
	const def = fieldCommand(command.name);
	const head = job
		? `${commandLabel(command.name)} — ${m.crew_command_job({ code: job.request.code, customer: job.request.customer.name })}`
		: `${commandLabel(command.name)} — ${m.crew_command_unknownJob({ id: command.jobId })}`;
	const out = [head];
	if (job) out.push(job.request.address);
	out.push(m.crew_command_createdAt({ time: vnDateTime(command.createdAt) }));
	out.push(
		command.status === 'rejected'
			? `${commandStatusLabel('rejected')}. ${m.common_reason({ reason: reasonText(command.reason, command.code ?? '') })}`
			: commandStatusLabel(command.status)
	);
	out.push('');
	if (def) out.push(...FORM_LINES[def.form](command.payload, lookup));
	else out.push(JSON.stringify(command.payload, null, 2));
	return out.join('\n');
}

/** Writes to the clipboard; falls back to a hidden textarea and execCommand where the async API is refused. */
export async function copyText(text: string): Promise<boolean> {
	try {
		if (typeof globalThis.navigator?.clipboard?.writeText === 'function') {
			await navigator.clipboard.writeText(text);
			return true;
		}
	} catch {
		// permission refused or not a secure context: try the old way
	}
	try {
		const area = document.createElement('textarea');
		area.value = text;
		area.setAttribute('readonly', '');
		area.style.position = 'fixed';
		area.style.opacity = '0';
		document.body.appendChild(area);
		area.select();
		const ok = document.execCommand('copy');
		area.remove();
		return ok;
	} catch {
		return false;
	}
}
