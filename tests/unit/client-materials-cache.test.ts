// The tablet's price list: what GET /api/materials sent, with the later prices applied once their day has come on
// the tablet's clock, so a crew offline across a price change quotes what the server will accept.
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '$lib/client/memory-store';
import { materialLookup, readMaterials, readVatPercent, refreshMaterials } from '$lib/client/materials-cache';
import { MATERIALS } from '$lib/domain/materials';

const cb = MATERIALS.find((m) => m.code === 'CB-BV-1P-40')!;
const answer = {
	date: '2026-11-23',
	materials: MATERIALS,
	vatPercent: 10,
	upcoming: [{ ...cb, unitPrice: 200_000, effectiveFrom: '2026-12-01' }],
	upcomingVat: []
};

describe('the tablet price list', () => {
	it('keeps the later prices and applies them from their day (Vietnam date)', async () => {
		const store = new MemoryStore();
		const fetch = async () => new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
		expect(await refreshMaterials({ fetch, store, token: 't', now: () => Date.parse('2026-11-23T02:00:00Z') })).toBe(true);
		const price = async (at: string) => (await readMaterials(store, new Date(at))).find((m) => m.code === cb.code)!.unitPrice;
		expect(await price('2026-11-30T16:59:00Z')).toBe(165_000); // 23:59 on 30/11 in Hà Nội
		expect(await price('2026-11-30T17:00:00Z')).toBe(200_000); // 00:00 on 01/12 in Hà Nội
		expect((await materialLookup(store))('KHONG-CO')).toBeUndefined();
	});

	it('keeps the VAT rate in force and a rate set from a later date, and applies it from its day', async () => {
		const store = new MemoryStore();
		expect(await readVatPercent(store)).toBeUndefined(); // never pulled: the form keeps its default
		const withRates = { ...answer, vatPercent: 8, upcomingVat: [{ percent: 10, effectiveFrom: '2027-01-01' }] };
		const fetch = async () => new Response(JSON.stringify(withRates), { status: 200 });
		expect(await refreshMaterials({ fetch, store, token: 't', now: () => Date.parse('2026-11-23T02:00:00Z') })).toBe(true);
		expect(await readVatPercent(store, new Date('2026-11-23T02:00:00Z'))).toBe(8);
		expect(await readVatPercent(store, new Date('2026-12-31T16:59:00Z'))).toBe(8); // 23:59 on 31/12 in Hà Nội
		expect(await readVatPercent(store, new Date('2026-12-31T17:00:00Z'))).toBe(10); // 00:00 on 01/01/2027
		// a tablet whose clock is behind the server's day still uses the rate the server sent for today
		expect(await readVatPercent(store, new Date('2026-11-20T02:00:00Z'))).toBe(8);
	});

	it('refuses a rate that makes no sense and keeps the list it had', async () => {
		const store = new MemoryStore();
		const good = async () => new Response(JSON.stringify({ ...answer, vatPercent: 8 }), { status: 200 });
		await refreshMaterials({ fetch: good, store, token: 't', now: () => 0 });
		const absurd = async () => new Response(JSON.stringify({ ...answer, vatPercent: -5 }), { status: 200 });
		expect(await refreshMaterials({ fetch: absurd, store, token: 't', now: () => 1 })).toBe(false);
		expect(await readVatPercent(store, new Date('2026-11-23T02:00:00Z'))).toBe(8);
	});

	it('reads an answer without later prices (an older server) as before, and the bundled list before any sync', async () => {
		const store = new MemoryStore();
		expect(await readMaterials(store)).toEqual([...MATERIALS]);
		const fetch = async () => new Response(JSON.stringify({ materials: MATERIALS }), { status: 200 });
		expect(await refreshMaterials({ fetch, store, token: 't', now: () => 0 })).toBe(true);
		expect((await readMaterials(store, new Date('2030-01-01T00:00:00Z'))).find((m) => m.code === cb.code)!.unitPrice).toBe(165_000);
		expect(await readVatPercent(store)).toBeUndefined();
	});
});
