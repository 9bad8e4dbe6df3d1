// The steps of a request's own process the console offers (paperwork, answers, a meter check from a reading
// complaint, a crew's fix, closing): exactly the transitions the workflow allows the supervisor now, in words.
import { session } from '$lib/client/app';
import type { StepBody, StepDone, StepName } from '$lib/api/processes';
import { availableTransitions, type RequestSnapshot } from '$lib/domain/workflow';
import { refusalWords } from '$lib/refusal-words';

/** The steps that the steps route takes (dispatch, payment, signing and cancel have their own forms). */
export const STEP_NAMES: readonly StepName[] = ['startReview', 'decide', 'notifyDecision', 'startInvestigation', 'answerCustomer', 'orderMeterCheck', 'recordFix', 'close'];

const isStep = (name: string): name is StepName => (STEP_NAMES as readonly string[]).includes(name);

/** The process steps the supervisor may take on this request now, in the process's order. */
export function stepsFor(detail: { state: RequestSnapshot['state']; version: number; installed: boolean; service: { number: number } }): StepName[] {
	const snapshot: RequestSnapshot = { state: detail.state, version: detail.version, installed: detail.installed, serviceNumber: detail.service.number };
	return availableTransitions(snapshot, 'supervisor').filter(isStep);
}

/** One step; a refusal throws the server's words. */
export async function takeStep(requestId: string, body: StepBody): Promise<StepDone> {
	const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
	const token = session.current?.token;
	if (token) headers.authorization = `Bearer ${token}`;
	const response = await fetch(`/api/requests/${encodeURIComponent(requestId)}/steps`, { method: 'POST', headers, body: JSON.stringify(body) });
	const payload = (await response.json().catch(() => null)) as (StepDone & { error?: { message?: string } }) | null;
	if (!response.ok) throw new Error(refusalWords(payload?.error).message ?? `${response.status}`);
	return payload as StepDone;
}
