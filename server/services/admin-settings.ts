// The materials price list, the VAT rate and the holidays as the administrator sets them. Prices and rates take
// effect from a date that is today or later (an estimate already priced keeps its own prices; a contract keeps its
// terms); a year's holiday list, once changed, replaces that year's defaults. The holiday calendar the server counts
// deadlines with is reloaded after each change.
import type { SessionUser } from '../../src/lib/domain/api';
import { priceListOn, type Material } from '../../src/lib/domain/materials';
import { namedHolidaysOf } from '../../src/lib/domain/holidays';
import { vatPercentOn } from '../../src/lib/domain/estimate';
import { vnDateOf } from '../../src/lib/domain/sla';
import type { AppDeps } from '../context';
import { deleteHoliday, holidaysOfYear, insertHolidays, upsertHoliday, upsertMaterialPrice, upsertVatRate } from '../db/admin';
import { dayText, dong, recordChange } from './admin-changes';
import { DomainError } from './domain-error';
import { both, bothBy } from '../../src/lib/text';
import { m } from '../../src/lib/paraglide/messages.js';
import { loadHolidayCalendar, priceListEntries, vatRateEntries } from './price-list';

function assertNotPast(deps: AppDeps, effectiveFrom: string, field: string) {
	const today = vnDateOf(deps.clock());
	if (effectiveFrom < today) {
		throw new DomainError('invalid_input', both(m.server_refusal_effectiveDatePast, { day: dayText(effectiveFrom), today: dayText(today) }), { [field]: both(m.server_refusal_chooseTodayOrLater) });
	}
}

export async function priceListOverview(deps: AppDeps) {
	const db = deps.database.db;
	const today = vnDateOf(deps.clock());
	const [entries, rates] = await Promise.all([priceListEntries(db), vatRateEntries(db)]);
	return {
		today,
		materials: priceListOn(entries, today),
		entries,
		vatPercent: vatPercentOn(rates, today),
		vatRates: rates
	};
}

export async function setMaterialPrice(deps: AppDeps, actor: SessionUser, input: { code: string; unitPrice: number; effectiveFrom: string; name?: string }) {
	assertNotPast(deps, input.effectiveFrom, 'effectiveFrom');
	return deps.database.db.transaction(async (tx) => {
		const entries = await priceListEntries(tx);
		// the terms the price is set on: the material as it stands on that date (its name may change with it)
		const current: Material | undefined = priceListOn(entries, input.effectiveFrom).find((m) => m.code === input.code);
		if (!current) throw new DomainError('invalid_input', both(m.server_refusal_noSuchMaterial), { code: both(m.server_refusal_chooseMaterial) });
		const name = input.name ?? current.name;
		await upsertMaterialPrice(tx, {
			id: deps.newId(),
			code: current.code,
			name,
			unit: current.unit,
			unitPrice: input.unitPrice,
			side: current.side,
			perMetre: current.perMetre,
			phases: current.phases ?? null,
			effectiveFrom: input.effectiveFrom,
			createdBy: actor.id,
			createdAt: deps.clock()
		});
		const day = dayText(input.effectiveFrom);
		await recordChange(tx, deps, actor, 'material_price_set', bothBy(m.server_admin_priceSet, (locale) => ({ name, price: dong(input.unitPrice, locale), unit: current.unit, before: dong(current.unitPrice, locale), day })), { code: current.code, unitPrice: input.unitPrice, effectiveFrom: input.effectiveFrom });
	});
}

export async function setVatRate(deps: AppDeps, actor: SessionUser, input: { percent: number; effectiveFrom: string }) {
	assertNotPast(deps, input.effectiveFrom, 'effectiveFrom');
	return deps.database.db.transaction(async (tx) => {
		const before = vatPercentOn(await vatRateEntries(tx), input.effectiveFrom);
		await upsertVatRate(tx, { percent: input.percent, effectiveFrom: input.effectiveFrom, createdBy: actor.id, createdAt: deps.clock() });
		await recordChange(tx, deps, actor, 'vat_rate_set', both(m.server_admin_vatSet, { percent: input.percent, before, day: dayText(input.effectiveFrom) }), { percent: input.percent, effectiveFrom: input.effectiveFrom });
	});
}

/** A year's holidays as they count: the database's list when the year has one, else the defaults (not yet stored). */
export async function holidaysOverview(deps: AppDeps, year: number) {
	const stored = await holidaysOfYear(deps.database.db, year);
	if (stored.length > 0) return { year, stored: true, holidays: stored };
	const base = 'base' in deps.holidays ? (deps.holidays as { base: typeof deps.holidays }).base : deps.holidays;
	return { year, stored: false, holidays: namedHolidaysOf(base, year) };
}

async function reloadCalendar(deps: AppDeps) {
	deps.holidays = await loadHolidayCalendar(deps.database.db, deps.holidays);
}

/** How often every API process re-reads the holidays an administrator may have changed on another process. */
export const HOLIDAY_REFRESH_MS = 60_000;

/**
 * Keeps this process's holiday calendar the database's: the process where the administrator changed a holiday
 * reloads at once, every other process within `everyMs` (one small query a minute), so deadlines count the new day
 * everywhere without a restart. Returns the function that stops it. A failed read keeps the calendar it had.
 */
export function keepHolidaysFresh(deps: AppDeps, everyMs = HOLIDAY_REFRESH_MS): { refresh: () => Promise<void>; stop: () => void } {
	let running = false;
	const refresh = async () => {
		if (running) return;
		running = true;
		try {
			await reloadCalendar(deps);
		} catch (err) {
			console.error('[holidays] re-reading the holidays failed; the calendar stays as it was', err);
		} finally {
			running = false;
		}
	};
	const timer = setInterval(() => void refresh(), everyMs);
	timer.unref?.();
	return { refresh, stop: () => clearInterval(timer) };
}

export async function setHoliday(deps: AppDeps, actor: SessionUser, input: { date: string; name: string }) {
	const year = Number(input.date.slice(0, 4));
	await deps.database.db.transaction(async (tx) => {
		// the first change to a year stores its defaults first, so adding one day keeps the others
		const view = await holidaysOverview({ ...deps, database: { ...deps.database, db: tx } }, year);
		if (!view.stored) await insertHolidays(tx, view.holidays.map((h) => ({ ...h, createdBy: actor.id, createdAt: deps.clock() })));
		await upsertHoliday(tx, { date: input.date, name: input.name, createdBy: actor.id, createdAt: deps.clock() });
		await recordChange(tx, deps, actor, 'holiday_set', both(m.server_admin_holidaySet, { day: dayText(input.date), name: input.name }), { date: input.date });
	});
	await reloadCalendar(deps);
}

export async function removeHoliday(deps: AppDeps, actor: SessionUser, date: string) {
	const year = Number(date.slice(0, 4));
	await deps.database.db.transaction(async (tx) => {
		const view = await holidaysOverview({ ...deps, database: { ...deps.database, db: tx } }, year);
		const holiday = view.holidays.find((h) => h.date === date);
		if (!holiday) throw new DomainError('not_found', both(m.server_refusal_notAHoliday, { day: dayText(date) }));
		if (!view.stored) await insertHolidays(tx, view.holidays.map((h) => ({ ...h, createdBy: actor.id, createdAt: deps.clock() })));
		await deleteHoliday(tx, date);
		await recordChange(tx, deps, actor, 'holiday_removed', both(m.server_admin_holidayRemoved, { day: dayText(date), name: holiday.name }), { date });
	});
	await reloadCalendar(deps);
}
