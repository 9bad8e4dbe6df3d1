// The maps' words that depend on a value (a position's age, a request's risk); the rest are map_* messages.
import { m } from '$lib/paraglide/messages.js';
import type { Lang } from '$lib/i18n.svelte';
import { ageParts, type Risk } from './model';

const RISK_MESSAGES = { overdue: m.common_deadline_overdue, due_soon: m.common_deadline_due_soon, ok: m.map_risk_ok, none: m.map_risk_none };

/** "5 phút trước" / "5 min ago" for a position `ageMs` old (in the current language unless `lang` is given). */
export function ageText(ageMs: number, lang?: Lang): string {
	const age = ageParts(ageMs);
	const options = lang ? { locale: lang } : {};
	switch (age.unit) {
		case 'now':
			return m.map_age_now({}, options);
		case 'minutes':
			return m.map_age_minutes({ n: age.n }, options);
		case 'hours':
			return m.map_age_hours({ n: age.n }, options);
		case 'days':
			return m.map_age_days({ n: age.n }, options);
	}
}

export function riskLabel(risk: Risk, lang?: Lang): string {
	return RISK_MESSAGES[risk]({}, lang ? { locale: lang } : {});
}
