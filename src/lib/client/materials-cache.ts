// The materials price list for estimates: the server's (GET /api/materials) as last fetched, else the bundled one,
// so a crew offline since before a price change still prices with the list the app shipped with. The server also
// sends the prices that take effect later: a crew offline past such a date prices with the new one, as the server will.
import { z } from 'zod';
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
const materialsResponse = z.object({
	materials: z.array(materialSchema).min(1),
	upcoming: z.array(materialSchema.extend({ effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })).default([])
});

/** The list in force at `now` (the tablet's clock): the cached list with the later prices whose date has come. */
export async function readMaterials(store: LocalStore, now: Date = new Date()): Promise<Material[]> {
	const cached = await store.getMeta('materials');
	if (!cached?.items.length) return [...MATERIALS];
	return cached.upcoming?.length ? priceListOn(cached.upcoming, vnDateOf(now), cached.items) : cached.items;
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
	await store.setMeta('materials', { items: parsed.data.materials, upcoming: parsed.data.upcoming, fetchedAt: new Date(now()).toISOString() });
	return true;
}
