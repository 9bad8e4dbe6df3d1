// The KPI response as chart rows, in the console's language.
import type { Lang } from '$lib/i18n.svelte';
import { CATALOG } from '$lib/domain/catalog';
import { REQUEST_STATES, STATE_LABELS, TRANSITIONS, isTransitionName, type RequestState } from '$lib/domain/workflow';
import type { Kpis } from './api';
import { durationText } from './format';
import { percent } from '$lib/format';
import { m } from '$lib/paraglide/messages.js';

export interface ChartRow {
	label: string;
	value: number;
	display: string;
	tone: 'primary' | 'danger' | 'ok' | 'muted';
}

const groupNames = new Map(CATALOG.map((s) => [s.group, s.groupName]));

/** The supervisor's operations in the audit trail that are not workflow transitions, in words. */
const OPERATION_STEPS: Record<string, (lang: Lang) => string> = {
	readingDispute: (lang) => m.console_detail_transition_readingDispute({}, { locale: lang }),
	reschedule: (lang) => m.console_ops_history_reschedule({}, { locale: lang }),
	reassign: (lang) => m.console_ops_history_reassign({}, { locale: lang }),
	handoverHeld: (lang) => m.console_ops_history_handoverHeld({}, { locale: lang }),
	handoverAccepted: (lang) => m.console_ops_history_handoverAccepted({}, { locale: lang }),
	handoverPassed: (lang) => m.console_ops_history_handoverPassed({}, { locale: lang })
};

/** A step of the audit trail in words: a workflow transition, an operation, or "Cập nhật yêu cầu" — never its internal name. */
export function stepLabel(transition: string, lang: Lang): string {
	if (isTransitionName(transition)) return TRANSITIONS[transition].label[lang];
	if (Object.prototype.hasOwnProperty.call(OPERATION_STEPS, transition)) return OPERATION_STEPS[transition]!(lang);
	return m.common_history_step_other({}, { locale: lang });
}

export function kpiCharts(k: Kpis, lang: Lang) {
	const counts = new Map(k.byState.map((s) => [s.state, s.count]));
	const byState: ChartRow[] = REQUEST_STATES.filter((s) => counts.has(s)).map((state: RequestState) => ({
		label: STATE_LABELS[state][lang],
		value: counts.get(state) ?? 0,
		display: String(counts.get(state) ?? 0),
		tone: state === 'completed' ? 'ok' : state === 'cancelled' ? 'muted' : 'primary'
	}));
	const onTime: ChartRow[] = k.onTimeByGroup.map((g) => {
		const rate = percent(g.rate);
		return {
			label: m.console_kpis_group({ group: g.group }, { locale: lang }),
			value: rate ?? 0,
			display: rate === null ? m.console_kpis_noneCompleted({}, { locale: lang }) : m.console_kpis_onTimeValue({ rate, onTime: g.onTime, completed: g.completed }, { locale: lang }),
			tone: rate === null ? 'muted' : rate >= 90 ? 'ok' : rate >= 70 ? 'primary' : 'danger'
		};
	});
	const overdue: ChartRow[] = k.overdueByCrew.map((c) => ({ label: c.crewName, value: c.overdue, display: String(c.overdue), tone: 'danger' }));
	const stepOf = (name: string) => (isTransitionName(name) ? TRANSITIONS[name].step : 99);
	const ordered = [...k.stepMedians].sort((a, b) => stepOf(a.transition) - stepOf(b.transition) || a.transition.localeCompare(b.transition));
	const steps: ChartRow[] = ordered.map((s) => ({
		label: stepLabel(s.transition, lang),
		value: s.medianSeconds,
		display: `${durationText(s.medianSeconds, lang)} (${m.console_kpis_count({ n: s.count }, { locale: lang })})`,
		tone: 'primary'
	}));
	const groups = k.onTimeByGroup.map((g) => ({ label: m.console_kpis_group({ group: g.group }, { locale: lang }), name: groupNames.get(g.group as 1 | 2 | 3) ?? '' }));
	return { byState, onTime, groups, overdue, steps };
}
