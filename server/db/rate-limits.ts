// The rate_limits table (0012_rate_limits): rate-limiter-flexible's Drizzle store reads and upserts it itself.
import { lt } from 'drizzle-orm';
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Db } from './database';

export const rateLimits = pgTable('rate_limits', {
	key: text('key').primaryKey(),
	points: integer('points').notNull(),
	expire: timestamp('expire', { withTimezone: true, mode: 'date' })
});

/** Counters whose window ended before `before` count nothing any more. */
export async function deleteExpiredRateLimits(db: Db, before: Date): Promise<number> {
	const removed = await db.delete(rateLimits).where(lt(rateLimits.expire, before)).returning({ key: rateLimits.key });
	return removed.length;
}
