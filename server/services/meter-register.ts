// The meter register's actions and the customer's reading-day link, each in one transaction (routes only delegate).
import { blobStoreOf } from '../storage/blob-store';
import type { SessionUser } from '../../src/lib/domain/api';
import type { AppDeps } from '../context';
import { unitScopeOf } from './access';
import { storeBlob } from './blobs';
import { customerAsksMeterCheck, meterDetail, recordUtilityReading, selfReadingView, sendReadingLink, submitSelfReading, type ReadingContext } from './meters';

function readingContext(deps: AppDeps): ReadingContext {
	return { ...deps, selfReadingToleranceKwh: deps.selfReadingToleranceKwh, abnormalFactor: deps.abnormalReadingFactor };
}

export function meterOfUnit(deps: AppDeps, user: SessionUser, serial: string) {
	return meterDetail(deps.database.db, serial, unitScopeOf(user));
}

/** The utility's reading (the reader's handheld or a supervisor), now unless it says when. */
export function recordReading(deps: AppDeps, user: SessionUser, serial: string, body: { kwh: number; takenAt?: string; photoSha256?: string }) {
	return deps.database.db.transaction((tx) =>
		recordUtilityReading(tx, readingContext(deps), {
			serial,
			kwh: body.kwh,
			takenAt: body.takenAt ? new Date(body.takenAt) : deps.clock(),
			photoSha256: body.photoSha256 ?? null,
			by: user
		})
	);
}

/** A reading-day link to the meter's customer (the link itself goes only to the customer). */
export async function sendReadingDayLink(deps: AppDeps, user: SessionUser, serial: string, readingDate: string): Promise<void> {
	await deps.database.db.transaction((tx) => sendReadingLink(tx, readingContext(deps), { serial, readingDate, unitId: unitScopeOf(user) }));
}

export function readingDayPage(deps: AppDeps, token: string) {
	return selfReadingView(deps.database.db, readingContext(deps), token);
}

/** The photo of the customer's own reading; a live link is the only credential. */
export async function storeReadingPhoto(deps: AppDeps, token: string, sha256: string, bytes: Uint8Array) {
	await selfReadingView(deps.database.db, readingContext(deps), token);
	return storeBlob(deps.database.db, deps, { blobDir: deps.blobDir, store: blobStoreOf(deps), maxBytes: deps.blobMaxBytes }, null, sha256, bytes);
}

/** The customer doubts the meter itself: a meter check request (service 41), or the one already open. */
export function askMeterCheck(deps: AppDeps, token: string) {
	return deps.database.db.transaction((tx) => customerAsksMeterCheck(tx, readingContext(deps), token));
}

export function submitOwnReading(deps: AppDeps, token: string, body: { kwh: number; photoSha256: string }) {
	return deps.database.db.transaction((tx) => submitSelfReading(tx, readingContext(deps), token, body));
}
