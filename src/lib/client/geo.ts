// The tablet's GPS position for a survey, as the GpsFix the commands carry. A denied or missing fix is an
// outcome, not an exception: the survey can always be submitted with location null.
import type { GpsFix } from '$lib/domain/commands';

export type GeoFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

export type GeoOutcome = { ok: true; fix: GpsFix } | { ok: false; error: GeoFailure };

/** Above this the crew is told to move to an open spot and try again (the fix is still kept). */
export const POOR_ACCURACY_M = 50;

export const GEO_TIMEOUT_MS = 20_000;

/** Largest accuracy the command schema accepts. */
const MAX_ACCURACY_M = 100_000;

/** Rounds to ~1 cm and to whole metres of accuracy: more digits would be noise. */
export function toGpsFix(coords: Pick<GeolocationCoordinates, 'latitude' | 'longitude' | 'accuracy'>): GpsFix {
	const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
	const accuracy = Number.isFinite(coords.accuracy) ? Math.max(0, Math.min(MAX_ACCURACY_M, Math.round(coords.accuracy))) : MAX_ACCURACY_M;
	return { lat: round6(coords.latitude), lng: round6(coords.longitude), accuracyM: accuracy };
}

export function geoFailureOf(error: Pick<GeolocationPositionError, 'code'>): GeoFailure {
	// PERMISSION_DENIED = 1, POSITION_UNAVAILABLE = 2, TIMEOUT = 3
	if (error.code === 1) return 'denied';
	if (error.code === 3) return 'timeout';
	return 'unavailable';
}

/** One fresh, high-accuracy fix. Never rejects. */
export function currentPosition(
	geolocation: Geolocation | undefined = globalThis.navigator?.geolocation,
	timeoutMs = GEO_TIMEOUT_MS
): Promise<GeoOutcome> {
	if (!geolocation) return Promise.resolve({ ok: false, error: 'unsupported' });
	return new Promise((resolve) => {
		try {
			geolocation.getCurrentPosition(
				(position) => resolve({ ok: true, fix: toGpsFix(position.coords) }),
				(error) => resolve({ ok: false, error: geoFailureOf(error) }),
				{ enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 0 }
			);
		} catch {
			resolve({ ok: false, error: 'unsupported' });
		}
	});
}
