// Server side of requestRemoteSigning: why the customer signs remotely goes into the audit trail; the portal link goes out.
import { sendPortalLink } from '../signing';
import { signingContextOf } from './context';
import { serverCommand } from './types';

export default serverCommand('requestRemoteSigning', {
	// its request's portal link and code
	ownRequestOnly: true,
	keepsMeters: true,
	detail: (payload) => ({ ...payload }),
	async write(tx, ctx, { command }) {
		await sendPortalLink(tx, signingContextOf(ctx), command.requestId);
	}
});
