// A request's history in words, for the crew's job page (HistoryTimeline) and the console's request detail
// (TimelineSection): the step's name, who did it, and what the audit detail says (the crew by name, the visit time,
// the contract version, the amount, the reason) — never the detail's JSON, an id, an internal step name or a field
// name. Keys of the detail this does not know are left out rather than shown raw.
import { vnDateTime } from '$lib/format';
import { vnd } from '$lib/format';
import { i18n } from '$lib/i18n.svelte';
import { isTransitionName, ROLE_LABELS, stateLabelFor, transitionLabelFor, type RequestState, type Role } from '$lib/domain/workflow';

// the domain's labels directly (not $lib/client/labels, which brings the crew's command registry): the customers'
// portal shows this history too, in a bundle without the crew's code
const stateLabel = (state: RequestState, serviceNumber?: number) => i18n.label(stateLabelFor(state, serviceNumber));
const transitionLabel = (name: string, serviceNumber?: number) => (isTransitionName(name) ? i18n.label(transitionLabelFor(name, serviceNumber)) : name);
const knownRoleLabel = (role: string) => i18n.label(ROLE_LABELS[role as Role]);
import { m } from '$lib/paraglide/messages.js';

const STEPS: Record<string, () => string> = {
	submit: () => m.common_history_step_submit(),
	readingDispute: () => m.common_history_step_readingDispute()
};

/** The step's name; a step this page does not know is "Cập nhật yêu cầu", never its internal name. */
export function historyStepName(transition: string, serviceNumber?: number): string {
	if (isTransitionName(transition)) return transitionLabel(transition, serviceNumber);
	return Object.prototype.hasOwnProperty.call(STEPS, transition) ? STEPS[transition]!() : m.common_history_step_other();
}

/** Who acted, by role in words ("Quản trị hệ thống" for an admin; never the role's code). */
export function historyRole(role: string): string {
	if (Object.prototype.hasOwnProperty.call(ROLE_LABELS, role)) return knownRoleLabel(role);
	return role === 'admin' ? m.common_history_role_admin() : m.common_history_role_other();
}

/**
 * "Đã tiếp nhận → Đã hẹn khảo sát"; null when the step left the state as it was (a note such as a reschedule or a
 * reassignment, the installation's record): "Đã tiếp nhận → Đã tiếp nhận" says nothing.
 */
export function historyStates(entry: { fromState: RequestState | null; toState: RequestState }, serviceNumber?: number): string | null {
	if (entry.fromState === entry.toState) return null;
	return `${entry.fromState ? `${stateLabel(entry.fromState, serviceNumber)} → ` : ''}${stateLabel(entry.toState, serviceNumber)}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const count = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const instant = (v: unknown): string | null => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? vnDateTime(v) : null);

/** Why the contract went to online signing (the code check's refusal). */
const FALLBACKS: Record<string, () => string> = {
	expired_code: () => m.server_refusal_expired_code(),
	locked_code: () => m.server_refusal_locked_code_plain()
};

const REMOTE_REASONS: Record<string, () => string> = {
	customer_absent: () => m.crew_remote_reason_customer_absent(),
	customer_prefers_online: () => m.crew_remote_reason_customer_prefers_online()
};

/**
 * What the audit detail says, one line each. A detail with its own words (`summary`: {vi, en}) says them; otherwise
 * the facts it holds that a person reads: the crew (by the name the server adds beside its id) and the visit time,
 * the contract version, the amount paid, the reason, the customer's comment, the note.
 */
export function historyDetailLines(detail: unknown): string[] {
	if (typeof detail === 'string') return text(detail) ? [detail] : [];
	if (!isRecord(detail)) return [];
	const summary = detail.summary;
	if (isRecord(summary) && typeof summary.vi === 'string' && typeof summary.en === 'string') return [i18n.show({ vi: summary.vi, en: summary.en })];
	const lines: string[] = [];
	const crew = text(detail.crewName);
	const visit = instant(detail.scheduledAt);
	if (crew && visit) lines.push(m.common_history_crewVisit({ crew, time: visit }));
	else if (crew) lines.push(m.common_history_crew({ crew }));
	else if (visit) lines.push(m.common_history_visit({ time: visit }));
	const from = text(detail.fromCrewName);
	const to = text(detail.toCrewName);
	if (from && to) lines.push(m.common_history_crewMoved({ from, to }));
	const version = count(detail.contractVersion);
	if (version !== null) lines.push(m.common_history_contractVersion({ version }));
	const amount = count(detail.amount);
	if (amount !== null) lines.push(m.common_history_amount({ amount: vnd(amount) }));
	const reason = text(detail.reason);
	if (reason) lines.push(m.common_reason({ reason: Object.prototype.hasOwnProperty.call(REMOTE_REASONS, reason) ? REMOTE_REASONS[reason]!() : reason }));
	const after = text(detail.after);
	if (after && Object.prototype.hasOwnProperty.call(FALLBACKS, after)) lines.push(m.common_history_after({ why: FALLBACKS[after]!() }));
	const comment = text(detail.comment);
	if (comment) lines.push(m.common_history_comment({ comment }));
	const note = text(detail.note);
	if (note) lines.push(m.common_history_note({ note }));
	return lines;
}
