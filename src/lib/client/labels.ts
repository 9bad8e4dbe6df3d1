// Domain values turned into UI text in the current language. Message functions read the language store, so callers
// follow a switch.
import type { MeterCheckAction, MeterTestResult } from '$lib/domain/commands';
import { fieldCommand } from '$lib/domain/field-commands';
import type { MeterType, ReadingSource } from '$lib/domain/readings';
import { findService, type ProcessingTime } from '$lib/domain/catalog';
import { ROLE_LABELS, transitionLabelFor, isTransitionName, type Role } from '$lib/domain/workflow';
import { i18n } from '$lib/i18n.svelte';
import type { LoginField, LoginOutcome } from './auth';
import { checkActionText, checkResultText } from '$lib/meter-check-words';
import { m } from '$lib/paraglide/messages.js';
import { schemaMessage } from '$lib/domain/schema-messages';
export { kindLabel, jobStatusLabel, stateLabel, weekdayName, weekdayAndDate, relativeDayName, deadlineWhen, timeLeftText, syncErrorText } from './job-list-labels';

const commandStatusMessages = { pending: m.crew_command_status_pending, applied: m.crew_command_status_applied, rejected: m.crew_command_status_rejected };
const surveySiteMessages = { good: m.crew_survey_site_good, cramped: m.crew_survey_site_cramped, wet: m.crew_survey_site_wet, hazardous: m.crew_survey_site_hazardous };
const surveyRouteMessages = { overhead: m.crew_survey_route_overhead, underground: m.crew_survey_route_underground, conduit: m.crew_survey_route_conduit };
const estimateSideMessages = { customer: m.common_customer, utility: m.common_utility };
const remoteReasonMessages = { customer_absent: m.crew_remote_reason_customer_absent, customer_prefers_online: m.crew_remote_reason_customer_prefers_online };
const meterTypeMessages = { mechanical: m.common_meter_type_mechanical, electronic: m.common_meter_type_electronic };
const meterSourceMessages = { utility: m.crew_meter_source_utility, crew: m.crew_meter_source_crew, customer: m.common_meter_source_customer };
const gpsMessages = { title: m.crew_gps_title, locating: m.crew_gps_locating, fix: m.crew_gps_fix, poorAccuracy: m.crew_gps_poorAccuracy, denied: m.crew_gps_denied, unavailable: m.crew_gps_unavailable, timeout: m.crew_gps_timeout, unsupported: m.crew_gps_unsupported, none: m.crew_gps_none, retry: m.crew_gps_retry };

/** The role of a history entry; 'admin' and unknown roles fall back to the raw value. */
export function roleLabel(role: string): string {
	return Object.prototype.hasOwnProperty.call(ROLE_LABELS, role) ? i18n.label(ROLE_LABELS[role as Role]) : role;
}

/** With the request's service, a meter check's steps read as a meter check's. */
export function transitionLabel(name: string, serviceNumber?: number): string {
	return isTransitionName(name) ? i18n.label(transitionLabelFor(name, serviceNumber)) : name;
}

/** The catalog name (Vietnamese in both languages), or "Dịch vụ số N" for a number the catalog lacks. */
export function serviceName(serviceNumber: number): string {
	return findService(serviceNumber)?.name ?? m.crew_service_number({ number: serviceNumber });
}

export function processingTimeText(time: ProcessingTime): string {
	switch (time.kind) {
		case 'working_days':
			return m.common_processing_working_days({ n: time.value });
		case 'hours':
			return m.common_processing_hours({ n: time.value });
		case 'immediate':
			return m.crew_processing_immediate();
		case 'by_agreement':
			return m.crew_processing_by_agreement();
		case 'per_contract':
			return m.common_processing_per_contract();
	}
}

export interface LoginFailureText {
	/** The message above the form, or null when the field messages say it all. */
	form: string | null;
	fields: Partial<Record<LoginField, string>>;
}

/** The server's Vietnamese wording is preferred when the UI is Vietnamese; otherwise our own text. */
export function loginFailureText(failure: Extract<LoginOutcome, { ok: false }>): LoginFailureText {
	const serverText = i18n.lang === 'vi' ? failure.serverMessage : undefined;
	switch (failure.kind) {
		case 'missing_fields': {
			const fields: LoginFailureText['fields'] = {};
			if (failure.fields?.username !== undefined) fields.username = m.crew_login_usernameRequired();
			if (failure.fields?.password !== undefined) fields.password = m.crew_login_passwordRequired();
			return { form: null, fields };
		}
		case 'invalid_credentials':
			return { form: serverText ?? m.crew_login_invalidCredentials(), fields: {} };
		case 'throttled': {
			const minutes = Math.max(1, Math.ceil((failure.retryAfterSeconds ?? 60) / 60));
			return { form: serverText ?? m.crew_login_throttled({ minutes }), fields: {} };
		}
		case 'validation': {
			const fields: LoginFailureText['fields'] = {};
			for (const field of ['username', 'password'] as const) {
				const text = failure.fields?.[field];
				if (text !== undefined) fields[field] = i18n.lang === 'vi' && text ? text : m.crew_login_fieldInvalid();
			}
			return { form: serverText ?? m.crew_login_validation(), fields };
		}
		case 'offline':
			return { form: m.crew_login_offline(), fields: {} };
		case 'server':
			return { form: m.common_error_server({ status: failure.status ?? '?' }), fields: {} };
	}
}

// ——— field work (issue 3) ———

/** "Kết quả khảo sát" / "Dự toán": the registry entry's label; an unknown command name is shown as is. */
export function commandNameLabel(name: string): string {
	return fieldCommand(name)?.label() ?? name;
}

export function commandStatusLabel(status: 'pending' | 'applied' | 'rejected'): string {
	return commandStatusMessages[status]();
}

export function siteConditionLabel(condition: 'good' | 'cramped' | 'wet' | 'hazardous'): string {
	return surveySiteMessages[condition]();
}

export function routeLabel(route: 'overhead' | 'underground' | 'conduit'): string {
	return surveyRouteMessages[route]();
}

export function phasesLabel(phases: 1 | 3): string {
	return (phases === 3 ? m.crew_survey_phase3 : m.crew_survey_phase1)();
}

export function costSideLabel(side: 'utility' | 'customer'): string {
	return estimateSideMessages[side]();
}

export function remoteReasonLabel(reason: 'customer_absent' | 'customer_prefers_online'): string {
	return remoteReasonMessages[reason]();
}

// ——— meter checks (issue 6) ———

export function meterTypeLabel(type: MeterType): string {
	return meterTypeMessages[type]();
}

export function meterPhasesLabel(phases: 1 | 3): string {
	return (phases === 3 ? m.crew_survey_phase3 : m.crew_survey_phase1)();
}

export function readingSourceLabel(source: ReadingSource): string {
	return meterSourceMessages[source]();
}

export function meterResultLabel(result: MeterTestResult): string {
	return checkResultText(result, i18n.lang);
}

export function meterActionLabel(action: MeterCheckAction): string {
	return checkActionText(action, i18n.lang);
}

export function gpsFailureText(error: 'denied' | 'unavailable' | 'timeout' | 'unsupported'): string {
	return gpsMessages[error]();
}

/** A server reason ({vi, en}) in the UI language; a missing English text falls back to the Vietnamese. */
export function reasonText(reason: { vi: string; en: string } | undefined, fallback = ''): string {
	if (!reason) return fallback;
	return (i18n.lang === 'en' ? reason.en : reason.vi) || reason.vi || fallback;
}

/** A field message from the shared schemas (Vietnamese) in the UI language. */
export function fieldMessage(message: string): string {
	return schemaMessage(message);
}
