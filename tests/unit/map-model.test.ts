import { describe, expect, it } from 'vitest';
import { fromCrewJobs, fromMapResponse, type MapResponse } from '$lib/map/api';
import { ageParts, clusterPoints, isStale, riskStyle, routeInOrder, STALE_POSITION_MS, worldPixel, worstRisk, type Risk } from '$lib/map/model';
import { ageText, riskLabel } from '$lib/map/strings';
import { m } from '$lib/paraglide/messages.js';
import { DEFAULT_TILE_URL, tileUrlPattern } from '$lib/map/tiles';
import type { JobView } from '$lib/domain/api';

describe('marker style by deadline risk', () => {
	it('colours overdue red, due soon amber and on-time blue, each with its own shape and glyph', () => {
		expect(riskStyle('overdue').color).toBe('#b00020');
		expect(riskStyle('due_soon').color).toBe('#ffb300');
		expect(riskStyle('ok').color).toBe('#0a4a94');
		const risks: Risk[] = ['overdue', 'due_soon', 'ok', 'none'];
		expect(new Set(risks.map((r) => riskStyle(r).shape)).size).toBe(4);
		expect(new Set(risks.map((r) => riskStyle(r).glyph)).size).toBe(4);
		expect(new Set(risks.map((r) => riskStyle(r).color)).size).toBe(4);
	});

	it('gives a cluster the risk of its most urgent job', () => {
		expect(worstRisk(['ok', 'due_soon', 'none'])).toBe('due_soon');
		expect(worstRisk(['ok', 'overdue', 'due_soon'])).toBe('overdue');
		expect(worstRisk(['ok'])).toBe('ok');
		expect(worstRisk([])).toBe('none');
	});

	it('names each risk in Vietnamese and in English', () => {
		expect(riskLabel('overdue', 'vi')).toBe('Quá hạn');
		expect(riskLabel('due_soon', 'vi')).toBe('Sắp đến hạn');
		expect(riskLabel('overdue', 'en')).toBe('Overdue');
		expect(m.map_card_open({}, { locale: 'vi' })).toBe('Mở');
	});
});

describe('age of a crew position', () => {
	it('says how long ago, in the largest whole unit', () => {
		expect(ageText(20_000, 'vi')).toBe('vừa xong');
		expect(ageText(5 * 60_000, 'vi')).toBe('5 phút trước');
		expect(ageText(5 * 60_000 + 59_000, 'vi')).toBe('5 phút trước');
		expect(ageText(59 * 60_000, 'vi')).toBe('59 phút trước');
		expect(ageText(2 * 3_600_000 + 10 * 60_000, 'vi')).toBe('2 giờ trước');
		expect(ageText(3 * 86_400_000, 'vi')).toBe('3 ngày trước');
		expect(ageText(5 * 60_000, 'en')).toBe('5 min ago');
		expect(ageParts(-1000)).toEqual({ unit: 'now' });
	});

	it('fades a position older than 30 minutes', () => {
		expect(STALE_POSITION_MS).toBe(30 * 60_000);
		expect(isStale(29 * 60_000)).toBe(false);
		expect(isStale(30 * 60_000)).toBe(false);
		expect(isStale(30 * 60_000 + 1)).toBe(true);
		expect(isStale(10 * 60_000, 5 * 60_000)).toBe(true);
	});
});

describe('grid clustering', () => {
	const hanoi = { lat: 21.0313, lng: 105.8516 };
	const near = (i: number) => ({ id: `j${i}`, location: { lat: hanoi.lat + i * 0.0001, lng: hanoi.lng + i * 0.0001 } });
	const far = { id: 'far', location: { lat: 16.0678, lng: 108.2208 } };
	const locate = (p: { location: { lat: number; lng: number } }) => p.location;

	it('projects like Leaflet (Web Mercator, 256 px tiles)', () => {
		expect(worldPixel({ lat: 0, lng: 0 }, 0)).toEqual({ x: 128, y: 128 });
		const p = worldPixel({ lat: 85.0511287798, lng: 180 }, 1);
		expect(p.x).toBeCloseTo(512);
		expect(p.y).toBeCloseTo(0, 3);
	});

	it('merges markers that share a grid cell below the threshold zoom, keeps far ones apart', () => {
		const items = [near(0), near(1), near(2), far];
		const clusters = clusterPoints(items, locate, 10, { keyOf: (i) => i.id });
		expect(clusters).toHaveLength(2);
		expect(clusters[0]!.items.map((i) => i.id)).toEqual(['j0', 'j1', 'j2']);
		expect(clusters[0]!.center.lat).toBeCloseTo(hanoi.lat + 0.0001);
		expect(clusters[1]!.items.map((i) => i.id)).toEqual(['far']);
		expect(clusters[1]!.key).toBe('item:far');
	});

	it('shows every marker on its own at or above the threshold zoom', () => {
		const items = [near(0), near(1), near(2), far];
		const clusters = clusterPoints(items, locate, 14, { keyOf: (i) => i.id });
		expect(clusters.map((c) => c.items.length)).toEqual([1, 1, 1, 1]);
		expect(clusters.map((c) => c.key)).toEqual(['item:j0', 'item:j1', 'item:j2', 'item:far']);
	});

	it('never loses or duplicates an item, whatever the zoom', () => {
		const items = Array.from({ length: 200 }, (_, i) => ({ id: `p${i}`, location: { lat: 20 + ((i * 37) % 100) / 50, lng: 105 + ((i * 53) % 100) / 50 } }));
		for (let zoom = 0; zoom <= 18; zoom++) {
			const ids = clusterPoints(items, locate, zoom, { keyOf: (i) => i.id }).flatMap((c) => c.items.map((i) => i.id));
			expect(ids.sort()).toEqual(items.map((i) => i.id).sort());
		}
	});

	it('merges more as the map zooms out', () => {
		const items = Array.from({ length: 50 }, (_, i) => ({ id: `p${i}`, location: { lat: 21 + (i % 10) * 0.002, lng: 105.8 + Math.floor(i / 10) * 0.002 } }));
		const counts = [13, 11, 9, 6].map((z) => clusterPoints(items, locate, z).length);
		for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]!);
		expect(counts.at(-1)).toBe(1);
	});
});

describe('routes and data for the maps', () => {
	it('orders a route by scheduled time and skips stops without a location', () => {
		const route = routeInOrder([
			{ scheduledAt: '2026-11-23T06:00:00Z', location: { lat: 3, lng: 3 } },
			{ scheduledAt: '2026-11-23T01:00:00Z', location: { lat: 1, lng: 1 } },
			{ scheduledAt: '2026-11-23T02:00:00Z', location: null },
			{ scheduledAt: '2026-11-23T03:00:00Z', location: { lat: 2, lng: 2 } }
		]);
		expect(route).toEqual([{ lat: 1, lng: 1 }, { lat: 2, lng: 2 }, { lat: 3, lng: 3 }]);
	});

	it('draws only the supervisor map’s jobs with a location, and each crew’s stops of today (VN date)', () => {
		const body: MapResponse = {
			serverTime: '2026-11-23T03:00:00Z', // 10:00 in Hà Nội
			jobs: [
				{ jobId: 'a', kind: 'survey', scheduledAt: '2026-11-23T02:00:00Z', crew: { id: 'c1', name: 'Tổ 1' }, request: { id: 'r1', code: 'YC-1', state: 'survey_scheduled', customerName: 'Lan', address: 'HN' }, location: { lat: 21, lng: 105 }, deadlineStatus: 'overdue' },
				{ jobId: 'b', kind: 'survey', scheduledAt: '2026-11-23T16:59:00Z', crew: { id: 'c1', name: 'Tổ 1' }, request: { id: 'r2', code: 'YC-2', state: 'survey_scheduled', customerName: 'Mai', address: 'HN' }, location: { lat: 21.1, lng: 105.1 }, deadlineStatus: 'ok' },
				{ jobId: 'c', kind: 'survey', scheduledAt: '2026-11-23T17:00:00Z', crew: { id: 'c1', name: 'Tổ 1' }, request: { id: 'r3', code: 'YC-3', state: 'survey_scheduled', customerName: 'Hoa', address: 'HN' }, location: { lat: 21.2, lng: 105.2 }, deadlineStatus: 'ok' },
				{ jobId: 'd', kind: 'survey', scheduledAt: '2026-11-23T04:00:00Z', crew: { id: 'c1', name: 'Tổ 1' }, request: { id: 'r4', code: 'YC-4', state: 'survey_scheduled', customerName: 'Cúc', address: 'HN' }, location: null, deadlineStatus: 'ok' }
			],
			crews: [
				{
					id: 'c1',
					name: 'Tổ 1',
					position: { lat: 21, lng: 105, accuracyM: 5, source: 'ping', recordedAt: '2026-11-23T02:55:00Z', ageMs: 300_000 },
					route: [
						{ jobId: 'a', scheduledAt: '2026-11-23T02:00:00Z', location: { lat: 21, lng: 105 } },
						{ jobId: 'b', scheduledAt: '2026-11-23T16:59:00Z', location: { lat: 21.1, lng: 105.1 } },
						{ jobId: 'c', scheduledAt: '2026-11-23T17:00:00Z', location: { lat: 21.2, lng: 105.2 } }
					]
				}
			]
		};
		const data = fromMapResponse(body);
		expect(data.jobs.map((j) => j.jobId)).toEqual(['a', 'b', 'c']);
		expect(data.withoutLocation).toBe(1);
		expect(data.jobs[0]).toMatchObject({ requestId: 'r1', code: 'YC-1', customerName: 'Lan', crewName: 'Tổ 1', risk: 'overdue' });
		// 16:59Z is 23:59 on the 23rd in Hà Nội; 17:00Z is already the 24th
		expect(data.crews[0]!.route).toEqual([{ lat: 21, lng: 105 }, { lat: 21.1, lng: 105.1 }]);
		expect(data.crews[0]!.position).toMatchObject({ ageMs: 300_000 });
	});

	it('puts the tablet’s open jobs with a location on its map, with the risk computed on the tablet', () => {
		const job = (id: string, scheduledAt: string, location: { lat: number; lng: number } | null, status: JobView['status'] = 'assigned', deadline: string | null = null) =>
			({ id, kind: 'survey', status, crewId: 'c1', scheduledAt, notes: null, request: { id: `r-${id}`, code: `YC-${id}`, state: 'survey_scheduled', customer: { name: `K ${id}` }, address: 'HN', location, deadline } }) as unknown as JobView;
		const now = new Date('2026-11-23T03:00:00Z');
		const view = fromCrewJobs(
			[
				job('1', '2026-11-23T05:00:00Z', { lat: 21.02, lng: 105.8 }, 'assigned', '2026-11-20T10:00:00Z'),
				job('2', '2026-11-23T01:00:00Z', { lat: 21.01, lng: 105.8 }),
				job('3', '2026-11-24T01:00:00Z', { lat: 21.03, lng: 105.8 }),
				job('4', '2026-11-23T02:00:00Z', null),
				job('5', '2026-11-23T02:00:00Z', { lat: 21.05, lng: 105.8 }, 'done')
			],
			now,
			{ id: 'c1', name: 'Tổ 1' }
		);
		expect(view.jobs.map((j) => j.jobId)).toEqual(['1', '2', '3']);
		expect(view.jobs[0]!.risk).toBe('overdue');
		expect(view.jobs[1]!.risk).toBe('none');
		expect(view.route).toEqual([{ lat: 21.01, lng: 105.8 }, { lat: 21.02, lng: 105.8 }]);
		expect(view.withoutLocation).toBe(1);
	});
});

describe('tile URLs the service worker caches', () => {
	it('matches OpenStreetMap tiles and nothing else', () => {
		const osm = tileUrlPattern(DEFAULT_TILE_URL);
		expect(osm.test('https://tile.openstreetmap.org/13/6503/3607.png')).toBe(true);
		expect(osm.test('https://tile.openstreetmap.org/13/6503/3607.png?v=2')).toBe(true);
		expect(osm.test('https://tile.openstreetmap.org/copyright')).toBe(false);
		expect(osm.test('https://evil.example/13/6503/3607.png')).toBe(false);
		expect(osm.test('http://127.0.0.1:4350/api/map')).toBe(false);
	});

	it('understands subdomains, retina and extra placeholders of a configured server', () => {
		const custom = tileUrlPattern('https://{s}.tiles.evn.example/base/{z}/{x}/{y}{r}.png?key={key}');
		expect(custom.test('https://a.tiles.evn.example/base/12/3251/1803.png?key=abc')).toBe(true);
		expect(custom.test('https://b.tiles.evn.example/base/12/3251/1803@2x.png?key=abc')).toBe(true);
		expect(custom.test('https://a.tiles.evn.example/other/12/3251/1803.png?key=abc')).toBe(false);
	});
});
