// Server side of recordMeterCheck: the form's rules on the meter checked (clock drift only on an electronic meter),
// the readings against the register, the confirmation code; then the readings, the result and the job done. In a
// push batch it is written set-based (its transition, readings, record and job done with the batch's others), but for
// a replacement, which changes the register and the requests naming the old meter at once.
import { breaksMeterTypeRule, meterCheckPayloadFor } from '../../../src/lib/domain/field-commands/record-meter-check';
import { parseWith } from '../../../src/lib/domain/commands';
import { setJobStatus } from '../../db/commands';
import { findMeter } from '../../db/meters';
import { lockRequest, type RequestRow } from '../../db/requests';
import { checkMeterCheck, precheckMeterCheck, recordMeterCheck, type CheckedMeterCheck, type FoundMeter, type MeterMemo } from '../meter-checks';
import type { Db } from '../../db/database';
import { serverCommand, type Accepted, type Rejection } from './types';
import type { MeterCheckPayload } from '../../../src/lib/domain/commands';

type Checked = { request: RequestRow; checked: CheckedMeterCheck };

/**
 * The payload's rules that depend on the meter (the form's, same code and words); null when they hold. The payload
 * passed its command's schema already: only the meter's rule is left, and the whole check (for its refusal, as the
 * form words it) runs only when that rule is broken.
 */
function meterRules(found: FoundMeter | undefined, payload: MeterCheckPayload): Rejection | null {
	if (!found) return null; // checkMeterCheck says the meter is not the request's
	if (!breaksMeterTypeRule(payload, found.meter.type)) return null;
	const parsed = parseWith(meterCheckPayloadFor(found.meter.type), payload);
	return parsed.ok ? null : { ok: false, ...parsed.refusal };
}

/** The meter by this serial, from the batch's memo when it holds it (locked at the batch's start, kept current). */
async function meterOf(tx: Db, serial: string, memo?: MeterMemo): Promise<FoundMeter | undefined> {
	const known = memo?.get(serial);
	return known ? known.found : findMeter(tx, serial);
}

export default serverCommand('recordMeterCheck', {
	setBased: (payload) => !(payload as Partial<MeterCheckPayload> | undefined)?.replacement,
	// the meter read, and a replacement's new serial (to find it taken)
	metersNamed: (payload) => {
		const { meterSerial, replacement } = payload as Pick<MeterCheckPayload, 'meterSerial' | 'replacement'>;
		return replacement ? [meterSerial, replacement.newSerial] : [meterSerial];
	},
	// its confirmation code through the batch's codes, a replacement's too; it issues none
	verifiesCode: true,
	async precheck(tx, ctx, { command, payload, job, batch }: Accepted<MeterCheckPayload>) {
		const found = await meterOf(tx, payload.meterSerial, batch?.meters);
		const refused = meterRules(found, payload);
		if (refused) return refused;
		// in a push, the batch holds the request's row locked and current (push.ts drops it once anything else may have changed it)
		const prechecked = await precheckMeterCheck(tx, ctx, command, job.id, payload, { request: batch?.requests.get(command.requestId), meter: found, memo: batch?.reads, meters: batch?.meters });
		if (!prechecked?.ok) return prechecked;
		batch?.reads?.prechecked.set(command.commandId, { command: 'recordMeterCheck', request: prechecked.request, checked: prechecked.checked });
		return null;
	},
	// the precheck ran these rules already; run again so a command applied on its own is held to them too
	async check(tx, ctx, { command, payload, batch }) {
		// what this command's precheck checked in this batch: only its code attempt was written since, so it still holds
		const prechecked = batch?.reads?.prechecked.get(command.commandId);
		if (prechecked?.command === 'recordMeterCheck') return { ok: true, checked: { request: prechecked.request, checked: prechecked.checked } } as { ok: true; checked: Checked | undefined };
		const refused = meterRules(await meterOf(tx, payload.meterSerial, batch?.meters), payload);
		if (refused) return refused;
		const request = await lockRequest(tx, command.requestId);
		const checked = request ? await checkMeterCheck(tx, ctx, request, command, payload, undefined, batch?.meters) : undefined;
		if (checked && !checked.ok) return checked;
		return { ok: true, checked: request && checked ? { request, checked: checked as CheckedMeterCheck } : undefined } as {
			ok: true;
			checked: Checked | undefined;
		};
	},
	async write(tx, ctx, { job, user, command, payload, at, batch, checked }) {
		if (!checked) return;
		// in a push, the readings and the record go with the batch's set-based writes (a replacement writes its own now)
		const input = { request: checked.request, jobId: job.id, crewId: job.crewId, userId: user.id, command, payload, checked: checked.checked };
		await recordMeterCheck(tx, ctx, input, { notices: batch.reads, meters: batch.meters, writes: batch.deferred });
		if (batch.deferred) batch.deferred.jobsDone.set(job.id, at);
		else await setJobStatus(tx, job.id, 'done', at);
		batch.jobs.set(job.id, { ...job, status: 'done' });
	}
});
