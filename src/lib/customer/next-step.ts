// What happens next on a request and who acts, in the customer's words, by state. A state this page does not know
// (a process added later) reads "the utility is handling it", never its internal name.
import { m } from '$lib/paraglide/messages.js';

export type Actor = 'utility' | 'crew' | 'customer' | 'none';

const NEXT: Record<string, { who: Actor; words: () => string }> = {
	submitted: { who: 'utility', words: () => m.portal_acc_next_submitted() },
	survey_scheduled: { who: 'crew', words: () => m.portal_acc_next_survey_scheduled() },
	surveyed: { who: 'utility', words: () => m.portal_acc_next_surveyed() },
	estimated: { who: 'customer', words: () => m.portal_acc_next_estimated() },
	paid: { who: 'utility', words: () => m.portal_acc_next_paid() },
	contract_drafted: { who: 'crew', words: () => m.portal_acc_next_contract_drafted() },
	awaiting_remote_signature: { who: 'customer', words: () => m.portal_acc_next_awaiting_remote_signature() },
	correction_requested: { who: 'utility', words: () => m.portal_acc_next_correction_requested() },
	customer_signed: { who: 'utility', words: () => m.portal_acc_next_customer_signed() },
	utility_signed: { who: 'utility', words: () => m.portal_acc_next_utility_signed() },
	crew_dispatched: { who: 'crew', words: () => m.portal_acc_next_crew_dispatched() },
	completed: { who: 'none', words: () => m.portal_acc_next_completed() },
	cancelled: { who: 'none', words: () => m.portal_acc_next_cancelled() }
};

const WHO: Record<Actor, () => string> = {
	utility: () => m.portal_acc_who_utility(),
	crew: () => m.portal_acc_who_crew(),
	customer: () => m.portal_acc_who_customer(),
	none: () => m.portal_acc_who_none()
};

export function nextStep(state: string): { who: Actor; whoWords: string; words: string } {
	const step = Object.prototype.hasOwnProperty.call(NEXT, state) ? NEXT[state]! : { who: 'utility' as const, words: () => m.portal_acc_next_other() };
	return { who: step.who, whoWords: WHO[step.who](), words: step.words() };
}

/** "còn 2 ngày 3 giờ" / "quá hạn 5 giờ", from milliseconds left. */
export function timeLeftWords(msLeft: number | null): string | null {
	if (msLeft === null) return null;
	const hours = Math.floor(Math.abs(msLeft) / 3_600_000);
	const days = Math.floor(hours / 24);
	const rest = hours % 24;
	const span = days > 0 ? m.portal_acc_span_daysHours({ days, hours: rest }) : m.portal_acc_span_hours({ hours: Math.max(hours, 0) });
	return msLeft >= 0 ? m.portal_acc_timeLeft({ span }) : m.portal_acc_overdueBy({ span });
}
