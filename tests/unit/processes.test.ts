// Every catalog service follows its own process: each number has one, each process goes from receipt to a closed
// state by its own steps, and refuses the steps of the others.
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/lib/domain/catalog';
import { dispatchStepOf, DOCUMENT_SIGNING_STEPS, needsVisit, PROCESS_KINDS, PROCESSES, processKindOf, processingTimeOf, processOfService, servicesOfKind, signedDocumentOf, transitionsOf, type ProcessKind } from '../../src/lib/domain/processes';
import { applyTransition, availableTransitions, ROLES, stateLabelFor, transitionLabelFor, TRANSITION_NAMES, type RequestSnapshot, type TransitionName } from '../../src/lib/domain/workflow';

/** Every snapshot reachable from receipt by the process's steps, with the steps that fired on the way. */
function explore(serviceNumber: number) {
	const start: RequestSnapshot = { state: 'submitted', version: 1, installed: false, serviceNumber };
	const seen = new Map<string, RequestSnapshot>([[`submitted|false`, start]]);
	const fired = new Set<TransitionName>();
	const queue = [start];
	while (queue.length > 0) {
		const current = queue.shift()!;
		for (const name of TRANSITION_NAMES) {
			for (const role of ROLES) {
				const result = applyTransition(current, name, role);
				if (!result.ok) continue;
				fired.add(name);
				const key = `${result.request.state}|${result.request.installed}`;
				if (!seen.has(key)) {
					seen.set(key, result.request);
					queue.push(result.request);
				}
			}
		}
	}
	return { states: new Set([...seen.values()].map((s) => s.state)), fired };
}

describe('processes of the catalog', () => {
	it('gives every one of the 79 catalog services exactly one process', () => {
		expect(CATALOG).toHaveLength(79);
		for (const service of CATALOG) expect(processKindOf(service.number), `service ${service.number}`).toBeDefined();
		const all = PROCESS_KINDS.flatMap((kind) => servicesOfKind(kind));
		expect(all.sort((a, b) => a - b)).toEqual(CATALOG.map((s) => s.number));
		expect(processKindOf(0)).toBeUndefined();
		expect(processKindOf(80)).toBeUndefined();
	});

	it('maps the services the brief names to their process', () => {
		const expected: Array<[number, ProcessKind]> = [
			[1, 'site_work'], [28, 'site_work'], [33, 'site_work'], [34, 'site_work'], [66, 'site_work'],
			[41, 'meter_check'], [42, 'meter_check'],
			[39, 'paperwork'], [40, 'paperwork'], [50, 'paperwork'], [54, 'paperwork'], [55, 'paperwork'], [48, 'paperwork'], [36, 'paperwork'], [38, 'paperwork'],
			[52, 'field_response'], [44, 'field_response'],
			[74, 'complaint'], [79, 'complaint'],
			[75, 'reading_complaint'],
			[56, 'inquiry'], [63, 'inquiry']
		];
		for (const [n, kind] of expected) expect(processKindOf(n), `service ${n}`).toBe(kind);
	});

	it.each(CATALOG.map((s) => s.number))('service %i reaches completion and cancellation from receipt by its own steps only', (n) => {
		const { states, fired } = explore(n);
		expect(states.has('completed')).toBe(true);
		expect(states.has('cancelled')).toBe(true);
		// its process's steps (a paperwork service without a document to sign, 48, never takes the signing ones)
		const steps = transitionsOf(n);
		expect(steps.every((step) => processOfService(n)!.transitions.includes(step))).toBe(true);
		// every step of its process can happen, and no other step ever does
		expect([...fired].sort()).toEqual([...steps].sort());
	});

	it('refuses another process\'s steps with the process named in words', () => {
		const paperwork = applyTransition({ state: 'submitted', version: 1, installed: false, serviceNumber: 50 }, 'scheduleSurvey', 'supervisor');
		expect(paperwork).toMatchObject({ ok: false, code: 'not_in_workflow' });
		if (!paperwork.ok) expect(paperwork.reason.vi).toBe('Thao tác "Hẹn lịch khảo sát" không thuộc quy trình "Xét duyệt hồ sơ, không cần đến hiện trường" của dịch vụ số 50');
		expect(applyTransition({ state: 'surveyed', version: 1, installed: false, serviceNumber: 74 }, 'submitEstimate', 'crew')).toMatchObject({ ok: false, code: 'not_in_workflow' });
		expect(applyTransition({ state: 'submitted', version: 1, installed: false, serviceNumber: 74 }, 'orderMeterCheck', 'supervisor')).toMatchObject({ ok: false, code: 'not_in_workflow' });
		expect(applyTransition({ state: 'submitted', version: 1, installed: false, serviceNumber: 1 }, 'answerCustomer', 'supervisor')).toMatchObject({ ok: false, code: 'not_in_workflow' });
		expect(applyTransition({ state: 'submitted', version: 1, installed: false, serviceNumber: 52 }, 'startReview', 'supervisor')).toMatchObject({ ok: false, code: 'not_in_workflow' });
	});

	it('lets only the right roles take each step, and only from its states', () => {
		const under = { state: 'under_review', version: 3, installed: false, serviceNumber: 50 } as const;
		expect(applyTransition(under, 'decide', 'crew')).toMatchObject({ ok: false, code: 'forbidden_role' });
		expect(applyTransition(under, 'decide', 'customer')).toMatchObject({ ok: false, code: 'forbidden_role' });
		expect(applyTransition(under, 'close', 'supervisor')).toMatchObject({ ok: false, code: 'wrong_state' });
		expect(applyTransition(under, 'decide', 'supervisor')).toMatchObject({ ok: true, to: 'decided', request: { version: 4 } });
		const dispatched = { state: 'crew_dispatched', version: 2, installed: false, serviceNumber: 52 } as const;
		expect(applyTransition(dispatched, 'recordFix', 'crew')).toMatchObject({ ok: true, to: 'fixed' });
		expect(applyTransition(dispatched, 'recordFix', 'customer')).toMatchObject({ ok: false, code: 'forbidden_role' });
		// a customer may withdraw a paperwork request under review, not once it is decided
		expect(applyTransition(under, 'cancel', 'customer')).toMatchObject({ ok: true, to: 'cancelled' });
		expect(applyTransition({ ...under, state: 'decided' }, 'cancel', 'customer')).toMatchObject({ ok: false, code: 'guard_failed' });
		expect(availableTransitions({ state: 'submitted', version: 1, installed: false, serviceNumber: 75 }, 'supervisor')).toEqual(['startInvestigation', 'answerCustomer', 'orderMeterCheck', 'cancel']);
		expect(availableTransitions({ state: 'submitted', version: 1, installed: false, serviceNumber: 50 }, 'supervisor')).toEqual(['startReview', 'cancel']);
	});

	it('takes each paperwork service to completion on its own path: the document through both signatures, 48 and refusals without', () => {
		const run = (n: number, steps: Array<[TransitionName, Parameters<typeof applyTransition>[2]]>) => {
			let r: RequestSnapshot = { state: 'submitted', version: 1, installed: false, serviceNumber: n };
			for (const [name, role] of steps) {
				const result = applyTransition(r, name, role);
				if (!result.ok) throw new Error(`service ${n}, ${name}: ${result.reason.vi}`);
				r = result.request;
			}
			return r;
		};
		const documents = [35, 36, 37, 38, 39, 40, 49, 50, 54, 55];
		expect(servicesOfKind('paperwork').filter((n) => signedDocumentOf(n) !== null)).toEqual(documents);
		expect(documents.map((n) => signedDocumentOf(n))).toEqual(['amendment', 'amendment', 'amendment', 'amendment', 'purchase_contract', 'purchase_contract', 'amendment', 'amendment', 'renewal', 'termination']);
		// new supply ends with a purchase contract too, but by the site work's signing, not this one
		expect(signedDocumentOf(1)).toBeNull();
		for (const n of documents) {
			const decided = run(n, [['startReview', 'supervisor'], ['decide', 'supervisor']]);
			const sent = run(n, [['startReview', 'supervisor'], ['decide', 'supervisor'], ['sendDocumentForSigning', 'supervisor']]);
			expect(sent.state).toBe('awaiting_remote_signature');
			// not closed before both parties signed; only the customer signs, only the supervisor countersigns
			expect(applyTransition(sent, 'close', 'supervisor')).toMatchObject({ ok: false, code: 'wrong_state' });
			expect(applyTransition(sent, 'signRemote', 'supervisor')).toMatchObject({ ok: false, code: 'forbidden_role' });
			const signed = run(n, [['startReview', 'supervisor'], ['decide', 'supervisor'], ['sendDocumentForSigning', 'system'], ['signRemote', 'customer']]);
			expect(signed.state).toBe('customer_signed');
			expect(applyTransition(signed, 'close', 'system')).toMatchObject({ ok: false, code: 'wrong_state' });
			expect(applyTransition(signed, 'countersign', 'customer')).toMatchObject({ ok: false, code: 'forbidden_role' });
			const closed = run(n, [['startReview', 'supervisor'], ['decide', 'supervisor'], ['sendDocumentForSigning', 'system'], ['signRemote', 'customer'], ['countersign', 'supervisor'], ['close', 'system']]);
			expect(closed.state).toBe('completed');
			// a refusal (or an approval from before documents were drafted) is notified and closed as before
			expect(run(n, [['startReview', 'supervisor'], ['decide', 'supervisor'], ['notifyDecision', 'supervisor'], ['close', 'supervisor']]).state).toBe('completed');
			// the site work's steps stay refused for paperwork
			expect(applyTransition(decided, 'requestRemoteSigning', 'supervisor')).toMatchObject({ ok: false, code: 'not_in_workflow' });
			expect(applyTransition({ ...signed, state: 'utility_signed' }, 'complete', 'system')).toMatchObject({ ok: false, code: 'not_in_workflow' });
			expect(applyTransition({ ...sent }, 'requestCorrection', 'customer')).toMatchObject({ ok: false, code: 'not_in_workflow' });
		}
		// 48 ends with an answer: no document, so none of the signing steps, in words
		const answer = run(48, [['startReview', 'supervisor'], ['decide', 'supervisor']]);
		for (const step of DOCUMENT_SIGNING_STEPS) expect(applyTransition({ ...answer, state: step === 'countersign' ? 'customer_signed' : step === 'signRemote' ? 'awaiting_remote_signature' : 'decided' }, step, step === 'signRemote' ? 'customer' : 'supervisor')).toMatchObject({ ok: false, code: 'not_in_workflow' });
		const refused = applyTransition(answer, 'sendDocumentForSigning', 'supervisor');
		if (!refused.ok) expect(refused.reason.vi).toBe('Thao tác "Gửi quyết định và văn bản cho khách hàng ký" không thuộc quy trình "Xét duyệt hồ sơ, không cần đến hiện trường" của dịch vụ số 48');
		expect(run(48, [['startReview', 'supervisor'], ['decide', 'supervisor'], ['notifyDecision', 'supervisor'], ['close', 'supervisor']]).state).toBe('completed');
		// other processes never take the document's steps; the site work's countersigned contract completes, never closes
		expect(applyTransition({ state: 'decided', version: 1, installed: false, serviceNumber: 74 }, 'sendDocumentForSigning', 'supervisor')).toMatchObject({ ok: false, code: 'not_in_workflow' });
		expect(applyTransition({ state: 'utility_signed', version: 1, installed: true, serviceNumber: 1 }, 'close', 'system')).toMatchObject({ ok: false, code: 'not_in_workflow' });
		const anyService = applyTransition({ state: 'utility_signed', version: 1, installed: true }, 'close', 'system');
		expect(anyService).toMatchObject({ ok: false, code: 'guard_failed' });
	});

	it('sends a crew only where the process has a visit, with the job of its kind', () => {
		expect(dispatchStepOf(1)).toEqual({ transition: 'scheduleSurvey', jobKind: 'survey' });
		expect(dispatchStepOf(41)).toEqual({ transition: 'scheduleSurvey', jobKind: 'meter_check' });
		expect(dispatchStepOf(52)).toEqual({ transition: 'dispatchCrew', jobKind: 'repair' });
		for (const kind of ['paperwork', 'complaint', 'reading_complaint', 'inquiry'] as const) {
			for (const n of servicesOfKind(kind)) {
				expect(dispatchStepOf(n), `service ${n}`).toBeNull();
				expect(needsVisit(n)).toBe(false);
			}
			expect(PROCESSES[kind].crewJobs).toEqual({});
		}
	});

	it('names steps and states as the service calls them, and keeps the catalog deadline', () => {
		expect(transitionLabelFor('scheduleSurvey', 41).vi).toBe('Hẹn kiểm tra công tơ');
		expect(transitionLabelFor('scheduleSurvey', 1).vi).toBe('Hẹn lịch khảo sát');
		expect(stateLabelFor('survey_scheduled', 42).vi).toBe('Đã hẹn kiểm tra công tơ');
		expect(stateLabelFor('under_review', 50).vi).toBe('Đang xem xét hồ sơ');
		expect(processingTimeOf(50)).toEqual({ kind: 'working_days', value: 1 });
		expect(processingTimeOf(52)).toEqual({ kind: 'hours', value: 2 });
		expect(processingTimeOf(74)).toEqual({ kind: 'working_days', value: 3 });
		expect(processingTimeOf(56)).toEqual({ kind: 'immediate' });
	});

	it('tells the customer at the steps that change what they were told', () => {
		expect(PROCESSES.paperwork.notices.notifyDecision).toBe('decision');
		expect(PROCESSES.complaint.notices.answerCustomer).toBe('answer');
		expect(PROCESSES.field_response.notices.dispatchCrew).toBe('crew_dispatched');
		for (const kind of PROCESS_KINDS) {
			for (const step of Object.keys(PROCESSES[kind].notices)) expect(PROCESSES[kind].transitions).toContain(step);
			for (const step of Object.keys(PROCESSES[kind].crewJobs)) expect(PROCESSES[kind].transitions).toContain(step);
		}
	});
});
