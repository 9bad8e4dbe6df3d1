// The rate_limits table (schema.ts): rate-limiter-flexible's Drizzle store reads and upserts it itself.
import { lt } from 'drizzle-orm';
import type { Db } from './database';
import { rateLimits } from './schema';

export { rateLimits };

/** Counters whose window ended before `before` count nothing any more. */
export async function deleteExpiredRateLimits(db: Db, before: Date): Promise<number> {
	const removed = await db.delete(rateLimits).where(lt(rateLimits.expire, before)).returning({ key: rateLimits.key });
	return removed.length;
}
