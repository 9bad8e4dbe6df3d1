// The tablet's price list: what GET /api/materials sent, with the later prices applied once their day has come on
// the tablet's clock, so a crew offline across a price change quotes what the server will accept.
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '$lib/client/memory-store';
import { materialLookup, readMaterials, refreshMaterials } from '$lib/client/materials-cache';
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

	it('reads an answer without later prices (an older server) as before, and the bundled list before any sync', async () => {
		const store = new MemoryStore();
		expect(await readMaterials(store)).toEqual([...MATERIALS]);
		const fetch = async () => new Response(JSON.stringify({ materials: MATERIALS }), { status: 200 });
		expect(await refreshMaterials({ fetch, store, token: 't', now: () => 0 })).toBe(true);
		expect((await readMaterials(store, new Date('2030-01-01T00:00:00Z'))).find((m) => m.code === cb.code)!.unitPrice).toBe(165_000);
	});
});
