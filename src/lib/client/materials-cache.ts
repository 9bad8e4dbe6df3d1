// The materials price list for estimates: the server's (GET /api/materials) as last fetched, else the bundled one,
// so a crew offline since before a price change still prices with the list the app shipped with. The server also
// sends the prices that take effect later: a crew offline past such a date prices with the new one, as the server will.
// The VAT rate travels the same way (today's, and a rate set from a later date), so the estimate form starts at the rate
// the server will check the estimate against, not at a constant.
import { z } from 'zod';
import { vatPercentOn } from '$lib/domain/estimate';
import { MATERIALS, priceListOn, type Material } from '$lib/domain/materials';
import { vnDateOf } from '$lib/domain/sla';
import type { LocalStore } from './store';

const materialSchema = z.object({
	code: z.string().min(1),
	name: z.string(),
	unit: z.string(),
	unitPrice: z.number().int().nonnegative(),
	side: z.enum(['utility', 'customer']),
	perMetre: z.boolean(),
	phases: z.union([z.literal(1), z.literal(3)]).optional()
});
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const vatRateSchema = z.object({ percent: z.number().int().min(0).max(100), effectiveFrom: isoDay });
const materialsResponse = z.object({
	/** the server's day the list is for (an older server sends none) */
	date: isoDay.optional(),
	materials: z.array(materialSchema).min(1),
	upcoming: z.array(materialSchema.extend({ effectiveFrom: isoDay })).default([]),
	vatPercent: z.number().int().min(0).max(100).optional(),
	upcomingVat: z.array(vatRateSchema).default([])
});

/** The list in force at `now` (the tablet's clock): the cached list with the later prices whose date has come. */
export async function readMaterials(store: LocalStore, now: Date = new Date()): Promise<Material[]> {
	const cached = await store.getMeta('materials');
	if (!cached?.items.length) return [...MATERIALS];
	return cached.upcoming?.length ? priceListOn(cached.upcoming, vnDateOf(now), cached.items) : cached.items;
}

/**
 * The VAT rate in force at `now` (the tablet's clock, Vietnam date) from the rates last pulled: today's, or a later one
 * once its day has come. Undefined before any pull with rates (an older server): the form keeps its default then.
 */
export async function readVatPercent(store: LocalStore, now: Date = new Date()): Promise<number | undefined> {
	const rates = (await store.getMeta('materials'))?.vat;
	if (!rates?.length) return undefined;
	return vatPercentOn(rates, vnDateOf(now), rates[0]!.percent);
}

export async function materialLookup(store: LocalStore): Promise<(code: string) => Material | undefined> {
	const byCode = new Map((await readMaterials(store)).map((m) => [m.code, m]));
	return (code) => byCode.get(code);
}

export interface RefreshMaterialsOptions {
	fetch: typeof globalThis.fetch;
	store: LocalStore;
	token: string;
	now: () => number;
	baseUrl?: string;
	/** Skip the request when the cache is younger than this. */
	maxAgeMs?: number;
}

/** Fetches the price list when the cache is stale; true when a new list was stored. Failures keep the old one. */
export async function refreshMaterials(options: RefreshMaterialsOptions): Promise<boolean> {
	const { store, now, maxAgeMs = 0 } = options;
	const cached = await store.getMeta('materials');
	if (cached && now() - Date.parse(cached.fetchedAt) < maxAgeMs) return false;
	const response = await options.fetch(`${options.baseUrl ?? ''}/api/materials`, {
		headers: { Authorization: `Bearer ${options.token}`, Accept: 'application/json' },
		signal: AbortSignal.timeout(30_000)
	});
	if (!response.ok) return false;
	const parsed = materialsResponse.safeParse(await response.json().catch(() => undefined));
	if (!parsed.success) return false;
	const { date, vatPercent, upcomingVat } = parsed.data;
	// today's rate dated by the server's day (or from always, for a server that sends no day), then the later ones
	const vat = vatPercent === undefined ? [] : [{ percent: vatPercent, effectiveFrom: date ?? '2000-01-01' }, ...upcomingVat];
	await store.setMeta('materials', { items: parsed.data.materials, upcoming: parsed.data.upcoming, vat, fetchedAt: new Date(now()).toISOString() });
	return true;
}
