// The supervisors' crew map: open jobs as markers with their deadline risk, each crew's route of the day
// (its jobs in scheduled order), and each crew's last known position with its age.
import type { HolidayCalendar } from '../../src/lib/domain/holidays';
import { deadlineStatus } from '../../src/lib/domain/sla';
import type { Db } from '../db/database';
import { latestPositions, openJobsForMap } from '../db/positions';

export async function mapData(db: Db, unitId: string | null, now: Date, holidays: HolidayCalendar) {
	const jobRows = await openJobsForMap(db, unitId);
	const jobs = jobRows.map(({ job, request, customerName, crewName }) => ({
		jobId: job.id,
		kind: job.kind,
		scheduledAt: job.scheduledAt.toISOString(),
		crew: { id: job.crewId, name: crewName },
		request: { id: request.id, code: request.code, state: request.state, customerName, address: request.address },
		location: request.lat != null && request.lng != null ? { lat: request.lat, lng: request.lng } : null,
		deadlineStatus: deadlineStatus(request.deadline, now, holidays)
	}));
	const crews = (await latestPositions(db, unitId)).map(({ crew, position }) => ({
		id: crew.id,
		name: crew.name,
		position: position
			? { lat: position.lat, lng: position.lng, accuracyM: position.accuracyM, source: position.source, recordedAt: position.recordedAt.toISOString(), ageMs: now.getTime() - position.recordedAt.getTime() }
			: null,
		route: jobs.filter((j) => j.crew.id === crew.id && j.location).map((j) => ({ jobId: j.jobId, scheduledAt: j.scheduledAt, location: j.location! }))
	}));
	return { jobs, crews, serverTime: now.toISOString() };
}
