// Which supervisor actions a request offers in its current state (the server decides; this only shows them).
import type { RequestDetail } from './api';

export interface RequestActions {
	dispatch: boolean;
	pay: boolean;
	remoteSigning: boolean;
	countersign: boolean;
	/** Open jobs that can be moved to another crew. */
	reassignable: RequestDetail['jobs'];
}

export function actionsFor(detail: Pick<RequestDetail, 'state' | 'jobs'> & Partial<Pick<RequestDetail, 'balance'>>): RequestActions {
	return {
		dispatch: detail.state === 'submitted',
		// the estimate, or later what a signed addendum added (owed before completion)
		pay: detail.state === 'estimated' || ((detail.balance?.owed ?? 0) > 0 && !['completed', 'cancelled'].includes(detail.state)),
		remoteSigning: detail.state === 'contract_drafted',
		countersign: detail.state === 'customer_signed',
		reassignable: detail.state === 'completed' || detail.state === 'cancelled' ? [] : detail.jobs.filter((j) => j.status === 'assigned')
	};
}

/** What the customer owes now (the counter payment's amount): the latest accepted estimate before the first payment, then the balance. */
export function amountOwed(detail: Pick<RequestDetail, 'estimates'> & Partial<Pick<RequestDetail, 'state' | 'balance'>>): number | null {
	if (detail.state !== 'estimated' && detail.balance && detail.balance.owed > 0) return detail.balance.owed;
	const latest = [...detail.estimates].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)).at(-1);
	return latest ? latest.customer.total : null;
}

/** Differences between estimate and installation: the latest installation's. */
export function installationDifferences(detail: Pick<RequestDetail, 'installations'>) {
	const last = detail.installations?.at(-1);
	return last?.differences ?? null;
}
