// Authorization by unit. A supervisor reads and acts only on what belongs to their unit (requests, jobs, crews,
// meters, photos, documents); an admin on every unit; a crew on its own jobs. What belongs to another unit answers
// 404 exactly like what does not exist, so an id of another unit is never confirmed.
import type { SessionUser } from '../../src/lib/domain/api';
import type { Db } from '../db/database';
import { crewHasJobOn, crewStanding, crewUnit, jobWithUnit, meterUnit, readableBlobs, requestUnit, type BlobViewer } from '../db/scope';
import { DomainError } from './domain-error';
import { both, type Text } from '../../src/lib/text';
import { m } from '../../src/lib/paraglide/messages.js';

/** The unit a supervisor's work is limited to; null for an admin, who sees every unit. */
export type UnitScope = string | null;

export function unitScopeOf(user: SessionUser): UnitScope {
	if (user.role === 'admin') return null;
	// without a unit a supervisor would otherwise see everything: refuse instead
	if (!user.unitId) throw new DomainError('no_unit', both(m.server_refusal_noUnit));
	return user.unitId;
}

export const inScope = (scope: UnitScope, unitId: string | undefined): unitId is string => unitId !== undefined && (scope === null || scope === unitId);

export const requestNotFound = () => new DomainError('not_found', both(m.server_refusal_not_found));

/** A supervisor's (or an admin's) request: 404 when it is missing or of another unit. */
export async function assertRequestInScope(db: Db, user: SessionUser, requestId: string): Promise<string> {
	const scope = unitScopeOf(user);
	const unitId = await requestUnit(db, requestId);
	if (!inScope(scope, unitId)) throw requestNotFound();
	return unitId;
}

/** Supervisors of the request's unit (admins: all), and crews that have (or had) a job on it. */
export async function assertMayReadRequest(db: Db, user: SessionUser, requestId: string) {
	if (user.role !== 'crew') return void (await assertRequestInScope(db, user, requestId));
	if (!user.crewId || !(await crewHasJobOn(db, user.crewId, requestId))) throw requestNotFound();
}

/** The job, when it belongs to the supervisor's unit. */
export async function jobInScope(db: Db, user: SessionUser, jobId: string) {
	const scope = unitScopeOf(user);
	const found = await jobWithUnit(db, jobId);
	if (!found || !inScope(scope, found.unitId)) throw new DomainError('not_found', both(m.server_refusal_jobNotFound));
	return found;
}

/**
 * A crew chosen in a form (dispatch, reassign) must work for the unit of the request it is given; a crew of another
 * unit reads as an unknown one.
 */
export async function assertCrewServesUnit(db: Db, crewId: string, unitId: string) {
	const crew = await crewStanding(db, crewId);
	if (crew?.unitId !== unitId) {
		throw new DomainError('invalid_input', both(m.server_refusal_crewOfOtherUnit), { crewId: both(m.server_refusal_chooseCrewOfUnit) });
	}
	// the crew lists hide a deactivated crew; an id sent by hand must not reach it either
	if (crew.deactivated) {
		const words = both(m.server_refusal_crew_deactivated, { crew: crew.name });
		throw new DomainError('invalid_input', words, { crewId: words });
	}
}

export const meterNotFound = (serial: string) => new DomainError('meter_not_found', both(m.server_refusal_noSuchMeter, { serial }));

/** A meter of the supervisor's unit: 404 when it is missing or of another unit. */
export async function assertMeterInScope(db: Db, scope: UnitScope, serial: string) {
	if (!inScope(scope, await meterUnit(db, serial))) throw meterNotFound(serial);
}

function blobViewerOf(user: SessionUser): BlobViewer {
	if (user.role === 'admin') return { userId: user.id, all: true };
	if (user.role === 'crew') return { userId: user.id, crewId: user.crewId ?? '' };
	return { userId: user.id, unitId: unitScopeOf(user)! };
}

/** Of these photos and documents, those this user may open (services/blobs.ts#readBlob says which). */
export async function readableBy(db: Db, user: SessionUser, shas: string[]): Promise<Set<string>> {
	return readableBlobs(db, blobViewerOf(user), [...new Set(shas)]);
}

/**
 * A supervisor attaches only photos and documents they may open (their own uploads, their unit's): attaching
 * another unit's photo to a request or a reading would otherwise hand it over.
 */
export async function assertMayAttach(db: Db, user: SessionUser, shas: string[], field: string, message: Text) {
	const readable = await readableBy(db, user, shas);
	const missing = [...new Set(shas)].filter((sha) => !readable.has(sha));
	if (missing.length > 0) throw new DomainError('invalid_input', message, { [field]: message });
}
