// What the customer still owes on a request (the signed contract's customer share, less what was paid and what the
// utility owes back), and what the utility owes back. Owned by the on-site signing work of issue 11 (item 2).
import type { Db } from '../db/database';
import { latestEstimate } from '../db/field-commands';
import { latestCustomerSignedContract, listRefunds, paidAndRefunded } from '../db/installed-contract';
import { estimateRecordOf } from './field-records';
import { customerShareOf } from './installed-contract';

/**
 * VND the customer still owes for the request's latest signed version (0 when nothing is owed): its customer share
 * (an addendum for what was installed holds the installed amount) less what was paid, plus what is already owed
 * back to the customer (a refund recorded for a lower version is not money the customer has on account).
 * Before any signature, the estimate paid at step 6 is the measure.
 */
export async function amountOwed(tx: Db, requestId: string): Promise<number> {
	const signed = await latestCustomerSignedContract(tx, requestId);
	let share = signed ? customerShareOf(signed) : null;
	if (share === null) {
		const estimate = await latestEstimate(tx, requestId);
		if (!estimate) return 0;
		share = estimateRecordOf(estimate).customer.total;
	}
	const { paid, refunded } = await paidAndRefunded(tx, requestId);
	return Math.max(0, share - (paid - refunded));
}

/** VND the utility owes the customer back (refunds recorded and not yet paid). */
export async function amountRefundable(tx: Db, requestId: string): Promise<number> {
	return (await listRefunds(tx, requestId)).filter((r) => r.status === 'owed').reduce((sum, r) => sum + Number(r.amount), 0);
}
