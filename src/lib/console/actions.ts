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

export function actionsFor(detail: Pick<RequestDetail, 'state' | 'jobs'>): RequestActions {
	return {
		dispatch: detail.state === 'submitted',
		pay: detail.state === 'estimated',
		remoteSigning: detail.state === 'contract_drafted',
		countersign: detail.state === 'customer_signed',
		reassignable: detail.state === 'completed' || detail.state === 'cancelled' ? [] : detail.jobs.filter((j) => j.status === 'assigned')
	};
}

/** What the customer owes by the latest accepted estimate (the counter payment's amount), or null. */
export function amountOwed(detail: Pick<RequestDetail, 'estimates'>): number | null {
	const latest = [...detail.estimates].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)).at(-1);
	return latest ? latest.customer.total : null;
}

/** Differences between estimate and installation: the latest installation's. */
export function installationDifferences(detail: Pick<RequestDetail, 'installations'>) {
	const last = detail.installations?.at(-1);
	return last?.differences ?? null;
}
