// The demo outbox (GET /api/dev/outbox): the SMS and emails the server sent or would send, each with the request
// it is about in words, limited to what the reader may see.
import type { SessionUser } from '../../src/lib/domain/api';
import type { Db } from '../db/database';
import { outboxMessages } from '../db/notifications';
import { unitScopeOf } from './access';

export async function demoOutbox(db: Db, reader: SessionUser, requestId?: string) {
	// a supervisor sees their unit's requests' messages; those about no request (reading-day links) only an admin
	const rows = await outboxMessages(db, { requestId, unitId: unitScopeOf(reader), limit: 200 });
	return {
		messages: rows.map(({ message: m, requestCode, customerName }) => ({
			id: m.id,
			requestId: m.requestId,
			requestCode,
			customerName,
			kind: m.kind,
			channel: m.channel,
			recipient: m.recipient,
			subject: m.subject,
			body: m.body,
			status: m.status,
			attempts: m.attempts,
			createdAt: m.createdAt.toISOString(),
			sentAt: m.sentAt?.toISOString() ?? null
		}))
	};
}
