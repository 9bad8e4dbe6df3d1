// Server side of recordMeterCheck: the form's rules on the meter checked (clock drift only on an electronic meter),
// the readings against the register, the confirmation code; then the readings, the result and the job done.
import { meterCheckPayloadFor } from '../../../src/lib/domain/field-commands/record-meter-check';
import { parseWith } from '../../../src/lib/domain/commands';
import { setJobStatus } from '../../db/commands';
import { findMeter } from '../../db/meters';
import { lockRequest, type RequestRow } from '../../db/requests';
import type { Db } from '../../db/database';
import { checkMeterCheck, precheckMeterCheck, recordMeterCheck, type CheckedMeterCheck } from '../meter-checks';
import { serverCommand, type Accepted, type Rejection } from './types';
import type { MeterCheckPayload } from '../../../src/lib/domain/commands';

/** The payload's rules that depend on the meter (the form's, same code and words); null when they hold. */
async function meterRules(tx: Db, payload: MeterCheckPayload): Promise<Rejection | null> {
	const found = await findMeter(tx, payload.meterSerial);
	if (!found) return null; // checkMeterCheck says the meter is not the request's
	const parsed = parseWith(meterCheckPayloadFor(found.meter.type), payload);
	return parsed.ok ? null : { ok: false, ...parsed.refusal };
}

export default serverCommand('recordMeterCheck', {
	async precheck(tx, ctx, { command, payload, job }: Accepted<MeterCheckPayload>) {
		return (await meterRules(tx, payload)) ?? precheckMeterCheck(tx, ctx, command, job.id, payload);
	},
	// the precheck ran these rules already; run again so a command applied on its own is held to them too
	async check(tx, ctx, { command, payload }) {
		const refused = await meterRules(tx, payload);
		if (refused) return refused;
		const request = await lockRequest(tx, command.requestId);
		const checked = request ? await checkMeterCheck(tx, ctx, request, command, payload) : undefined;
		if (checked && !checked.ok) return checked;
		return { ok: true, checked: request && checked ? { request, checked: checked as CheckedMeterCheck } : undefined } as {
			ok: true;
			checked: { request: RequestRow; checked: CheckedMeterCheck } | undefined;
		};
	},
	async write(tx, ctx, { job, user, command, payload, at, batch, checked }) {
		if (!checked) return;
		await recordMeterCheck(tx, ctx, { request: checked.request, jobId: job.id, crewId: job.crewId, userId: user.id, command, payload, checked: checked.checked });
		await setJobStatus(tx, job.id, 'done', at);
		batch.jobs.set(job.id, { ...job, status: 'done' });
	}
});
