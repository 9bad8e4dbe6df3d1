// The price list, VAT rate and holidays in force, read from the administrator's lists in the database on top of the
// lists the code ships with (a database with no entry prices exactly as before).
import { priceListOn, priceLookupOn, upcomingEntries, type Material, type PriceListEntry } from '../../src/lib/domain/materials';
import { vatPercentOn, type VatRate } from '../../src/lib/domain/estimate';
import { calendarWithYearLists, type HolidayCalendar } from '../../src/lib/domain/holidays';
import { vnDateOf } from '../../src/lib/domain/sla';
import { listHolidays, listMaterialPrices, listVatRates } from '../db/admin';
import type { Db } from '../db/database';

export async function priceListEntries(db: Db): Promise<PriceListEntry[]> {
	const rows = await listMaterialPrices(db);
	return rows.map((r) => ({
		code: r.code,
		name: r.name,
		unit: r.unit,
		unitPrice: r.unitPrice,
		side: r.side,
		perMetre: r.perMetre,
		...(r.phases === 1 || r.phases === 3 ? { phases: r.phases } : {}),
		effectiveFrom: r.effectiveFrom
	}));
}

export async function vatRateEntries(db: Db): Promise<VatRate[]> {
	return (await listVatRates(db)).map((r) => ({ percent: r.percent, effectiveFrom: r.effectiveFrom }));
}

/** Where a caller that prices many estimates in one transaction (a push batch) keeps the lists once read. */
export interface PriceListMemo {
	priceList?: Promise<[PriceListEntry[], VatRate[]]>;
	/** The pricing of each civil date the batch's estimates name, built once (a lookup over every material). */
	pricingByDate?: Map<string, { date: string; lookup: (code: string) => Material | undefined; vatPercent: number }>;
}

// one after the other: `db` is often the push's transaction, one connection, where node-postgres only queues
// concurrent queries (and pg 9 will refuse them)
const readLists = async (db: Db): Promise<[PriceListEntry[], VatRate[]]> => [await priceListEntries(db), await vatRateEntries(db)];

/** Reads the price list and VAT rates into the memo now (a push batch, before its change lock); pricingOn prices from them. */
export async function readPriceLists(db: Db, memo: PriceListMemo): Promise<void> {
	await (memo.priceList ??= readLists(db));
}

/** What an estimate dated `at` (its Vietnam civil date) is priced with. */
export async function pricingOn(db: Db, at: Date, memo?: PriceListMemo): Promise<{ date: string; lookup: (code: string) => Material | undefined; vatPercent: number }> {
	const date = vnDateOf(at);
	// a push never changes the lists: one read serves the batch's every estimate, whatever its date
	const [entries, rates] = await (memo ? (memo.priceList ??= readLists(db)) : readLists(db));
	const known = memo?.pricingByDate?.get(date);
	if (known) return known;
	const pricing = { date, lookup: priceLookupOn(entries, date), vatPercent: vatPercentOn(rates, date) };
	if (memo) (memo.pricingByDate ??= new Map()).set(date, pricing);
	return pricing;
}

/** The list a tablet keeps: today's list and VAT, and what changes later with its date (priced offline after it). */
export async function priceListForTablet(db: Db, now: Date) {
	const date = vnDateOf(now);
	const [entries, rates] = await Promise.all([priceListEntries(db), vatRateEntries(db)]);
	return {
		date,
		materials: priceListOn(entries, date),
		vatPercent: vatPercentOn(rates, date),
		upcoming: upcomingEntries(entries, date),
		upcomingVat: rates.filter((r) => r.effectiveFrom > date)
	};
}

/** The holiday calendar: the database's year lists over the configured base. */
export async function loadHolidayCalendar(db: Db, base: HolidayCalendar): Promise<HolidayCalendar> {
	return calendarWithYearLists(base, await listHolidays(db));
}

/** An offline crew may sync days later; an estimate's date older than this is taken as this old (a wrong clock). */
const MAX_OFFLINE_MS = 30 * 24 * 3_600_000;

/** The date an estimate is priced on: the tablet's time of making it, never after now nor before MAX_OFFLINE_MS ago. */
export function estimateDate(deviceTime: string | undefined, now: Date): Date {
	const device = deviceTime ? Date.parse(deviceTime) : NaN;
	if (Number.isNaN(device)) return now;
	return new Date(Math.min(now.getTime(), Math.max(device, now.getTime() - MAX_OFFLINE_MS)));
}
