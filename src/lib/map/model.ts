// What the maps draw, independent of Leaflet: job markers with their deadline risk, crews with their last position
// and route, and the pure rules (risk styling, position age, grid clustering) that the unit tests cover.
import type { DeadlineStatus } from '$lib/domain/sla';

export type Risk = DeadlineStatus;

export interface LatLng {
	lat: number;
	lng: number;
}

export interface MapJob {
	jobId: string;
	requestId: string;
	code: string;
	customerName: string;
	address: string;
	state: string;
	kind: string;
	crewId: string;
	crewName: string;
	scheduledAt: string;
	location: LatLng;
	risk: Risk;
}

export interface MapCrew {
	id: string;
	name: string;
	position: (LatLng & { recordedAt: string; ageMs: number; accuracyM?: number | null }) | null;
	/** The crew's stops of the day, in scheduled order. */
	route: LatLng[];
}

export interface RiskStyle {
	/** Fill colour of the marker. */
	color: string;
	/** Text colour on the fill. */
	ink: string;
	/** A shape that differs per risk, so the map is not colour-only. */
	shape: 'diamond' | 'triangle' | 'circle' | 'square';
	/** A one-character glyph drawn inside the marker. */
	glyph: string;
}

const RISK_STYLES: Record<Risk, RiskStyle> = {
	overdue: { color: '#b00020', ink: '#ffffff', shape: 'diamond', glyph: '!' },
	due_soon: { color: '#ffb300', ink: '#111111', shape: 'triangle', glyph: '⏱' },
	ok: { color: '#0a4a94', ink: '#ffffff', shape: 'circle', glyph: '✓' },
	none: { color: '#555555', ink: '#ffffff', shape: 'square', glyph: '·' }
};

export function riskStyle(risk: Risk): RiskStyle {
	return RISK_STYLES[risk] ?? RISK_STYLES.none;
}

/** The worst risk of several jobs (a cluster takes the colour of its most urgent job). */
export function worstRisk(risks: readonly Risk[]): Risk {
	const order: Risk[] = ['overdue', 'due_soon', 'ok', 'none'];
	for (const risk of order) if (risks.includes(risk)) return risk;
	return 'none';
}

/** A crew position older than this is drawn faded. */
export const STALE_POSITION_MS = 30 * 60_000;

export function isStale(ageMs: number, thresholdMs = STALE_POSITION_MS): boolean {
	return ageMs > thresholdMs;
}

export type AgeParts = { unit: 'now' } | { unit: 'minutes' | 'hours' | 'days'; n: number };

/** How old a position is, in the largest whole unit: under a minute is "now". */
export function ageParts(ageMs: number): AgeParts {
	const minutes = Math.floor(Math.max(0, ageMs) / 60_000);
	if (minutes < 1) return { unit: 'now' };
	if (minutes < 60) return { unit: 'minutes', n: minutes };
	const hours = Math.floor(minutes / 60);
	if (hours < 24) return { unit: 'hours', n: hours };
	return { unit: 'days', n: Math.floor(hours / 24) };
}

// ---- grid clustering ----

/** Below this zoom level, markers closer than a grid cell are merged into one cluster marker. */
export const CLUSTER_BELOW_ZOOM = 14;
export const CLUSTER_CELL_PX = 48;

/** Web Mercator world pixel coordinates of a point at a zoom level (256 px tiles), as Leaflet projects them. */
export function worldPixel(point: LatLng, zoom: number): { x: number; y: number } {
	const scale = 256 * 2 ** zoom;
	const lat = Math.max(-85.0511287798, Math.min(85.0511287798, point.lat));
	const sin = Math.sin((lat * Math.PI) / 180);
	return {
		x: ((point.lng + 180) / 360) * scale,
		y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale
	};
}

export interface Cluster<T> {
	/** Stable key of the grid cell (or of the single item). */
	key: string;
	items: T[];
	/** Mean position of the items. */
	center: LatLng;
}

/**
 * Groups points that fall in the same `cellPx` grid cell at `zoom`. At or above `belowZoom` nothing is merged:
 * every item is its own group. Groups come out in the order of their first item, so rendering is stable.
 */
export function clusterPoints<T>(
	items: readonly T[],
	locate: (item: T) => LatLng,
	zoom: number,
	options: { belowZoom?: number; cellPx?: number; keyOf?: (item: T) => string } = {}
): Cluster<T>[] {
	const belowZoom = options.belowZoom ?? CLUSTER_BELOW_ZOOM;
	const cellPx = options.cellPx ?? CLUSTER_CELL_PX;
	const keyOf = options.keyOf ?? ((_item: T) => '');
	if (zoom >= belowZoom) {
		return items.map((item, i) => ({ key: `item:${keyOf(item) || i}`, items: [item], center: locate(item) }));
	}
	const cells = new Map<string, T[]>();
	for (const item of items) {
		const p = worldPixel(locate(item), Math.floor(zoom));
		const key = `cell:${Math.floor(zoom)}:${Math.floor(p.x / cellPx)}:${Math.floor(p.y / cellPx)}`;
		const cell = cells.get(key);
		if (cell) cell.push(item);
		else cells.set(key, [item]);
	}
	return [...cells.entries()].map(([key, members]) => {
		const lat = members.reduce((s, m) => s + locate(m).lat, 0) / members.length;
		const lng = members.reduce((s, m) => s + locate(m).lng, 0) / members.length;
		return members.length === 1 ? { key: `item:${keyOf(members[0]!) || key}`, items: members, center: locate(members[0]!) } : { key, items: members, center: { lat, lng } };
	});
}

/** The stops of a route in scheduled order (ties keep their input order). */
export function routeInOrder<T extends { scheduledAt: string; location: LatLng | null }>(stops: readonly T[]): LatLng[] {
	return [...stops]
		.map((stop, i) => ({ stop, i }))
		.filter(({ stop }) => stop.location !== null)
		.sort((a, b) => Date.parse(a.stop.scheduledAt) - Date.parse(b.stop.scheduledAt) || a.i - b.i)
		.map(({ stop }) => stop.location!);
}
