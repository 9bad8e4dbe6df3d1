// The workflow of seed 001 ("dây sau công tơ", wiring after the meter) as a pure state machine.
// Both the API server and the tablet call this module: no I/O, no clock, no ids. The caller
// supplies the snapshot, the transition name and the actor's role, and persists the result.
import { m } from '../paraglide/messages.js';
import { both, bothBy } from '../text';
import { processKindOf, processOfService, servicesOfKind, signedDocumentOf, transitionsOf } from './processes';

export const REQUEST_STATES = [
	'submitted',
	'survey_scheduled',
	'surveyed',
	'estimated',
	'paid',
	'contract_drafted',
	'awaiting_remote_signature',
	'correction_requested',
	'customer_signed',
	'utility_signed',
	'completed',
	'cancelled',
	// the other processes of the catalog (src/lib/domain/processes): paperwork, complaints and answers, field response
	'under_review',
	'decided',
	'investigating',
	'answered',
	'crew_dispatched',
	'fixed'
] as const;

export type RequestState = (typeof REQUEST_STATES)[number];

/** 'admin' users act as 'supervisor'; the caller maps them before calling. */
export type Role = 'customer' | 'crew' | 'supervisor' | 'system';

export const ROLES: readonly Role[] = Object.freeze(['customer', 'crew', 'supervisor', 'system'] as const);

export type TransitionName =
	| 'scheduleSurvey'
	| 'submitSurvey'
	| 'submitEstimate'
	| 'recordPayment'
	| 'draftContract'
	| 'recordInstallation'
	| 'recordMeterCheck'
	| 'signOnSite'
	| 'requestRemoteSigning'
	| 'sendInstalledAddendum'
	| 'signRemote'
	| 'requestCorrection'
	| 'answerCorrection'
	| 'countersign'
	| 'complete'
	| 'cancel'
	// paperwork (receive documents → review → decision → notice → closed)
	| 'startReview'
	| 'decide'
	| 'notifyDecision'
	// an approval that drafts a document (a new HĐMBĐ, a phụ lục, a renewal, a termination): the notice carries the
	// signing link; the customer signs (signRemote), the utility countersigns, and the request closes
	| 'sendDocumentForSigning'
	// complaints, look-ups and advice (investigate → answer in words → closed); a reading complaint may order a meter check
	| 'startInvestigation'
	| 'answerCustomer'
	| 'orderMeterCheck'
	// field response (dispatch a crew → fixed, with its report → closed)
	| 'dispatchCrew'
	| 'recordFix'
	| 'close';

export interface RequestSnapshot {
	state: RequestState;
	version: number;
	installed: boolean;
	/** The catalog service; when given, transitions of the other workflow are refused (meter checks vs wiring). */
	serviceNumber?: number;
}

/** Catalog services that follow the meter check process (41 "Kiểm tra công tơ", 42 "Kiểm tra thiết bị đo đếm khác"…). */
export const METER_CHECK_SERVICES: readonly number[] = Object.freeze(servicesOfKind('meter_check'));

export function isMeterCheckService(serviceNumber: number): boolean {
	return processKindOf(serviceNumber) === 'meter_check';
}

function belongsToWorkflow(name: TransitionName, serviceNumber: number | undefined): boolean {
	if (serviceNumber === undefined) return true;
	return transitionsOf(serviceNumber).includes(name);
}

export interface Label {
	vi: string;
	en: string;
}

export interface TransitionDef {
	name: TransitionName;
	/** The step of seed 001 (1..13) this transition carries out; 0 for cancel and the meter check (seed 003). */
	step: number;
	from: readonly RequestState[];
	/** 'same': the state does not change (recordInstallation only sets `installed`). */
	to: RequestState | 'same';
	roles: readonly Role[];
	label: Label;
	/** null = allowed; otherwise the reason, in both languages (one of GUARD_REASONS). */
	guard?: (r: RequestSnapshot, role: Role) => Label | null;
	/** The transition records that the installation is done (the request's `installed`). */
	installs?: true;
}

export type RefusalCode =
	| 'unknown_transition'
	| 'wrong_state'
	| 'forbidden_role'
	| 'guard_failed'
	| 'stale_version'
	| 'not_in_workflow';

export type TransitionResult =
	| { ok: true; request: RequestSnapshot; from: RequestState; to: RequestState }
	| { ok: false; code: RefusalCode; reason: Label };

export const TERMINAL_STATES: readonly RequestState[] = Object.freeze(['completed', 'cancelled'] as const);

export const STATE_LABELS: Record<RequestState, Label> = Object.freeze({
	submitted: both(m.common_state_submitted),
	survey_scheduled: both(m.common_state_survey_scheduled),
	surveyed: both(m.common_state_surveyed),
	estimated: both(m.common_state_estimated),
	paid: both(m.common_state_paid),
	contract_drafted: both(m.common_state_contract_drafted),
	awaiting_remote_signature: both(m.common_state_awaiting_remote_signature),
	correction_requested: both(m.common_state_correction_requested),
	customer_signed: both(m.common_state_customer_signed),
	utility_signed: both(m.common_state_utility_signed),
	completed: both(m.common_state_completed),
	cancelled: both(m.common_jobStatus_cancelled),
	under_review: both(m.common_state_under_review),
	decided: both(m.common_state_decided),
	investigating: both(m.common_state_investigating),
	answered: both(m.common_state_answered),
	crew_dispatched: both(m.common_state_crew_dispatched),
	fixed: both(m.common_state_fixed)
});

/** The step's name as the request's service calls it (a meter check's dispatch is the visit for the check, not a survey). */
export function transitionLabelFor(name: TransitionName, serviceNumber?: number): Label {
	const process = serviceNumber !== undefined ? processOfService(serviceNumber) : undefined;
	return process?.transitionLabels?.[name] ?? TRANSITIONS[name].label;
}

/** The state's name as the request's service calls it (a meter check waits for the check, not for a survey). */
export function stateLabelFor(state: RequestState, serviceNumber?: number): Label {
	const process = serviceNumber !== undefined ? processOfService(serviceNumber) : undefined;
	return process?.stateLabels?.[state] ?? STATE_LABELS[state];
}

export const ROLE_LABELS: Record<Role, Label> = Object.freeze({
	customer: both(m.common_customer),
	crew: both(m.common_role_crew),
	supervisor: both(m.common_role_supervisor),
	system: both(m.common_role_system)
});

/** States from which a customer may still cancel (before payment). */
export const CUSTOMER_CANCELLABLE_STATES: readonly RequestState[] = Object.freeze([
	'submitted',
	'survey_scheduled',
	'surveyed',
	'estimated',
	'under_review',
	'investigating'
] as const);

/** Reasons the guards give. A guard returns the `vi` text; applyTransition adds the `en` one. */
export const GUARD_REASONS = Object.freeze({
	alreadyInstalled: both(m.common_guard_alreadyInstalled),
	notInstalled: both(m.common_guard_notInstalled),
	customerCancelAfterPayment: both(m.common_guard_customerCancelAfterPayment),
	closeSignedDocumentOnly: both(m.common_guard_closeSignedDocumentOnly)
} satisfies Record<string, Label>);

const NON_TERMINAL_STATES: readonly RequestState[] = REQUEST_STATES.filter(
	(s) => s !== 'completed' && s !== 'cancelled'
);

function def(d: TransitionDef): TransitionDef {
	return Object.freeze({
		...d,
		from: Object.freeze([...d.from]),
		roles: Object.freeze([...d.roles]),
		label: Object.freeze({ ...d.label })
	});
}

export const TRANSITIONS: Record<TransitionName, TransitionDef> = Object.freeze({
	scheduleSurvey: def({
		name: 'scheduleSurvey',
		step: 2,
		from: ['submitted'],
		to: 'survey_scheduled',
		roles: ['supervisor', 'system'],
		label: both(m.common_transition_scheduleSurvey)
	}),
	submitSurvey: def({
		name: 'submitSurvey',
		step: 3,
		from: ['survey_scheduled'],
		to: 'surveyed',
		roles: ['crew'],
		label: both(m.common_transition_submitSurvey)
	}),
	// Step 5 (notice of the amount to pay) is a side effect the server runs on this transition.
	submitEstimate: def({
		name: 'submitEstimate',
		step: 4,
		from: ['surveyed'],
		to: 'estimated',
		roles: ['crew', 'supervisor'],
		label: both(m.common_transition_submitEstimate)
	}),
	recordPayment: def({
		name: 'recordPayment',
		step: 6,
		from: ['estimated'],
		to: 'paid',
		roles: ['system', 'supervisor'],
		label: both(m.common_transition_recordPayment)
	}),
	draftContract: def({
		name: 'draftContract',
		step: 7,
		from: ['paid', 'correction_requested'],
		to: 'contract_drafted',
		roles: ['system', 'supervisor'],
		label: both(m.common_transition_draftContract)
	}),
	recordInstallation: def({
		name: 'recordInstallation',
		step: 8,
		from: [
			'contract_drafted',
			'awaiting_remote_signature',
			'correction_requested',
			'customer_signed',
			'utility_signed'
		],
		to: 'same',
		installs: true,
		roles: ['crew'],
		label: both(m.crew_action_install),
		guard: (r) => (r.installed ? GUARD_REASONS.alreadyInstalled : null)
	}),
	// Seed 003: the crew records the check with the customer's acknowledgement, and the check closes.
	recordMeterCheck: def({
		name: 'recordMeterCheck',
		step: 0,
		from: ['survey_scheduled'],
		to: 'completed',
		roles: ['crew'],
		label: both(m.common_transition_recordMeterCheck)
	}),
	signOnSite: def({
		name: 'signOnSite',
		step: 9,
		from: ['contract_drafted'],
		to: 'customer_signed',
		roles: ['crew'],
		label: both(m.crew_action_sign)
	}),
	requestRemoteSigning: def({
		name: 'requestRemoteSigning',
		step: 10,
		from: ['contract_drafted'],
		to: 'awaiting_remote_signature',
		roles: ['crew', 'supervisor', 'system'],
		label: both(m.common_transition_requestRemoteSigning)
	}),
	// An installation that differs from a contract the customer already signed: the system drafts the addendum for
	// what was installed and the request goes back to waiting for the customer's signature (on the portal), so no
	// countersignature or completion can rest on the version that no longer matches the installation.
	sendInstalledAddendum: def({
		name: 'sendInstalledAddendum',
		step: 10,
		from: ['customer_signed', 'utility_signed'],
		to: 'awaiting_remote_signature',
		roles: ['system'],
		label: both(m.common_transition_sendInstalledAddendum),
		// only what was installed sends it back: the installation is recorded first
		guard: (r) => (r.installed ? null : GUARD_REASONS.notInstalled)
	}),
	signRemote: def({
		name: 'signRemote',
		step: 11,
		from: ['awaiting_remote_signature'],
		to: 'customer_signed',
		roles: ['customer'],
		label: both(m.common_transition_signRemote)
	}),
	requestCorrection: def({
		name: 'requestCorrection',
		step: 11,
		from: ['awaiting_remote_signature'],
		to: 'correction_requested',
		roles: ['customer'],
		label: both(m.common_transition_requestCorrection)
	}),
	// The utility answers a correction without changing the contract; the customer can sign the version they have.
	// (A change is a new version: draftContract from correction_requested, then requestRemoteSigning.)
	answerCorrection: def({
		name: 'answerCorrection',
		step: 11,
		from: ['correction_requested'],
		to: 'awaiting_remote_signature',
		roles: ['supervisor'],
		label: both(m.common_transition_answerCorrection)
	}),
	countersign: def({
		name: 'countersign',
		step: 12,
		from: ['customer_signed'],
		to: 'utility_signed',
		roles: ['supervisor'],
		label: both(m.common_transition_countersign)
	}),
	complete: def({
		name: 'complete',
		step: 13,
		from: ['utility_signed'],
		to: 'completed',
		roles: ['system', 'supervisor'],
		label: both(m.common_transition_complete),
		guard: (r) => (r.installed ? null : GUARD_REASONS.notInstalled)
	}),
	// Paperwork (change of contract holder, payment method, renewal, termination, registration details, purpose, norm):
	// the documents are received at intake, reviewed, decided on, and the customer is told the decision.
	startReview: def({
		name: 'startReview',
		step: 0,
		from: ['submitted'],
		to: 'under_review',
		roles: ['supervisor'],
		label: both(m.common_transition_startReview)
	}),
	decide: def({
		name: 'decide',
		step: 0,
		from: ['under_review'],
		to: 'decided',
		roles: ['supervisor'],
		label: both(m.common_transition_decide)
	}),
	notifyDecision: def({
		name: 'notifyDecision',
		step: 0,
		from: ['decided'],
		to: 'answered',
		roles: ['supervisor', 'system'],
		label: both(m.common_transition_notifyDecision)
	}),
	// The approval drafted the service's document (src/lib/domain/processes/documents.ts): the decision is sent with
	// the link to sign it on the portal. Only the services whose document is signed take it (processes/index.ts).
	sendDocumentForSigning: def({
		name: 'sendDocumentForSigning',
		step: 0,
		from: ['decided'],
		to: 'awaiting_remote_signature',
		roles: ['supervisor', 'system'],
		label: both(m.common_transition_sendDocumentForSigning)
	}),
	// Complaints, look-ups and advice: the unit investigates and answers the customer in words.
	startInvestigation: def({
		name: 'startInvestigation',
		step: 0,
		from: ['submitted'],
		to: 'investigating',
		roles: ['supervisor'],
		label: both(m.common_transition_startInvestigation)
	}),
	answerCustomer: def({
		name: 'answerCustomer',
		step: 0,
		from: ['submitted', 'investigating'],
		to: 'answered',
		roles: ['supervisor'],
		label: both(m.common_transition_answerCustomer)
	}),
	// A reading complaint (service 75) answered by checking the meter: a meter check request (service 41) is opened.
	orderMeterCheck: def({
		name: 'orderMeterCheck',
		step: 0,
		from: ['submitted', 'investigating'],
		to: 'answered',
		roles: ['supervisor'],
		label: both(m.common_transition_orderMeterCheck)
	}),
	// Field response (power outage, safety, incident, reconnection): a crew goes at once and reports what it fixed.
	dispatchCrew: def({
		name: 'dispatchCrew',
		step: 0,
		from: ['submitted'],
		to: 'crew_dispatched',
		roles: ['supervisor', 'system'],
		label: both(m.common_transition_dispatchCrew)
	}),
	recordFix: def({
		name: 'recordFix',
		step: 0,
		from: ['crew_dispatched'],
		to: 'fixed',
		roles: ['crew', 'supervisor'],
		label: both(m.common_transition_recordFix)
	}),
	close: def({
		name: 'close',
		step: 0,
		// utility_signed: a paperwork document both parties signed (site work completes by `complete` instead)
		from: ['answered', 'fixed', 'utility_signed'],
		to: 'completed',
		roles: ['supervisor', 'system'],
		label: both(m.common_transition_close),
		guard: (r) =>
			r.state === 'utility_signed' && !(r.serviceNumber !== undefined && signedDocumentOf(r.serviceNumber)) ? GUARD_REASONS.closeSignedDocumentOnly : null
	}),
	cancel: def({
		name: 'cancel',
		step: 0,
		from: NON_TERMINAL_STATES,
		to: 'cancelled',
		roles: ['supervisor', 'customer'],
		label: both(m.common_transition_cancel),
		guard: (r, role) =>
			role === 'customer' && !CUSTOMER_CANCELLABLE_STATES.includes(r.state)
				? GUARD_REASONS.customerCancelAfterPayment
				: null
	})
});

/** Transition names in the order of the workflow (cancel last). */
export const TRANSITION_NAMES: readonly TransitionName[] = Object.freeze(
	Object.keys(TRANSITIONS) as TransitionName[]
);

export function isTerminal(state: RequestState): boolean {
	return TERMINAL_STATES.includes(state);
}

export function isTransitionName(name: string): name is TransitionName {
	return Object.prototype.hasOwnProperty.call(TRANSITIONS, name);
}

function stateLabel(state: string): Label {
	return Object.prototype.hasOwnProperty.call(STATE_LABELS, state)
		? STATE_LABELS[state as RequestState]
		: { vi: state, en: state };
}

function roleLabel(role: string): Label {
	return Object.prototype.hasOwnProperty.call(ROLE_LABELS, role)
		? ROLE_LABELS[role as Role]
		: { vi: role, en: role };
}

function processLabel(serviceNumber: number | undefined): Label {
	const process = serviceNumber !== undefined ? processOfService(serviceNumber) : undefined;
	return process?.label ?? both(m.common_process_unknown);
}


function refuse(code: RefusalCode, reason: Label): TransitionResult {
	return { ok: false, code, reason };
}

/**
 * Try one transition. Never mutates `req`; on success returns a new snapshot with version + 1.
 * Checks, in order: unknown transition, other workflow, stale base version, wrong state, forbidden role, guard.
 */
export function applyTransition(
	req: RequestSnapshot,
	name: TransitionName | string,
	role: Role,
	opts?: { baseVersion?: number }
): TransitionResult {
	if (!isTransitionName(name)) return refuse('unknown_transition', both(m.common_refusal_unknownTransition, { name }));
	const t = TRANSITIONS[name];
	const st = stateLabel(req.state);
	// the step's, the state's, the role's and the process's names, each in the reader's language
	const words = (lang: 'vi' | 'en') => ({ step: t.label[lang], state: st[lang] });

	if (!belongsToWorkflow(name, req.serviceNumber)) {
		const process = processLabel(req.serviceNumber);
		return refuse('not_in_workflow', bothBy(m.common_refusal_notInWorkflow, (lang) => ({ step: t.label[lang], process: process[lang], service: req.serviceNumber ?? '' })));
	}

	const base = opts?.baseVersion;
	if (base !== undefined && base !== null && base !== req.version) {
		return refuse('stale_version', bothBy(m.common_refusal_staleVersion, (lang) => ({ ...words(lang), yours: base, server: req.version })));
	}

	if (!t.from.includes(req.state)) return refuse('wrong_state', bothBy(m.common_refusal_wrongState, words));

	if (!t.roles.includes(role)) {
		const rl = roleLabel(role);
		return refuse('forbidden_role', bothBy(m.common_refusal_forbiddenRole, (lang) => ({ ...words(lang), role: rl[lang] })));
	}

	const guardReason = t.guard ? t.guard(req, role) : null;
	if (guardReason !== null) return refuse('guard_failed', bothBy(m.common_refusal_guardFailed, (lang) => ({ ...words(lang), reason: guardReason[lang] })));

	const to: RequestState = t.to === 'same' ? req.state : t.to;
	const request: RequestSnapshot = {
		state: to,
		version: req.version + 1,
		installed: t.installs ? true : req.installed,
		...(req.serviceNumber !== undefined ? { serviceNumber: req.serviceNumber } : {})
	};
	return { ok: true, request, from: req.state, to };
}

/** The transitions `role` may apply to `req` right now, in workflow order. */
export function availableTransitions(req: RequestSnapshot, role: Role): TransitionName[] {
	return TRANSITION_NAMES.filter((n) => applyTransition(req, n, role).ok);
}
