// Server side of recordInstallation: the handover reading checked against the meter's register, then the
// installation with its differences from the estimate, the crew's reading, the addendum for what was installed when
// it differs from the contract (server/services/installed-contract.ts: signed already, the request goes back to the
// customer's signature), and completion when already countersigned and nothing differs.
import { materialDifferences, type PricedLine } from '../../../src/lib/domain/estimate';
import { insertInstallation } from '../../db/field-commands';
import { contractSourcesIn } from '../contracts';
import { checkHandoverReading, insertCrewReading } from '../meter-checks';
import { completion } from '../completion';
import { draftInstalledContract } from '../installed-contract';
import { signingContextOf } from './context';
import { serverCommand } from './types';

type Handover = Extract<Awaited<ReturnType<typeof checkHandoverReading>>, { ok: true }>;

export default serverCommand('recordInstallation', {
	// its request's estimate, contract, addendum and completion; its meter through the memo
	ownRequestOnly: true,
	// its one reading goes through the batch's memo of meters
	keepsMeters: true,
	metersNamed: (payload) => [payload.meterSerial],
	// the codes an addendum retires or issues: draftInstalledContract writes the batch's attempts on them and forgets them first
	keepsCodes: true,
	// its contract through the batch's (the addendum it drafts replaces it there)
	readsContract: true,
	// its transition on the batch's row, its installation and reading with the batch's writes; an addendum and
	// completion write its request's pending writes first (writePending)
	decidedInBatch: true,
	async check(tx, ctx, { command, payload, batch }) {
		const handover = await checkHandoverReading(tx, ctx, command, payload, batch?.meters);
		return handover.ok ? { ok: true, checked: handover as Handover } : handover;
	},
	async write(tx, ctx, { record, payload, command, user, batch, checked: handover, writePending }) {
		// an estimate of the same push still pending is written first: the differences are from the latest estimate
		if (batch.deferred?.estimates.some((e) => e.requestId === command.requestId)) await writePending();
		// the request with its customer, unit and latest estimate, read once (in a push, once for the batch): the
		// differences and the addendum both need them, and the installation's own row changes none of them; the request
		// as the batch's locked row holds it (its transition may still be pending)
		const sources = await contractSourcesIn(tx, command.requestId, batch.reads, batch.requests);
		const differences = materialDifferences((sources?.estimate?.lines as PricedLine[] | undefined) ?? [], payload.materials);
		const installation = { id: ctx.newId(), ...record, data: payload, differences };
		// in a push, written with the batch's (nothing in a push reads installations)
		if (batch.deferred) batch.deferred.installations.push(installation);
		else await insertInstallation(tx, installation);
		// before a signature of the same push: the tablet rendered this addendum offline and the customer signs it
		await draftInstalledContract(tx, signingContextOf(ctx), { requestId: command.requestId, installed: payload.materials, installedAt: new Date(command.deviceTime), sources, memo: batch.reads, locked: batch.requests, writePending });
		if (handover.registered) {
			await insertCrewReading(tx, ctx, { meterSerial: payload.meterSerial, kwh: payload.meterReadingKwh, photo: payload.meterPhoto, abnormal: handover.abnormal, takenAt: handover.takenAt, userId: user.id }, { memo: batch.meters, writes: batch.deferred });
		}
		// where it leaves the request, from the batch's locked row (current: the transitions above kept it so), or
		// completion's own locked read (the push answers it without reading it again); its request's pending writes are
		// written before completion reads what was signed and paid
		return completion(tx, signingContextOf(ctx), command.requestId, batch.requests, writePending);
	}
});
