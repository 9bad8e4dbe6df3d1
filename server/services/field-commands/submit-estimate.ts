// Server side of submitEstimate: re-priced from the price list and VAT rate in force on the estimate's date (the day
// the crew made it on the tablet, never later than now: a crew offline across a price change keeps the price it
// quoted), with the tablet's `price_changed` check and words; then the estimate, the survey job done, and the
// customer's payment notice.
import { registry } from '../../../src/lib/domain/field-commands';
import { priceEstimate } from '../../../src/lib/domain/estimate';
import { insertEstimate, setJobStatus } from '../../db/commands';
import { requestContact } from '../../db/field-commands';
import { noticeCustomer, paymentNotice, queueNotice } from '../../notify/outbox';
import { estimateDate, pricingOn } from '../price-list';
import { reject, serverCommand } from './types';

export default serverCommand('submitEstimate', {
	pricesAndNotifies: true,
	async check(tx, ctx, { payload, command, batch }) {
		const pricing = await pricingOn(tx, estimateDate(command.deviceTime, ctx.clock()), batch?.reads);
		const refused = registry.submitEstimate.checkPayload?.(payload, pricing.lookup, pricing.vatPercent);
		if (refused) return reject(refused.code, refused.reason, { [refused.field]: refused.reason.vi });
		return { ok: true, checked: priceEstimate(payload.lines, payload.vatPercent, pricing.lookup) };
	},
	async write(tx, ctx, { record, payload, job, batch, at, command, checked: priced }) {
		const estimate = {
			id: ctx.newId(),
			...record,
			lines: priced.lines,
			vatPercent: priced.vatPercent,
			utilityTotal: priced.utility.total,
			customerTotal: priced.customer.total,
			total: priced.total,
			notes: payload.notes
		};
		// in a push, written with the batch's transitions (flushed before any command that may read them)
		if (batch.deferred) {
			batch.deferred.estimates.push(estimate);
			batch.deferred.jobsDone.set(job.id, at);
		} else {
			await insertEstimate(tx, estimate);
			await setJobStatus(tx, job.id, 'done', at);
		}
		batch.jobs.set(job.id, { ...job, status: 'done' });
		// in a push, the request's row is the batch's and its customer the batch's memo's (all its customers read at once)
		const row = batch.requests.get(command.requestId);
		const customer = row ? await noticeCustomer(tx, row.customerId, batch.reads) : undefined;
		const contact = row && customer ? { code: row.code, customerId: row.customerId, name: customer.fullName, phone: customer.phone, email: customer.email } : (await requestContact(tx, command.requestId))!;
		await queueNotice(tx, ctx, { phone: contact.phone, email: contact.email }, paymentNotice(command.requestId, contact.code, contact.name, priced.customer.total), {
			customerId: contact.customerId,
			memo: batch.reads,
			writes: batch.deferred
		});
	}
});
