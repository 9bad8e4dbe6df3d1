// A meter check's findings in words, shared by the customer's account, the record PDF the customer downloads and the
// console: the result, the seal, what was done, the measured error. Relative imports: the server renders the PDF.
import type { MeterCheckAction, MeterTestResult } from './domain/meter-check-outcomes';
import { kwhText, signedPercent } from './format';
import { m } from './paraglide/messages.js';

type Lang = 'vi' | 'en';

const RESULT_MESSAGES: Record<MeterTestResult, (p: object, o: { locale: Lang }) => string> = {
	accurate: m.common_check_result_accurate,
	fast: m.common_check_result_fast,
	slow: m.common_check_result_slow,
	stopped: m.common_check_result_stopped,
	damaged: m.common_check_result_damaged,
	clock_drift: m.common_check_result_clock_drift
};

const ACTION_MESSAGES: Record<MeterCheckAction, (p: object, o: { locale: Lang }) => string> = {
	none: m.common_check_action_none,
	adjusted: m.common_check_action_adjusted,
	replaced: m.common_check_action_replaced
};

export interface MeterCheckFindings {
	meterSerial: string;
	readingKwh: number;
	result: MeterTestResult;
	errorPercent: number | null;
	sealIntact: boolean;
	action: MeterCheckAction;
	newMeterSerial: string | null;
}

export const checkResultText = (result: MeterTestResult, lang: Lang) => RESULT_MESSAGES[result]({}, { locale: lang });
export const checkActionText = (action: MeterCheckAction, lang: Lang) => ACTION_MESSAGES[action]({}, { locale: lang });
export const sealText = (intact: boolean, lang: Lang) => (intact ? m.common_check_sealYes : m.common_check_sealBroken)({}, { locale: lang });

/** The findings as label / value lines, in the order a record reads: meter, reading, result, error, seal, action. */
export function meterCheckLines(check: MeterCheckFindings, lang: Lang): [string, string][] {
	const at = { locale: lang };
	const lines: [string, string][] = [
		[m.common_meter_serial({}, at), check.meterSerial],
		[m.common_check_reading({}, at), kwhText(check.readingKwh, lang)],
		[m.common_check_result({}, at), checkResultText(check.result, lang)]
	];
	if (check.errorPercent !== null) lines.push([m.common_check_error({}, at), signedPercent(check.errorPercent, lang)]);
	lines.push([m.common_check_seal({}, at), sealText(check.sealIntact, lang)], [m.common_check_action({}, at), checkActionText(check.action, lang)]);
	if (check.newMeterSerial) lines.push([m.common_check_newMeter({}, at), check.newMeterSerial]);
	return lines;
}
