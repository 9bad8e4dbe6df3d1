// Server side of recordInstallation: the handover reading checked against the meter's register, then the
// installation with its differences from the estimate, the crew's reading, the addendum for what was installed when
// it differs from the contract (server/services/installed-contract.ts: signed already, the request goes back to the
// customer's signature), and completion when already countersigned and nothing differs.
import { materialDifferences, type PricedLine } from '../../../src/lib/domain/estimate';
import { insertInstallation } from '../../db/field-commands';
import { contractSources } from '../../db/contracts';
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
	async check(tx, ctx, { command, payload, batch }) {
		const handover = await checkHandoverReading(tx, ctx, command, payload, batch?.meters);
		return handover.ok ? { ok: true, checked: handover as Handover } : handover;
	},
	async write(tx, ctx, { record, payload, command, user, batch, checked: handover }) {
		// the request with its customer, unit and latest estimate, read once: the differences and the addendum both need
		// them, and the installation's own row changes none of them
		const sources = await contractSources(tx, command.requestId);
		const differences = materialDifferences((sources?.estimate?.lines as PricedLine[] | undefined) ?? [], payload.materials);
		await insertInstallation(tx, { id: ctx.newId(), ...record, data: payload, differences });
		// before a signature of the same push: the tablet rendered this addendum offline and the customer signs it
		await draftInstalledContract(tx, signingContextOf(ctx), { requestId: command.requestId, installed: payload.materials, installedAt: new Date(command.deviceTime), sources, memo: batch.reads, locked: batch.requests });
		if (handover.registered) {
			await insertCrewReading(tx, ctx, { meterSerial: payload.meterSerial, kwh: payload.meterReadingKwh, photo: payload.meterPhoto, abnormal: handover.abnormal, takenAt: handover.takenAt, userId: user.id }, { memo: batch.meters });
		}
		// where it leaves the request, from the batch's locked row (current: the transitions above kept it so), or
		// completion's own locked read (the push answers it without reading it again)
		return completion(tx, signingContextOf(ctx), command.requestId, batch.requests);
	}
});
