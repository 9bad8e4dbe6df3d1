// Meter checks (seeds 003, 004) as the console words them: readings, the meter's kind, a check's photos, and the
// detail of a reading dispute on a complaint's timeline. Pure: the language is an argument.
import type { Lang } from '$lib/i18n.svelte';
import type { MeterCheckRecord, MeterView } from '$lib/domain/api';
import { dayMonthYear, vnDateTime } from '$lib/format';
import { vnDateOf } from '$lib/domain/sla';
import type { PhotoGroup } from './files';
import { m } from '$lib/paraglide/messages.js';
import { decimal, kwhText, KWH_DECIMALS, signedPercent } from '$lib/format';

const meterSourceMessages = { crew: m.common_crew, customer: m.common_meter_source_customer, utility: m.common_utility };
const meterTypeMessages = { mechanical: m.console_meter_type_mechanical, electronic: m.console_meter_type_electronic };

/** Groups digits by thousands: "12.345,6" in Vietnamese, "12,345.6" in English; at most `decimals` decimals. */
export function decimalText(n: number, lang: Lang, decimals = KWH_DECIMALS): string {
	return decimal(n, lang, decimals);
}

/** "12.345,6 kWh" ($lib/format's one kWh precision). */
export { kwhText };

/** A signed difference: "+55 kWh", "−3,5 kWh". */
export function kwhDifferenceText(kwh: number, lang: Lang): string {
	return `${kwh > 0 ? '+' : ''}${kwhText(kwh, lang)}`;
}

/** The measured error: "+2,5%", "−1,2%", "0%"; none measured: "—". */
export function errorPercentText(percent: number | null, lang: Lang): string {
	if (percent === null) return m.console_common_none({}, { locale: lang });
	return signedPercent(percent, lang);
}

/** "1 pha · công tơ cơ" / "3-phase · electronic meter". */
export function meterKindText(meter: { phases: 1 | 3; type: MeterView['type'] }, lang: Lang): string {
	return `${(meter.phases === 3 ? m.console_meter_phases3 : m.console_meter_phases1)({}, { locale: lang })} · ${meterTypeMessages[meter.type]({}, { locale: lang })}`;
}

/** 'dd/MM/yyyy' of an instant in Hà Nội; an unreadable instant as it came. */
export function vnDayText(instant: string): string {
	const date = new Date(instant);
	return Number.isNaN(date.getTime()) ? instant : dayMonthYear(vnDateOf(date));
}

export interface ReadingRow {
	day: string;
	kwh: number;
	source: MeterView['readings'][number]['source'];
	/** The console's word for the reading's source, in the current language (or `{ locale }`). */
	sourceLabel: (inputs?: object, options?: { locale?: Lang }) => string;
	abnormal: boolean;
}

/** The meter's readings for the table, newest first (the server lists them oldest first). */
export function readingRows(meter: Pick<MeterView, 'readings'>): ReadingRow[] {
	return [...meter.readings]
		.sort((a, b) => b.at.localeCompare(a.at))
		.map((r) => ({ day: vnDayText(r.at), kwh: r.kwh, source: r.source, sourceLabel: meterSourceMessages[r.source], abnormal: r.abnormal }));
}

/** The photos of an accepted meter check, in the order the crew took them; empty groups left out. */
export function meterCheckPhotoGroups(check: Pick<MeterCheckRecord, 'readingPhoto' | 'sealPhoto' | 'abnormalConfirmPhoto' | 'replacement'>): PhotoGroup[] {
	const one = (sha: string | null | undefined) => (sha ? [sha] : []);
	return [
		{ key: 'reading' as const, photos: one(check.readingPhoto) },
		{ key: 'abnormalConfirm' as const, photos: one(check.abnormalConfirmPhoto) },
		{ key: 'seal' as const, photos: one(check.sealPhoto) },
		{ key: 'oldFinal' as const, photos: one(check.replacement?.oldFinalPhoto) },
		{ key: 'newMeter' as const, photos: one(check.replacement?.newPhoto) }
	].filter((g) => g.photos.length > 0);
}

export interface DisputedReading {
	kwh: number;
	at: string;
	photo: string | null;
}

/** What a 'readingDispute' timeline entry carries: both readings of one day and their difference. */
export interface ReadingDispute {
	meterSerial: string;
	day: string;
	utility: DisputedReading;
	customer: DisputedReading;
	differenceKwh: number;
}

function disputedReading(value: unknown): DisputedReading | null {
	if (!value || typeof value !== 'object') return null;
	const r = value as Record<string, unknown>;
	if (typeof r.kwh !== 'number' || !Number.isFinite(r.kwh) || typeof r.at !== 'string') return null;
	return { kwh: r.kwh, at: r.at, photo: typeof r.photo === 'string' && /^[0-9a-f]{64}$/.test(r.photo) ? r.photo : null };
}

/** The dispute in a timeline entry's detail, or null when the detail is not one (older or other entries). */
export function readingDisputeOf(detail: unknown): ReadingDispute | null {
	if (!detail || typeof detail !== 'object') return null;
	const d = detail as Record<string, unknown>;
	const utility = disputedReading(d.utility);
	const customer = disputedReading(d.customer);
	if (!utility || !customer || typeof d.meterSerial !== 'string' || typeof d.day !== 'string') return null;
	const differenceKwh = typeof d.differenceKwh === 'number' && Number.isFinite(d.differenceKwh) ? d.differenceKwh : Math.round((customer.kwh - utility.kwh) * 10) / 10;
	return { meterSerial: d.meterSerial, day: d.day, utility, customer, differenceKwh };
}

/** One line per reading of a dispute: "Điện lực ghi: 12.345 kWh lúc 08:00 23/11/2026". */
export function disputeLines(dispute: ReadingDispute, lang: Lang): { utility: string; customer: string; difference: string; title: string } {
	const day = /^\d{4}-\d{2}-\d{2}$/.test(dispute.day) ? dayMonthYear(dispute.day) : dispute.day;
	return {
		title: m.console_dispute_title({ serial: dispute.meterSerial, day }, { locale: lang }),
		utility: m.console_dispute_utility({ kwh: kwhText(dispute.utility.kwh, lang), when: vnDateTime(dispute.utility.at) }, { locale: lang }),
		customer: m.console_dispute_customer({ kwh: kwhText(dispute.customer.kwh, lang), when: vnDateTime(dispute.customer.at) }, { locale: lang }),
		difference: m.console_dispute_difference({ kwh: kwhDifferenceText(dispute.differenceKwh, lang) }, { locale: lang })
	};
}
