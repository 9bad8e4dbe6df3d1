// Step 13: the request completes once the utility has countersigned and the installation is recorded.
import type { Db } from '../db/database';
import { lockRequest } from '../db/requests';
import type { RequestState } from '../../src/lib/domain/workflow';
import { DomainError } from './domain-error';
import type { DraftContext } from './contracts';
import { transitionRequest } from './workflow';

/** Completion needs both the countersignature and the installation, whichever reaches the server last. */
export async function completeIfReady(tx: Db, ctx: DraftContext, requestId: string): Promise<RequestState> {
	const request = (await lockRequest(tx, requestId))!;
	if (request.state !== 'utility_signed' || !request.installed) return request.state;
	const done = await transitionRequest(tx, { requestId, name: 'complete', actor: { userId: null, role: 'system' }, at: ctx.runtime.clock() });
	if (!done.ok) throw new DomainError(done.code, done.reason.vi);
	return done.to;
}
