// The words of the supervisor operations (notices, history lines, refusals) in both languages, from the catalog.
import { visitWhen } from '../../src/lib/domain/visit-time';
import { fieldCommand } from '../../src/lib/domain/field-commands';
import { m } from '../../src/lib/paraglide/messages.js';

export type Locale = 'vi' | 'en';
export type Both = { vi: string; en: string };

export const both = (text: (locale: Locale) => string): Both => ({ vi: text('vi'), en: text('en') });

/** "08:30 ngày 05/12/2026". */
export const whenText = (at: Date, locale: Locale) => m.server_notice_when(visitWhen(at), { locale });

/** What the crew goes there to do: "khảo sát", "lắp đặt", "kiểm tra công tơ". */
export function visitWord(kind: string, locale: Locale): string {
	if (kind === 'installation') return m.server_notice_visit_installation({}, { locale });
	if (kind === 'meter_check') return m.server_notice_visit_meter_check({}, { locale });
	if (kind === 'repair') return m.server_notice_visit_repair({}, { locale });
	return m.server_notice_visit_survey({}, { locale });
}

/** The name of the crew's work ("Kết quả khảo sát", …), by its command. */
export function workWord(commandName: string, locale: Locale): string {
	const def = fieldCommand(commandName);
	// the label is a catalog message, which takes a locale
	return def ? (def.label as unknown as (inputs: object, options: { locale: Locale }) => string)({}, { locale }) : commandName;
}
