// The unit each resource belongs to, and which photos a user may see: the storage side of authorization by unit
// (services/access.ts holds the rules).
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { rowsOf } from './changes';
import type { Db } from './database';
import { crews, jobs, meters, requests } from './schema';

export async function requestUnit(db: Db, requestId: string): Promise<string | undefined> {
	const [row] = await db.select({ unitId: requests.unitId }).from(requests).where(eq(requests.id, requestId));
	return row?.unitId;
}

/** Whether the crew has (or had) a job on the request. */
export async function crewHasJobOn(db: Db, crewId: string, requestId: string): Promise<boolean> {
	const rows = await db.select({ id: jobs.id }).from(jobs).where(and(eq(jobs.requestId, requestId), eq(jobs.crewId, crewId))).limit(1);
	return rows.length > 0;
}

/** The job with the unit of its request. */
export async function jobWithUnit(db: Db, jobId: string) {
	const [row] = await db.select({ job: jobs, unitId: requests.unitId }).from(jobs).innerJoin(requests, eq(requests.id, jobs.requestId)).where(eq(jobs.id, jobId));
	return row;
}

export async function crewUnit(db: Db, crewId: string): Promise<string | undefined> {
	const [row] = await db.select({ unitId: crews.unitId }).from(crews).where(eq(crews.id, crewId));
	return row?.unitId;
}

/** A crew's unit, name and whether an administrator deactivated it; undefined for an unknown crew. */
export async function crewStanding(db: Db, crewId: string): Promise<{ unitId: string; name: string; deactivated: boolean } | undefined> {
	const [row] = await db.select({ unitId: crews.unitId, name: crews.name, deactivatedAt: crews.deactivatedAt }).from(crews).where(eq(crews.id, crewId));
	return row && { unitId: row.unitId, name: row.name, deactivated: row.deactivatedAt !== null };
}

export async function meterUnit(db: Db, serial: string): Promise<string | undefined> {
	const [row] = await db.select({ unitId: meters.unitId }).from(meters).where(eq(meters.serial, serial));
	return row?.unitId;
}

/** The active crews of a unit (all units for null), by name; a deactivated crew is no longer dispatched to. */
export async function listCrews(db: Db, unitId: string | null) {
	return db.select().from(crews).where(and(isNull(crews.deactivatedAt), unitId ? eq(crews.unitId, unitId) : undefined)).orderBy(asc(crews.name));
}

/** The values as the parameters of an IN (…) list. */
const sqlList = (values: string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** Whose photos a user sees besides their own uploads: everything (admin), a unit's (supervisor) or a crew's. */
export type BlobViewer = { userId: string } & ({ all: true } | { unitId: string } | { crewId: string });

/**
 * Of these hashes, the blobs the viewer may read. A unit's supervisors see what the unit's crews uploaded, the
 * documents of the unit's requests and the photos of readings on the unit's meters; a crew sees what its members
 * uploaded and the documents and meter photos of requests it has a job on. Everyone sees their own uploads.
 */
export async function readableBlobs(db: Db, viewer: BlobViewer, shas: string[]): Promise<Set<string>> {
	if (shas.length === 0) return new Set();
	let reach: SQL;
	if ('all' in viewer) {
		reach = sql`true`;
	} else if ('unitId' in viewer) {
		reach = sql`
			EXISTS (SELECT 1 FROM users u JOIN crews c ON c.id = u.crew_id WHERE u.id = b.uploaded_by AND c.unit_id = ${viewer.unitId})
			OR EXISTS (SELECT 1 FROM request_documents d JOIN requests r ON r.id = d.request_id WHERE d.sha256 = b.sha256 AND r.unit_id = ${viewer.unitId})
			OR EXISTS (SELECT 1 FROM meter_readings m JOIN meters mt ON mt.serial = m.meter_serial WHERE m.photo_sha256 = b.sha256 AND mt.unit_id = ${viewer.unitId})`;
	} else {
		reach = sql`
			EXISTS (SELECT 1 FROM users u WHERE u.id = b.uploaded_by AND u.crew_id = ${viewer.crewId})
			OR EXISTS (SELECT 1 FROM request_documents d JOIN jobs j ON j.request_id = d.request_id WHERE d.sha256 = b.sha256 AND j.crew_id = ${viewer.crewId})
			OR EXISTS (
				SELECT 1 FROM meter_readings m JOIN requests r ON r.meter_serial = m.meter_serial JOIN jobs j ON j.request_id = r.id
				WHERE m.photo_sha256 = b.sha256 AND j.crew_id = ${viewer.crewId})
			OR EXISTS (
				SELECT 1 FROM handovers h JOIN jobs j ON j.id = h.job_id
				WHERE h.status = 'passed' AND j.crew_id = ${viewer.crewId} AND strpos(h.payload::text, b.sha256) > 0)`;
	}
	const rows = rowsOf(await db.execute(sql`SELECT b.sha256 FROM blobs b WHERE b.sha256 IN (${sqlList(shas)}) AND (b.uploaded_by = ${viewer.userId} OR ${reach})`));
	return new Set(rows.map((r) => String(r.sha256)));
}

/**
 * Of these hashes, those that are not this crew's: uploaded by no member of the crew, and named by no command
 * accepted earlier on this job (a photo already on the job's record is the job's, whoever took it).
 */
export async function photosFromOutsideCrew(db: Db, target: { crewId: string; requestId: string; jobId: string }, shas: string[]): Promise<string[]> {
	if (shas.length === 0) return [];
	const rows = rowsOf(
		await db.execute(sql`
			SELECT b.sha256 FROM blobs b
			WHERE b.sha256 IN (${sqlList(shas)})
				AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = b.uploaded_by AND u.crew_id = ${target.crewId})
				AND NOT EXISTS (
					SELECT 1 FROM command_log l
					WHERE l.request_id = ${target.requestId} AND l.job_id = ${target.jobId} AND l.status = 'applied' AND strpos(l.payload::text, b.sha256) > 0)
				-- work a previous crew did on this job, kept for the supervisor (handovers), belongs to the job
				AND NOT EXISTS (SELECT 1 FROM handovers h WHERE h.job_id = ${target.jobId} AND strpos(h.payload::text, b.sha256) > 0)`)
	);
	return rows.map((r) => String(r.sha256));
}
