// GET /api/map (supervisors): open jobs with their deadline risk, crews with their last position and their stops.
import { z } from 'zod';

const latLng = z.object({ lat: z.number(), lng: z.number() });

export const mapResponse = z.object({
	jobs: z.array(
		z.object({
			jobId: z.string(),
			kind: z.string(),
			scheduledAt: z.string(),
			crew: z.object({ id: z.string(), name: z.string() }),
			request: z.object({ id: z.string(), code: z.string(), state: z.string(), customerName: z.string(), address: z.string() }),
			location: latLng.nullable(),
			deadlineStatus: z.enum(['ok', 'due_soon', 'overdue', 'none'])
		})
	),
	crews: z.array(
		z.object({
			id: z.string(),
			name: z.string(),
			position: z
				.object({ lat: z.number(), lng: z.number(), accuracyM: z.number().nullable(), source: z.enum(['command', 'ping']), recordedAt: z.string(), ageMs: z.number() })
				.nullable(),
			route: z.array(z.object({ jobId: z.string(), scheduledAt: z.string(), location: latLng }))
		})
	),
	serverTime: z.string()
});
export type MapResponse = z.infer<typeof mapResponse>;
