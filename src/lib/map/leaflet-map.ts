// The Leaflet part of the maps. Only ever loaded with `await import('$lib/map/leaflet-map')` (see MapView.svelte),
// so Leaflet and its CSS stay out of the main bundle. Tiles that fail to load (offline, blocked host) leave a
// blank background: the markers are drawn from data and do not depend on them.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './map.css';
import { clusterPoints, isStale, riskStyle, worstRisk, type LatLng, type MapCrew, type MapJob } from './model';
import { ageText, riskLabel } from './strings';
import { TILE_ATTRIBUTION, tileUrlTemplate } from './tiles';
import { m } from '$lib/paraglide/messages.js';

export interface FieldMapOptions {
	onSelectJob?: (jobId: string) => void;
	/** The tile URL template (from GET /api/config); the build-time default when not given. */
	tileUrl?: string;
	/** A background tile failed (once per map): the page may say so. */
	onTileError?: () => void;
	/** Crew positions older than this are drawn faded. */
	staleAfterMs?: number;
}

/** Hà Nội, when there is nothing to show yet. */
const DEFAULT_CENTER: L.LatLngExpression = [21.0313, 105.8516];
const DEFAULT_ZOOM = 12;
const ROUTE_COLOURS = ['#6a1b9a', '#00695c', '#c2185b', '#283593', '#5d4037', '#ef6c00'];

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function initials(name: string): string {
	const digits = /\d+/.exec(name)?.[0];
	if (digits) return digits.slice(0, 3);
	return name
		.split(/\s+/)
		.filter(Boolean)
		.slice(-2)
		.map((w) => w[0]!.toUpperCase())
		.join('');
}

export class FieldMap {
	readonly map: L.Map;
	#options: FieldMapOptions;
	#jobLayer = L.layerGroup();
	#routeLayer = L.layerGroup();
	#crewLayer = L.layerGroup();
	#jobMarkers = new Map<string, { marker: L.Marker; html: string }>();
	#crewMarkers = new Map<string, { marker: L.Marker; html: string }>();
	#routes = new Map<string, L.Polyline>();
	#jobs: MapJob[] = [];
	#crews: MapCrew[] = [];
	#fitted = false;
	#tileErrorReported = false;

	constructor(element: HTMLElement, options: FieldMapOptions = {}) {
		this.#options = options;
		this.map = L.map(element, { center: DEFAULT_CENTER, zoom: DEFAULT_ZOOM, zoomControl: false, attributionControl: true });
		L.control.zoom({ zoomInTitle: m.map_zoomIn(), zoomOutTitle: m.map_zoomOut() }).addTo(this.map);
		const tiles = L.tileLayer(options.tileUrl ?? tileUrlTemplate(), { maxZoom: 19, attribution: TILE_ATTRIBUTION, crossOrigin: 'anonymous' });
		tiles.on('tileerror', () => {
			if (this.#tileErrorReported) return;
			this.#tileErrorReported = true;
			this.#options.onTileError?.();
		});
		tiles.addTo(this.map);
		this.#routeLayer.addTo(this.map);
		this.#jobLayer.addTo(this.map);
		this.#crewLayer.addTo(this.map);
		this.map.on('zoomend', () => this.#renderJobs());
	}

	/** Draws these jobs and crews, moving the markers that already exist. The first non-empty update fits the view. */
	update(jobs: readonly MapJob[], crews: readonly MapCrew[]): void {
		this.#jobs = [...jobs];
		this.#crews = [...crews];
		if (!this.#fitted) this.fitToShown();
		this.#renderRoutes();
		this.#renderJobs();
		this.#renderCrews();
	}

	/** Re-renders text that depends on the language or on time (crew ages). */
	refresh(): void {
		this.#jobMarkers.forEach(({ marker }) => marker.remove());
		this.#jobMarkers.clear();
		this.#renderJobs();
		this.#renderCrews();
	}

	invalidateSize(): void {
		this.map.invalidateSize();
	}

	destroy(): void {
		this.map.remove();
	}

	/** Frames the jobs and crews drawn now: the first update, and after a filter changes, wherever the view was. */
	fitToShown(): void {
		const points: LatLng[] = [...this.#jobs.map((j) => j.location), ...this.#crews.flatMap((c) => (c.position ? [c.position] : []))];
		if (points.length === 0) return;
		this.#fitted = true;
		if (points.length === 1) this.map.setView([points[0]!.lat, points[0]!.lng], 15);
		else this.map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lng] as L.LatLngTuple)), { padding: [32, 32], maxZoom: 16 });
	}

	#renderJobs(): void {
		const clusters = clusterPoints(this.#jobs, (j) => j.location, this.map.getZoom(), { keyOf: (j) => j.jobId });
		const seen = new Set<string>();
		for (const cluster of clusters) {
			seen.add(cluster.key);
			const single = cluster.items.length === 1 ? cluster.items[0]! : null;
			const html = single ? this.#jobHtml(single) : this.#clusterHtml(cluster.items);
			const existing = this.#jobMarkers.get(cluster.key);
			const latLng = L.latLng(cluster.center.lat, cluster.center.lng);
			if (existing) {
				existing.marker.setLatLng(latLng);
				if (existing.html !== html) {
					existing.marker.setIcon(this.#icon(html, single ? 36 : 44));
					existing.html = html;
				}
				continue;
			}
			const title = single ? this.#jobTitle(single) : m.map_cluster({ count: cluster.items.length });
			const marker = L.marker(latLng, { icon: this.#icon(html, single ? 36 : 44), title, alt: title, keyboard: true, riseOnHover: true });
			if (single) {
				const jobId = single.jobId;
				marker.on('click', () => this.#options.onSelectJob?.(jobId));
				marker.on('keypress', (event: L.LeafletKeyboardEvent) => {
					if (event.originalEvent.key === 'Enter' || event.originalEvent.key === ' ') this.#options.onSelectJob?.(jobId);
				});
			} else {
				const bounds = L.latLngBounds(cluster.items.map((j) => [j.location.lat, j.location.lng] as L.LatLngTuple));
				marker.on('click', () => this.map.fitBounds(bounds, { padding: [48, 48], maxZoom: Math.max(this.map.getZoom() + 2, 14) }));
			}
			marker.addTo(this.#jobLayer);
			this.#jobMarkers.set(cluster.key, { marker, html });
		}
		for (const [key, { marker }] of this.#jobMarkers) {
			if (seen.has(key)) continue;
			marker.remove();
			this.#jobMarkers.delete(key);
		}
	}

	#renderCrews(): void {
		const stale = this.#options.staleAfterMs;
		const seen = new Set<string>();
		for (const crew of this.#crews) {
			if (!crew.position) continue;
			seen.add(crew.id);
			const old = isStale(crew.position.ageMs, stale);
			const title = m.map_crewAt({ crew: crew.name, age: ageText(crew.position.ageMs) }) + (old ? ` ${m.map_stale()}` : '');
			const html =
				`<span class="ht-crew${old ? ' ht-crew-stale' : ''}" data-testid="crew-marker" data-crew-id="${escapeHtml(crew.id)}"` +
				` data-lat="${crew.position.lat}" data-lng="${crew.position.lng}" data-age-ms="${crew.position.ageMs}" data-stale="${old}"` +
				` title="${escapeHtml(title)}"><span class="ht-crew-dot">${escapeHtml(initials(crew.name))}</span>` +
				`<span class="ht-crew-label">${escapeHtml(crew.name)} · ${escapeHtml(ageText(crew.position.ageMs))}</span></span>`;
			const latLng = L.latLng(crew.position.lat, crew.position.lng);
			const existing = this.#crewMarkers.get(crew.id);
			if (existing) {
				existing.marker.options.title = title;
				existing.marker.options.alt = title;
				existing.marker.setLatLng(latLng);
				if (existing.html !== html) {
					existing.marker.setIcon(this.#crewIcon(html));
					existing.html = html;
				}
				continue;
			}
			// Drawn above the jobs so the crew stays visible, but never catching a click: a job where the crew stands
			// (or under its name label) must stay clickable.
			const marker = L.marker(latLng, { icon: this.#crewIcon(html), title, alt: title, zIndexOffset: 1000, keyboard: false, interactive: false });
			marker.addTo(this.#crewLayer);
			this.#crewMarkers.set(crew.id, { marker, html });
		}
		for (const [id, { marker }] of this.#crewMarkers) {
			if (seen.has(id)) continue;
			marker.remove();
			this.#crewMarkers.delete(id);
		}
	}

	#renderRoutes(): void {
		const seen = new Set<string>();
		this.#crews.forEach((crew, index) => {
			if (crew.route.length < 2) return;
			seen.add(crew.id);
			const latLngs = crew.route.map((p) => L.latLng(p.lat, p.lng));
			const existing = this.#routes.get(crew.id);
			if (existing) {
				existing.setLatLngs(latLngs);
				return;
			}
			const line = L.polyline(latLngs, { color: ROUTE_COLOURS[index % ROUTE_COLOURS.length], weight: 4, opacity: 0.8, dashArray: '8 6', interactive: false, className: 'ht-route' });
			line.addTo(this.#routeLayer);
			const path = line.getElement();
			if (path) {
				path.setAttribute('data-testid', 'crew-route');
				path.setAttribute('data-crew-id', crew.id);
			}
			this.#routes.set(crew.id, line);
		});
		for (const [id, line] of this.#routes) {
			if (seen.has(id)) continue;
			line.remove();
			this.#routes.delete(id);
		}
	}

	#jobTitle(job: MapJob): string {
		return `${job.code} — ${job.customerName} — ${riskLabel(job.risk)}`;
	}

	#jobHtml(job: MapJob): string {
		const style = riskStyle(job.risk);
		return (
			`<span class="ht-job ht-shape-${style.shape}" style="--fill:${style.color};--ink:${style.ink}" data-testid="job-marker"` +
			` data-job-id="${escapeHtml(job.jobId)}" data-request-id="${escapeHtml(job.requestId)}" data-crew-id="${escapeHtml(job.crewId)}"` +
			` data-risk="${job.risk}" data-lat="${job.location.lat}" data-lng="${job.location.lng}" title="${escapeHtml(this.#jobTitle(job))}">` +
			`<span class="ht-job-glyph" aria-hidden="true">${style.glyph}</span></span>`
		);
	}

	#clusterHtml(jobs: readonly MapJob[]): string {
		const style = riskStyle(worstRisk(jobs.map((j) => j.risk)));
		return (
			`<span class="ht-cluster" style="--fill:${style.color};--ink:${style.ink}" data-testid="job-cluster" data-count="${jobs.length}"` +
			` data-job-ids="${escapeHtml(jobs.map((j) => j.jobId).join(' '))}" title="${escapeHtml(m.map_cluster({ count: jobs.length }))}">${jobs.length}</span>`
		);
	}

	#icon(html: string, size: number): L.DivIcon {
		return L.divIcon({ html, className: 'ht-marker', iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
	}

	#crewIcon(html: string): L.DivIcon {
		return L.divIcon({ html, className: 'ht-marker ht-marker-crew', iconSize: [40, 40], iconAnchor: [20, 20] });
	}
}

export function createFieldMap(element: HTMLElement, options: FieldMapOptions = {}): FieldMap {
	return new FieldMap(element, options);
}
