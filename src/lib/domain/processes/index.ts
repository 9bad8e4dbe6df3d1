// Every service of the catalog (seed 002) follows one of a few processes, declared here once: its steps (workflow
// transitions, with their states, roles and guards in ../workflow.ts), which steps send a crew and for which job,
// which steps tell the customer something, and its deadline (the catalog's processing time).
// Pure: no I/O, no clock. Only types come from ../workflow, so the workflow can ask this module which steps a
// service may take without an import cycle.
import { m } from '../../paraglide/messages.js';
import { both } from '../../text';
import { getService, type ProcessingTime } from '../catalog';
import { documentOf, paperworkTitle, type CustomerDocument } from './documents';
import type { JobKind } from '../api';
import type { Label, RequestState, TransitionName } from '../workflow';

export const PROCESS_KINDS = ['site_work', 'meter_check', 'paperwork', 'field_response', 'complaint', 'reading_complaint', 'inquiry'] as const;
export type ProcessKind = (typeof PROCESS_KINDS)[number];

/** What the customer is told at a step (SMS and email; the server writes the words). */
export type NoticeKind =
	| 'survey_scheduled'
	| 'amount_due'
	| 'signing_code'
	| 'signing_link'
	| 'meter_check_visit'
	| 'meter_check_result'
	| 'crew_dispatched'
	| 'fixed'
	| 'decision'
	| 'answer'
	| 'meter_check_ordered'
	| 'request_cancelled'
	| 'document_to_sign';

export interface ProcessDef {
	kind: ProcessKind;
	label: Label;
	/** The steps this process takes, in order (cancel last); any other transition is refused for its services. */
	transitions: readonly TransitionName[];
	/** Steps that give a crew a job, and the job's kind. A process without any never creates a crew job. */
	crewJobs: Partial<Record<TransitionName, JobKind>>;
	/** Steps that tell the customer something. */
	notices: Partial<Record<TransitionName, NoticeKind>>;
	/** Names a state or a step takes in this process when they differ from the workflow's own. */
	stateLabels?: Partial<Record<RequestState, Label>>;
	transitionLabels?: Partial<Record<TransitionName, Label>>;
}

function process(def: ProcessDef): ProcessDef {
	return Object.freeze({ ...def, transitions: Object.freeze([...def.transitions]) });
}

export const PROCESSES: Record<ProcessKind, ProcessDef> = Object.freeze({
	// Seed 001's 13 steps: survey, estimate, payment of the customer's share, contract, installation, signatures.
	site_work: process({
		kind: 'site_work',
		label: both(m.common_process_site_work),
		transitions: [
			'scheduleSurvey', 'submitSurvey', 'submitEstimate', 'recordPayment', 'draftContract', 'recordInstallation', 'signOnSite',
			'requestRemoteSigning', 'sendInstalledAddendum', 'signRemote', 'requestCorrection', 'answerCorrection', 'countersign',
			'complete', 'cancel'
		],
		crewJobs: { scheduleSurvey: 'survey', draftContract: 'installation' },
		notices: { scheduleSurvey: 'survey_scheduled', submitEstimate: 'amount_due', draftContract: 'signing_code', requestRemoteSigning: 'signing_link', sendInstalledAddendum: 'signing_link', cancel: 'request_cancelled' }
	}),
	// Seed 003: a crew checks the meter on site, the customer acknowledges the result with a code, the check closes.
	meter_check: process({
		kind: 'meter_check',
		label: both(m.common_process_meter_check),
		transitions: ['scheduleSurvey', 'recordMeterCheck', 'cancel'],
		crewJobs: { scheduleSurvey: 'meter_check' },
		notices: { scheduleSurvey: 'meter_check_visit', recordMeterCheck: 'meter_check_result', cancel: 'request_cancelled' },
		stateLabels: { survey_scheduled: both(m.common_state_meterCheckScheduled) },
		transitionLabels: { scheduleSurvey: both(m.common_transition_scheduleMeterCheck) }
	}),
	// Documents only: received at intake, reviewed, decided, the customer told the decision; no visit, no payment.
	paperwork: process({
		kind: 'paperwork',
		label: both(m.common_process_paperwork),
		// an approval whose service ends with a signed document (DOCUMENT_SIGNING_STEPS) is sent with the link to sign it,
		// signed by the customer on the portal and countersigned by the utility, then closes; a refusal, and 48's
		// answer, are notified and closed
		transitions: ['startReview', 'decide', 'notifyDecision', 'sendDocumentForSigning', 'signRemote', 'countersign', 'close', 'cancel'],
		crewJobs: {},
		notices: { notifyDecision: 'decision', sendDocumentForSigning: 'document_to_sign', cancel: 'request_cancelled' }
	}),
	// Outage, safety, incident, reconnection: a crew goes at once (hours), reports the fix, the request closes.
	field_response: process({
		kind: 'field_response',
		label: both(m.common_process_field_response),
		transitions: ['dispatchCrew', 'recordFix', 'close', 'cancel'],
		crewJobs: { dispatchCrew: 'repair' },
		notices: { dispatchCrew: 'crew_dispatched', recordFix: 'fixed', cancel: 'request_cancelled' }
	}),
	// Complaints: investigated, answered in words (SMS and email, kept in the history), closed.
	complaint: process({
		kind: 'complaint',
		label: both(m.common_process_complaint),
		transitions: ['startInvestigation', 'answerCustomer', 'close', 'cancel'],
		crewJobs: {},
		notices: { answerCustomer: 'answer', cancel: 'request_cancelled' }
	}),
	// A complaint about a reading (75): answered in words, or by a meter check (a service-41 request), then closed.
	reading_complaint: process({
		kind: 'reading_complaint',
		label: both(m.common_process_reading_complaint),
		transitions: ['startInvestigation', 'answerCustomer', 'orderMeterCheck', 'close', 'cancel'],
		crewJobs: {},
		notices: { answerCustomer: 'answer', orderMeterCheck: 'meter_check_ordered', cancel: 'request_cancelled' }
	}),
	// Look-ups and advice: answered by the unit, closed.
	inquiry: process({
		kind: 'inquiry',
		label: both(m.common_process_inquiry),
		transitions: ['answerCustomer', 'close', 'cancel'],
		crewJobs: {},
		notices: { answerCustomer: 'answer', cancel: 'request_cancelled' }
	})
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * The catalog's services by process (seed 002's descriptions and cost split; docs/processes.md says why):
 * new supply, capacity, meter type and position changes and the after-meter wiring (66) need a survey, an estimate
 * and a contract; meter checks and calibration (41–43) a meter check; purpose, price norm, contract holder,
 * registration details, payment method, renewal and termination are paperwork; reconnection (44–47) and the safety,
 * outage and incident reports (51–53) a crew at once; complaints (71–79) an answer, a reading complaint (75) maybe a
 * meter check; look-ups and advice (56–70 but 66) an answer.
 */
const SERVICES_BY_KIND: Record<ProcessKind, readonly number[]> = {
	site_work: [...range(1, 34), 66],
	meter_check: [41, 42, 43],
	paperwork: [...range(35, 40), 48, 49, 50, 54, 55],
	field_response: [...range(44, 47), 51, 52, 53],
	complaint: [71, 72, 73, 74, 76, 77, 78, 79],
	reading_complaint: [75],
	inquiry: [...range(56, 65), ...range(67, 70)]
};

const KIND_OF_SERVICE = new Map<number, ProcessKind>(
	PROCESS_KINDS.flatMap((kind) => SERVICES_BY_KIND[kind].map((n) => [n, kind] as [number, ProcessKind]))
);

/** The process kind of a catalog service, or undefined for a number outside the catalog. */
export function processKindOf(serviceNumber: number): ProcessKind | undefined {
	return KIND_OF_SERVICE.get(serviceNumber);
}

export function processOfService(serviceNumber: number): ProcessDef | undefined {
	const kind = KIND_OF_SERVICE.get(serviceNumber);
	return kind ? PROCESSES[kind] : undefined;
}

/** The documents a paperwork approval drafts and the customer signs; the other paperwork services end with an answer. */
export const SIGNED_PAPERWORK_DOCUMENTS = ['purchase_contract', 'amendment', 'renewal', 'termination'] as const satisfies readonly CustomerDocument[];
export type SignedPaperworkDocument = (typeof SIGNED_PAPERWORK_DOCUMENTS)[number];

/** The steps of the paperwork process that only a service with a signed document takes. */
export const DOCUMENT_SIGNING_STEPS: readonly TransitionName[] = Object.freeze(['sendDocumentForSigning', 'signRemote', 'countersign']);

/**
 * The document a paperwork service's approval drafts for the customer to sign (a new HĐMBĐ for a new holder 39–40,
 * a phụ lục 35–38, 49, 50, a renewal 54, a termination 55); null for 48 (an answer) and every other process.
 */
export function signedDocumentOf(serviceNumber: number): SignedPaperworkDocument | null {
	if (processKindOf(serviceNumber) !== 'paperwork') return null;
	const doc = documentOf(serviceNumber);
	return doc && (SIGNED_PAPERWORK_DOCUMENTS as readonly string[]).includes(doc) ? (doc as SignedPaperworkDocument) : null;
}

/** The title of the paperwork document a service's approval drafts ("Phụ lục hợp đồng mua bán điện"); null when none is signed. */
export function signedDocumentTitleOf(serviceNumber: number): Label | null {
	const doc = signedDocumentOf(serviceNumber);
	return doc ? paperworkTitle(doc) : null;
}

/** The steps a service may take: its process's, without the document's signing for a paperwork service that has none. */
export function transitionsOf(serviceNumber: number): readonly TransitionName[] {
	const def = processOfService(serviceNumber);
	if (!def) return [];
	if (def.kind === 'paperwork' && !signedDocumentOf(serviceNumber)) return def.transitions.filter((name) => !DOCUMENT_SIGNING_STEPS.includes(name));
	return def.transitions;
}

/** The catalog services that follow a process kind, ascending. */
export function servicesOfKind(kind: ProcessKind): number[] {
	return [...SERVICES_BY_KIND[kind]].sort((a, b) => a - b);
}

/** The step of a service's process that sends a crew from a new request, with the job's kind; null when no visit. */
export function dispatchStepOf(serviceNumber: number): { transition: TransitionName; jobKind: JobKind } | null {
	const def = processOfService(serviceNumber);
	if (!def) return null;
	for (const name of def.transitions) {
		const jobKind = def.crewJobs[name];
		if (jobKind && (name === 'scheduleSurvey' || name === 'dispatchCrew')) return { transition: name, jobKind };
	}
	return null;
}

/** Whether any step of the service's process sends a crew. */
export function needsVisit(serviceNumber: number): boolean {
	const def = processOfService(serviceNumber);
	return def ? Object.keys(def.crewJobs).length > 0 : false;
}

/** The deadline rule of the service: the catalog's processing time (working days, hours, immediate…). */
export function processingTimeOf(serviceNumber: number): ProcessingTime {
	return getService(serviceNumber).processingTime;
}
