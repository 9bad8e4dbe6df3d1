// What the customer still owes on a request (the signed contract's customer share, less what was paid and what the
// utility owes back), and what the utility owes back. Owned by the on-site signing work of issue 11 (item 2).
import type { Db } from '../db/database';

/**
 * VND the customer still owes for the request's latest signed version (0 when nothing is owed).
 * Placeholder until the installed-versus-contract work lands: nothing is owed beyond the estimate paid at step 6.
 */
export async function amountOwed(_tx: Db, _requestId: string): Promise<number> {
	return 0;
}
