// A signed-in customer sends their own meter reading from the account, any day, without waiting for the reading-day
// SMS: the account opens a reading link of today for one of the customer's meters and goes to the same self-reading
// page the SMS leads to (one reading per meter per day, compared with the utility's reading of that day).
import { randomBytes } from 'node:crypto';
import { vnDateOf } from '../../src/lib/domain/sla';
import { m } from '../../src/lib/paraglide/messages.js';
import type { AppDeps } from '../context';
import { insertReadingLink, listReadings } from '../db/meters';
import { metersOfCustomers } from '../db/customer';
import type { CustomerSession } from './customer-auth';
import { DomainError } from './domain-error';
import { both } from '../../src/lib/text';
import { hashToken, READING_LINK_TTL_MS } from './meters';


export async function customerSelfReadingLink(deps: AppDeps, session: CustomerSession, serial: string): Promise<{ path: string }> {
	const db = deps.database.db;
	const meter = (await metersOfCustomers(db, session.customers.map((c) => c.id))).find((row) => row.serial === serial);
	if (!meter) throw new DomainError('not_found', both(m.portal_acc_error_meterNotYours));
	if (meter.removedAt) throw new DomainError('meter_removed', both(m.server_refusal_meter_removed));
	const now = deps.clock();
	const today = vnDateOf(now);
	return db.transaction(async (tx) => {
		const sentToday = (await listReadings(tx, serial)).some((r) => r.source === 'customer' && vnDateOf(r.takenAt) === today);
		if (sentToday) throw new DomainError('already_sent', both(m.portal_acc_error_readingSentToday, { serial }));
		const token = randomBytes(24).toString('base64url');
		await insertReadingLink(tx, { tokenHash: hashToken(token), meterSerial: serial, readingDate: today, createdAt: now, expiresAt: new Date(now.getTime() + READING_LINK_TTL_MS) });
		return { path: `/self-reading/${token}` };
	});
}
