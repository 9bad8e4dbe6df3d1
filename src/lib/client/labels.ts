// Domain values turned into UI text in the current language. Message functions read the language store, so callers
// follow a switch.
import type { JobKind, JobStatus } from '$lib/domain/api';
import type { CommandName, MeterCheckAction, MeterTestResult } from '$lib/domain/commands';
import type { MeterType, ReadingSource } from '$lib/domain/readings';
import { findService, type ProcessingTime } from '$lib/domain/catalog';
import {
	ROLE_LABELS,
	stateLabelFor,
	transitionLabelFor,
	isTransitionName,
	type RequestState,
	type Role
} from '$lib/domain/workflow';
import { i18n } from '$lib/i18n.svelte';
import type { DayGroup, TimeLeft } from './job-view';
import type { SyncError } from './sync';
import type { LoginField, LoginOutcome } from './auth';
import { dayMonth, dayMonthYear, vnClock } from './vn-time';
import { vnDateOf } from '$lib/domain/sla';
import { m } from '$lib/paraglide/messages.js';

const commandStatusMessages = { pending: m.crew_command_status_pending, applied: m.crew_command_status_applied, rejected: m.crew_command_status_rejected };
const surveySiteMessages = { good: m.crew_survey_site_good, cramped: m.crew_survey_site_cramped, wet: m.crew_survey_site_wet, hazardous: m.crew_survey_site_hazardous };
const surveyRouteMessages = { overhead: m.crew_survey_route_overhead, underground: m.crew_survey_route_underground, conduit: m.crew_survey_route_conduit };
const estimateSideMessages = { customer: m.common_customer, utility: m.common_utility };
const remoteReasonMessages = { customer_absent: m.crew_remote_reason_customer_absent, customer_prefers_online: m.crew_remote_reason_customer_prefers_online };
const meterTypeMessages = { mechanical: m.common_meter_type_mechanical, electronic: m.common_meter_type_electronic };
const meterSourceMessages = { utility: m.crew_meter_source_utility, crew: m.crew_meter_source_crew, customer: m.common_meter_source_customer };
const checkResultMessages = { accurate: m.crew_check_result_accurate, fast: m.common_check_result_fast, slow: m.common_check_result_slow, stopped: m.common_check_result_stopped, damaged: m.common_check_result_damaged, clock_drift: m.common_check_result_clock_drift };
const checkActionMessages = { none: m.crew_check_action_none, adjusted: m.common_check_action_adjusted, replaced: m.common_check_action_replaced };
const gpsMessages = { title: m.crew_gps_title, locating: m.crew_gps_locating, fix: m.crew_gps_fix, poorAccuracy: m.crew_gps_poorAccuracy, denied: m.crew_gps_denied, unavailable: m.crew_gps_unavailable, timeout: m.crew_gps_timeout, unsupported: m.crew_gps_unsupported, none: m.crew_gps_none, retry: m.crew_gps_retry };

const KIND_MESSAGES: Record<JobKind, () => string> = {
	survey: m.common_kind_survey,
	installation: m.crew_kind_installation,
	meter_check: m.common_kind_meter_check
};

const JOB_STATUS_MESSAGES: Record<JobStatus, () => string> = {
	assigned: m.crew_jobStatus_assigned,
	done: m.common_jobStatus_done,
	cancelled: m.common_jobStatus_cancelled
};

const WEEKDAY_MESSAGES: readonly (() => string)[] = [
	m.crew_day_weekday0,
	m.crew_day_weekday1,
	m.crew_day_weekday2,
	m.crew_day_weekday3,
	m.crew_day_weekday4,
	m.crew_day_weekday5,
	m.crew_day_weekday6
];

export function kindLabel(kind: JobKind): string {
	return KIND_MESSAGES[kind]();
}

export function jobStatusLabel(status: JobStatus): string {
	return JOB_STATUS_MESSAGES[status]();
}

/** With the request's service, a meter check's states read as a meter check's. */
export function stateLabel(state: RequestState, serviceNumber?: number): string {
	return i18n.label(stateLabelFor(state, serviceNumber));
}

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

export function weekdayName(weekday: number): string {
	return WEEKDAY_MESSAGES[weekday]();
}

/** "Thứ Năm, 27/11". */
export function weekdayAndDate(group: Pick<DayGroup, 'date' | 'weekday'>): string {
	return `${weekdayName(group.weekday)}, ${dayMonth(group.date)}`;
}

/** "Hôm nay" / "Ngày mai" / "Hôm qua", or null when the day has no relative name. */
export function relativeDayName(group: Pick<DayGroup, 'relation'>): string | null {
	switch (group.relation) {
		case 'today':
			return m.crew_day_today();
		case 'tomorrow':
			return m.crew_day_tomorrow();
		case 'yesterday':
			return m.crew_day_yesterday();
		default:
			return null;
	}
}

/** A deadline as the crew reads it: end-of-day deadlines (working-day SLAs) as a date, others with the hour. */
export function deadlineWhen(deadline: Date): string {
	const clock = vnClock(deadline);
	const date = dayMonthYear(vnDateOf(deadline));
	return clock === '23:59' ? date : `${clock} ${date}`;
}

export function timeLeftText(left: TimeLeft): string {
	switch (left.unit) {
		case 'working_days':
			return (left.late ? m.crew_deadline_overdueWorkingDays : m.crew_deadline_workingDaysLeft)({ n: left.n });
		case 'hours':
			if (left.m === null) return (left.late ? m.crew_deadline_overdueWholeHours : m.crew_deadline_wholeHoursLeft)({ h: left.h });
			return (left.late ? m.crew_deadline_overdueHours : m.crew_deadline_hoursLeft)({ h: left.h, m: left.m });
		case 'minutes':
			return (left.late ? m.crew_deadline_overdueMinutes : m.crew_deadline_minutesLeft)({ m: left.m });
	}
}

export function syncErrorText(error: SyncError): string {
	switch (error.kind) {
		case 'offline':
			return m.crew_sync_error_offline();
		case 'timeout':
			return m.crew_sync_error_timeout();
		case 'auth':
			return m.crew_sync_error_auth();
		case 'server':
			return m.crew_sync_error_server({ status: error.status ?? '?' });
		case 'invalid_response':
			return m.crew_sync_error_invalid_response();
		case 'storage':
			return m.crew_sync_error_storage();
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

const COMMAND_MESSAGES: Record<string, () => string> = {
	submitSurvey: m.crew_command_submitSurvey,
	submitEstimate: m.common_command_submitEstimate,
	recordInstallation: m.crew_command_recordInstallation,
	signOnSite: m.crew_command_signOnSite,
	requestRemoteSigning: m.crew_command_requestRemoteSigning,
	recordMeterCheck: m.common_command_recordMeterCheck
} satisfies Record<CommandName, () => string>;

/** "Kết quả khảo sát" / "Dự toán"; an unknown command name is shown as is. */
export function commandNameLabel(name: string): string {
	const message = Object.prototype.hasOwnProperty.call(COMMAND_MESSAGES, name) ? COMMAND_MESSAGES[name] : undefined;
	return message ? message() : name;
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
	return checkResultMessages[result]();
}

export function meterActionLabel(action: MeterCheckAction): string {
	return checkActionMessages[action]();
}

/** A kWh figure the Vietnamese way, whatever the UI language: "12.345,6". */
export function formatKwh(kwh: number): string {
	return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(kwh);
}

/** A signed error percentage: "+2,5 %", "-1 %". */
export function formatErrorPercent(percent: number): string {
	return `${percent > 0 ? '+' : ''}${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(percent)} %`;
}

export function gpsFailureText(error: 'denied' | 'unavailable' | 'timeout' | 'unsupported'): string {
	return gpsMessages[error]();
}

/** A server reason ({vi, en}) in the UI language; a missing English text falls back to the Vietnamese. */
export function reasonText(reason: { vi: string; en: string } | undefined, fallback = ''): string {
	if (!reason) return fallback;
	return (i18n.lang === 'en' ? reason.en : reason.vi) || reason.vi || fallback;
}

/** English for the Vietnamese messages of the shared command schemas (they are written once, in Vietnamese). */
const FIELD_MESSAGES_EN: Record<string, string> = {
	'Chọn khách hàng có mặt hay không': 'Choose whether the customer is present',
	'Chọn điều kiện hiện trường': 'Choose the site condition',
	'Nhập khoảng cách (m)': 'Enter the distance (m)',
	'Khoảng cách từ công tơ đến nhà từ 1 m': 'The distance from meter to house is at least 1 m',
	'Khoảng cách tối đa 500 m (xa hơn cần phương án cấp điện riêng)': 'At most 500 m (farther needs a separate supply design)',
	'Chọn 1 pha hoặc 3 pha': 'Choose single or three phase',
	'Nhập công suất dự kiến (kW)': 'Enter the expected load (kW)',
	'Công suất dự kiến phải lớn hơn 0': 'The expected load must be more than 0',
	'Công suất dự kiến tối đa 200 kW cho cấp điện hạ áp': 'At most 200 kW for a low-voltage supply',
	'Chọn cách đi dây': 'Choose the cable route',
	'Tối đa 500 ký tự': 'At most 500 characters',
	'Tối đa 2000 ký tự': 'At most 2000 characters',
	'Cần ít nhất 1 ảnh hiện trường': 'At least 1 site photo is needed',
	'Cần ít nhất 1 ảnh công tơ': 'At least 1 meter photo is needed',
	'Tối đa 10 ảnh': 'At most 10 photos',
	'Mã ảnh (SHA-256) không hợp lệ': 'Invalid photo hash (SHA-256)',
	'Mã vật tư không có trong danh mục': 'This material code is not in the price list',
	'Nhập số lượng': 'Enter the quantity',
	'Số lượng phải lớn hơn 0': 'The quantity must be more than 0',
	'Số lượng quá lớn': 'The quantity is too large',
	'Số lượng tối đa 2 chữ số thập phân': 'At most 2 decimals',
	'Dự toán cần ít nhất 1 vật tư': 'The estimate needs at least 1 material',
	'Tối đa 100 dòng': 'At most 100 lines',
	'Mỗi vật tư chỉ một dòng': 'Each material only once',
	'Ghi ít nhất 1 vật tư đã dùng': 'Record at least 1 material used',
	'Nhập số sê-ri công tơ': 'Enter the meter serial number',
	'Số sê-ri công tơ: 4–32 chữ hoặc số': 'Meter serial: 4–32 letters or digits',
	'Nhập chỉ số công tơ (kWh)': 'Enter the meter reading (kWh)',
	'Chỉ số công tơ không âm': 'The meter reading cannot be negative',
	'Chỉ số vượt quá số chữ số của công tơ': 'The reading has more digits than the meter',
	'Chỉ số tối đa 1 chữ số thập phân': 'At most 1 decimal',
	'Cần 1 ảnh mặt công tơ': 'A photo of the meter face is needed',
	'Nhập ít nhất 1 số niêm phong': 'Enter at least 1 seal number',
	'Số niêm phong tối đa 32 ký tự': 'A seal number has at most 32 characters',
	'Mỗi số niêm phong chỉ một lần': 'Each seal number only once',
	'Cần ít nhất 1 ảnh trước thi công': 'At least 1 photo before the work is needed',
	'Cần ít nhất 1 ảnh sau thi công': 'At least 1 photo after the work is needed',
	'Nhập mã ký': 'Enter the signing code',
	'Mã ký gồm đúng 6 chữ số': 'The signing code has exactly 6 digits',
	'Mã không đúng: có thể gõ nhầm một chữ số, vui lòng kiểm tra lại tin nhắn': 'Wrong code: a digit may be mistyped, please check the message',
	'Chưa có chữ ký': 'No signature yet',
	'Ảnh chữ ký quá lớn': 'The signature image is too large',
	'Ảnh chữ ký không hợp lệ': 'Invalid signature image',
	'Chữ ký có quá nhiều điểm': 'The signature has too many points',
	'Nhập họ tên người ký': 'Enter the signer’s full name',
	'Chọn lý do': 'Choose a reason',
	'Cần đọc hết hợp đồng trước khi ký': 'Read the whole contract before signing',
	'Chỉ công việc thi công mới ghi nhận thi công và ký hợp đồng': 'Only installation jobs take the installation and the signing',
	'Yêu cầu chưa có hợp đồng trên máy; hãy đồng bộ rồi thử lại': 'The request has no contract on this tablet; sync and try again',
	'Hợp đồng trên máy đã đổi phiên bản; hãy cho khách hàng đọc lại hợp đồng mới rồi ký': 'The contract on this tablet has a new version; let the customer read the new one, then sign',
	// meter checks (issue 6)
	'Chỉ số quá lớn': 'The reading is too large',
	'Niêm phong không còn nguyên: cần ảnh niêm phong': 'The seal is not intact: a photo of the seal is needed',
	'Chọn niêm phong còn nguyên hay không': 'Choose whether the seal is intact',
	'Chọn kết quả kiểm tra': 'Choose the test result',
	'Nhập sai số (%)': 'Enter the error (%)',
	'Nhập sai số đo được (%)': 'Enter the measured error (%)',
	'Sai số từ -100%': 'The error is at least -100%',
	'Sai số tối đa 1000%': 'The error is at most 1000%',
	'Sai số là một số, ví dụ -2,5': 'The error is a number, e.g. -2.5',
	'Công tơ chạy nhanh: sai số phải lớn hơn 0': 'A meter that runs fast has an error above 0',
	'Công tơ chạy chậm: sai số phải nhỏ hơn 0': 'A meter that runs slow has an error below 0',
	'Chọn xử lý': 'Choose the action taken',
	'Thay công tơ: nhập công tơ mới và chỉ số chốt công tơ cũ': 'Meter replaced: enter the new meter and the old meter’s final reading',
	'Chỉ nhập công tơ mới khi chọn “Thay công tơ”': 'Enter a new meter only for “Meter replaced”',
	'Số sê-ri công tơ mới trùng công tơ cũ': 'The new meter’s serial is the old meter’s',
	'Chỉ số chốt công tơ cũ nhỏ hơn chỉ số vừa đọc': 'The old meter’s final reading is below the reading just taken',
	'Chọn loại công tơ mới': 'Choose the new meter’s type',
	'Nhập số chữ số mặt số': 'Enter the register digits',
	'Mặt số từ 4 chữ số': 'A register has at least 4 digits',
	'Mặt số tối đa 9 chữ số': 'A register has at most 9 digits',
	'Cần 1 ảnh mặt công tơ mới': 'A photo of the new meter face is needed',
	'Cần 1 ảnh mặt công tơ cũ khi chốt chỉ số': 'A photo of the old meter at its final reading is needed',
	'Lệch đồng hồ thời gian chỉ có ở công tơ điện tử': 'Only an electronic meter has a clock that can drift',
	'Chỉ số bất thường: chụp thêm 1 ảnh mặt công tơ để xác nhận, hoặc đọc lại chỉ số': 'Abnormal reading: take a second photo of the meter face to confirm it, or read again',
	'Ảnh xác nhận phải là một ảnh chụp lại, khác ảnh đầu tiên': 'The confirming photo must be a new photo, not the first one again',
	'Nhập mã xác nhận': 'Enter the confirmation code',
	'Chỉ công việc kiểm tra công tơ mới ghi nhận kết quả kiểm tra công tơ': 'Only meter check jobs take a meter check result'
};

/** A field message from the shared schemas (Vietnamese) in the UI language. */
export function fieldMessage(message: string): string {
	return i18n.lang === 'en' ? (FIELD_MESSAGES_EN[message] ?? message) : message;
}
