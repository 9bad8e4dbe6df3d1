// Server side of submitEstimate: re-priced from today's price list (the tablet's `price_changed` check, same words),
// then the estimate, the survey job done, and the customer's payment notice.
import { registry } from '../../../src/lib/domain/field-commands';
import { priceEstimate } from '../../../src/lib/domain/estimate';
import { findMaterial } from '../../../src/lib/domain/materials';
import { insertEstimate, setJobStatus } from '../../db/commands';
import { requestContact } from '../../db/field-commands';
import { paymentNotice, queueNotice } from '../../notify/outbox';
import { reject, serverCommand } from './types';

export default serverCommand('submitEstimate', {
	async check(_tx, _ctx, { payload }) {
		const refused = registry.submitEstimate.checkPayload?.(payload, findMaterial);
		if (refused) return reject(refused.code, refused.reason, { [refused.field]: refused.reason.vi });
		return { ok: true, checked: priceEstimate(payload.lines, payload.vatPercent) };
	},
	async write(tx, ctx, { record, payload, job, batch, at, command, checked: priced }) {
		await insertEstimate(tx, {
			id: ctx.newId(),
			...record,
			lines: priced.lines,
			vatPercent: priced.vatPercent,
			utilityTotal: priced.utility.total,
			customerTotal: priced.customer.total,
			total: priced.total,
			notes: payload.notes
		});
		await setJobStatus(tx, job.id, 'done', at);
		batch.jobs.set(job.id, { ...job, status: 'done' });
		const contact = (await requestContact(tx, command.requestId))!;
		await queueNotice(tx, ctx, { phone: contact.phone, email: contact.email }, paymentNotice(command.requestId, contact.code, contact.name, priced.customer.total));
	}
});
