// A field command as plain text, for "Sao chép": the crew can paste a rejected survey or estimate into a
// message to the office instead of losing it.
import type { JobView } from '$lib/domain/api';
import { t } from '$lib/client/i18n.svelte';
import { formatCoordinates } from '$lib/client/links';
import { formatVnd } from '$lib/client/job-view';
import {
	commandNameLabel,
	commandStatusLabel,
	formatErrorPercent,
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
import { vnDateTime } from '$lib/client/vn-time';
import { estimateDraftFrom, materialLookup, priceDraft, type MaterialLookup } from './estimate-form';
import { installDraftFrom } from './install-form';
import { meterCheckDraftFrom } from './meter-check-form';
import { surveyDraftFrom } from './survey-form';

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
	if (s.customerPresent) out.push(line(t('survey.customerPresent'), t(s.customerPresent === 'yes' ? 'common.yes' : 'common.no')));
	if (s.siteCondition) out.push(line(t('survey.siteCondition'), siteConditionLabel(s.siteCondition)));
	if (s.distanceM) out.push(line(t('survey.distance'), s.distanceM));
	if (s.phases) out.push(line(t('survey.phases'), phasesLabel(s.phases === '3' ? 3 : 1)));
	if (s.expectedLoadKw) out.push(line(t('survey.load'), s.expectedLoadKw));
	if (s.route) out.push(line(t('survey.route'), routeLabel(s.route)));
	if (s.obstacles.trim()) out.push(line(t('survey.obstacles'), s.obstacles.trim()));
	if (s.notes.trim()) out.push(line(t('survey.notes'), s.notes.trim()));
	out.push(
		line(
			t('gps.title'),
			s.location ? t('gps.fix', { coords: formatCoordinates(s.location), accuracy: s.location.accuracyM }) : t('gps.none')
		)
	);
	out.push(t('survey.photosCount', { site: s.sitePhotos.length, meter: s.meterPhotos.length }));
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
		line(t('estimate.subtotal'), formatVnd(estimate.subtotal)),
		line(t('estimate.vat', { percent: estimate.vatPercent }), formatVnd(estimate.vat)),
		line(t('estimate.total'), formatVnd(estimate.total)),
		line(t('estimate.utilityPays'), formatVnd(estimate.utility.total)),
		line(t('estimate.customerPays'), formatVnd(estimate.customer.total))
	);
	if (draft.notes.trim()) out.push(line(t('estimate.notes'), draft.notes.trim()));
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
		line(t('install.meterSerial'), d.meterSerial),
		line(t('install.meterReading'), d.meterReadingKwh),
		line(t('install.seals'), d.sealNumbers.filter((s) => s.trim()).join(', '))
	);
	if (d.notes.trim()) out.push(line(t('install.notes'), d.notes.trim()));
	if (d.abnormalConfirmPhoto.length > 0) out.push(t('install.abnormalPhoto'));
	out.push(t('install.photosCount', { before: d.beforePhotos.length, after: d.afterPhotos.length }));
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
	if (typeof p.signature?.signerName === 'string') out.push(t('sign.signer', { name: p.signature.signerName }));
	if (typeof p.contractVersion === 'number' && typeof p.contractSha256 === 'string') {
		out.push(t('sign.contractLine', { version: p.contractVersion, hash: p.contractSha256.slice(0, 12) }));
	}
	return out;
}

export function remoteSigningLines(payload: unknown): string[] {
	const p = (typeof payload === 'object' && payload !== null ? payload : {}) as { reason?: unknown; note?: unknown };
	const out: string[] = [];
	if (p.reason === 'customer_absent' || p.reason === 'customer_prefers_online') out.push(t('remote.reason', { reason: remoteReasonLabel(p.reason) }));
	if (typeof p.note === 'string' && p.note.trim()) out.push(line(t('remote.note'), p.note.trim()));
	return out;
}

/** The meter check as text: readings, seal, result, action and the new meter; never the signature nor the code. */
export function meterCheckLines(payload: unknown): string[] {
	const d = meterCheckDraftFrom(payload);
	if (!d) return [];
	const p = (typeof payload === 'object' && payload !== null ? payload : {}) as { meterSerial?: unknown };
	const out: string[] = [];
	if (typeof p.meterSerial === 'string') out.push(line(t('meter.serial'), p.meterSerial));
	if (d.readingKwh) out.push(line(t('check.reading'), d.readingKwh));
	if (d.sealIntact) out.push(line(t('check.seal'), t(d.sealIntact === 'yes' ? 'check.seal.intact' : 'check.seal.broken')));
	if (d.result) out.push(line(t('check.result'), meterResultLabel(d.result)));
	const error = Number(d.errorPercent.replace(',', '.'));
	if (d.errorPercent && Number.isFinite(error)) out.push(line(t('check.errorPercent'), formatErrorPercent(error)));
	if (d.action) out.push(line(t('check.action'), meterActionLabel(d.action)));
	if (d.action === 'replaced') {
		out.push(line(t('check.oldFinal'), d.oldFinalKwh));
		out.push(
			line(
				t('check.newMeter'),
				t('check.newMeterLine', {
					serial: d.newSerial,
					phases: d.newPhases ? meterPhasesLabel(d.newPhases === '3' ? 3 : 1) : '?',
					type: d.newType ? meterTypeLabel(d.newType) : '?',
					digits: d.newRegisterDigits,
					kwh: d.newReadingKwh
				})
			)
		);
	}
	if (d.abnormalConfirmPhoto.length > 0) out.push(t('check.abnormalConfirmed'));
	if (d.notes.trim()) out.push(line(t('check.notes'), d.notes.trim()));
	if (d.signerName.trim()) out.push(line(t('check.signer'), d.signerName.trim()));
	out.push(
		line(
			t('gps.title'),
			d.location ? t('gps.fix', { coords: formatCoordinates(d.location), accuracy: d.location.accuracyM }) : t('gps.none')
		)
	);
	return out;
}

/** The whole command as text: what, for which request and customer, its status and reason, then its content. */
export function commandText(command: CommandLike, job: JobView | undefined, lookup?: MaterialLookup): string {
	const head = job
		? `${commandNameLabel(command.name)} — ${t('command.job', { code: job.request.code, customer: job.request.customer.name })}`
		: `${commandNameLabel(command.name)} — ${t('command.unknownJob', { id: command.jobId })}`;
	const out = [head];
	if (job) out.push(job.request.address);
	out.push(t('command.createdAt', { time: vnDateTime(command.createdAt) }));
	out.push(
		command.status === 'rejected'
			? `${commandStatusLabel('rejected')}. ${t('command.reason', { reason: reasonText(command.reason, command.code ?? '') })}`
			: commandStatusLabel(command.status)
	);
	out.push('');
	if (command.name === 'submitSurvey') out.push(...surveyLines(command.payload));
	else if (command.name === 'submitEstimate') out.push(...estimateLines(command.payload, lookup));
	else if (command.name === 'recordInstallation') out.push(...installationLines(command.payload, lookup));
	else if (command.name === 'signOnSite') out.push(...signingLines(command.payload));
	else if (command.name === 'requestRemoteSigning') out.push(...remoteSigningLines(command.payload));
	else if (command.name === 'recordMeterCheck') out.push(...meterCheckLines(command.payload));
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
