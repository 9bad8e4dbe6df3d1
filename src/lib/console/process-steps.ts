// The steps of a request's own process the console offers (paperwork, answers, a meter check from a reading
// complaint, a crew's fix, closing): exactly the transitions the workflow allows the supervisor now, in words.
import type { StepBody, StepDone, StepName } from '$lib/api/processes';
import { availableTransitions, type RequestSnapshot } from '$lib/domain/workflow';
import { consoleApi } from './client';

/** The steps that the steps route takes (dispatch, payment, signing and cancel have their own forms). */
export const STEP_NAMES: readonly StepName[] = ['startReview', 'decide', 'notifyDecision', 'startInvestigation', 'answerCustomer', 'orderMeterCheck', 'recordFix', 'close'];

const isStep = (name: string): name is StepName => (STEP_NAMES as readonly string[]).includes(name);

/** The process steps the supervisor may take on this request now, in the process's order. */
export function stepsFor(detail: { state: RequestSnapshot['state']; version: number; installed: boolean; service: { number: number } }): StepName[] {
	const snapshot: RequestSnapshot = { state: detail.state, version: detail.version, installed: detail.installed, serviceNumber: detail.service.number };
	return availableTransitions(snapshot, 'supervisor').filter(isStep);
}

/** One step; a refusal, no network or an unreadable answer throws in words (ConsoleApiError). */
export function takeStep(requestId: string, body: StepBody): Promise<StepDone> {
	return consoleApi.step(requestId, body);
}
