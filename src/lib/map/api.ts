// GET /api/map (supervisors) and the tablet's own jobs, turned into what the map draws.
import { deadlineStatus, vnDateOf } from '$lib/domain/sla';
import type { JobView } from '$lib/domain/api';
import type { MapResponse } from '$lib/api/map';
import { apiClient } from '$lib/api/client';
import type { LatLng, MapCrew, MapJob, Risk } from './model';
import { routeInOrder } from './model';

export type { MapResponse };

export interface MapData {
	jobs: MapJob[];
	crews: MapCrew[];
	/** Open jobs the server knows no location for (not drawn). */
	withoutLocation: number;
	serverTime: string;
}

/**
 * GET /api/map through the typed client (its answer's type is the route's declared 200 body, MapResponse), with the
 * supervisor's bearer token.
 */
export function requestSupervisorMap(fetch: typeof globalThis.fetch, token: string | null) {
	const headers = (): Record<string, string> => ({ accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) });
	return apiClient({ fetch, headers }).api.map.$get();
}

/** The supervisors' map: jobs with a location, crews with their position and their stops of today (VN date). */
export function fromMapResponse(body: MapResponse): MapData {
	const today = vnDateOf(new Date(body.serverTime));
	const jobs: MapJob[] = body.jobs.flatMap((j) =>
		j.location
			? [
					{
						jobId: j.jobId,
						requestId: j.request.id,
						code: j.request.code,
						customerName: j.request.customerName,
						address: j.request.address,
						state: j.request.state,
						kind: j.kind,
						crewId: j.crew.id,
						crewName: j.crew.name,
						scheduledAt: j.scheduledAt,
						location: j.location,
						risk: j.deadlineStatus
					}
				]
			: []
	);
	const crews: MapCrew[] = body.crews.map((c) => ({
		id: c.id,
		name: c.name,
		position: c.position ? { lat: c.position.lat, lng: c.position.lng, recordedAt: c.position.recordedAt, ageMs: c.position.ageMs, accuracyM: c.position.accuracyM ?? undefined } : null,
		route: routeInOrder(c.route.filter((s) => vnDateOf(new Date(s.scheduledAt)) === today))
	}));
	return { jobs, crews, withoutLocation: body.jobs.length - jobs.length, serverTime: body.serverTime };
}

/** The tablet's open jobs with a location, and its route of the day (today's stops in scheduled order). */
export function fromCrewJobs(jobs: readonly JobView[], now: Date, crew: { id: string; name: string } | null): { jobs: MapJob[]; route: LatLng[]; withoutLocation: number } {
	const open = jobs.filter((j) => j.status === 'assigned');
	const located = open.filter((j) => j.request.location !== null);
	const today = vnDateOf(now);
	const mapJobs: MapJob[] = located.map((j) => ({
		jobId: j.id,
		requestId: j.request.id,
		code: j.request.code,
		customerName: j.request.customer.name,
		address: j.request.address,
		state: j.request.state,
		kind: j.kind,
		crewId: j.crewId,
		crewName: crew?.name ?? '',
		scheduledAt: j.scheduledAt,
		location: j.request.location!,
		risk: deadlineStatus(j.request.deadline ? new Date(j.request.deadline) : null, now)
	}));
	const route = routeInOrder(
		located.filter((j) => vnDateOf(new Date(j.scheduledAt)) === today).map((j) => ({ scheduledAt: j.scheduledAt, location: j.request.location }))
	);
	return { jobs: mapJobs, route, withoutLocation: open.length - located.length };
}
