// The intake's location picker on Leaflet. Only ever loaded with `await import(...)` (see LocationMap.svelte), so
// Leaflet stays out of the console's first bundle. A click (or a tap) on the map sets the request's location; the
// marker follows the typed coordinates. Tiles that fail leave a blank background and the typed coordinates work.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { TILE_ATTRIBUTION } from '$lib/map/tiles';
import { m } from '$lib/paraglide/messages.js';

/** Hà Nội, when no location is typed yet. */
const DEFAULT_CENTER: L.LatLngExpression = [21.0313, 105.8516];

export interface PickerOptions {
	tileUrl: string;
	onPick: (lat: number, lng: number) => void;
	onTileError: () => void;
}

export class LocationPicker {
	readonly map: L.Map;
	#marker: L.CircleMarker | null = null;

	constructor(element: HTMLElement, options: PickerOptions) {
		this.map = L.map(element, { center: DEFAULT_CENTER, zoom: 13, zoomControl: false });
		L.control.zoom({ zoomInTitle: m.map_zoomIn(), zoomOutTitle: m.map_zoomOut() }).addTo(this.map);
		let reported = false;
		L.tileLayer(options.tileUrl, { maxZoom: 19, attribution: TILE_ATTRIBUTION, crossOrigin: 'anonymous' })
			.on('tileerror', () => {
				if (reported) return;
				reported = true;
				options.onTileError();
			})
			.addTo(this.map);
		this.map.on('click', (event: L.LeafletMouseEvent) => {
			const lat = Math.round(event.latlng.lat * 1e6) / 1e6;
			const lng = Math.round(event.latlng.lng * 1e6) / 1e6;
			options.onPick(lat, lng);
		});
	}

	/** Puts the marker at the location (null: none yet); `centre` moves the view to it. */
	show(location: { lat: number; lng: number } | null, centre: boolean): void {
		if (!location) {
			this.#marker?.remove();
			this.#marker = null;
			return;
		}
		const at: L.LatLngExpression = [location.lat, location.lng];
		if (this.#marker) this.#marker.setLatLng(at);
		else this.#marker = L.circleMarker(at, { radius: 10, color: '#b71c1c', weight: 3, fillColor: '#e53935', fillOpacity: 0.8 }).addTo(this.map);
		if (centre) this.map.setView(at, Math.max(this.map.getZoom(), 16));
	}

	destroy(): void {
		this.map.remove();
	}
}
