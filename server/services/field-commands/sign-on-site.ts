// Server side of signOnSite: the contract the customer read must be the current one and the code right (a wrong
// code counts as an attempt though the command is refused); then the signature. A refusal falls back to remote signing.
import { insertSignature, latestContract } from '../../db/contracts';
import { lockRequest } from '../../db/requests';
import { verifySigningCode } from '../signing-codes';
import { sendPortalLink } from '../signing';
import { transitionRequest } from '../workflow';
import { signingContextOf } from './context';
import { reject, serverCommand } from './types';

/** Reasons a signature made on the tablet is not accepted, after which the customer signs remotely instead. */
const SIGNING_FALLBACK_CODES = new Set(['wrong_code', 'expired_code', 'locked_code', 'no_code', 'contract_changed']);

export default serverCommand('signOnSite', {
	async precheck(tx, ctx, { command, payload }) {
		const request = await lockRequest(tx, command.requestId);
		if (!request || request.state !== 'contract_drafted' || request.version !== command.baseVersion) return null;
		const contract = await latestContract(tx, command.requestId);
		if (!contract || contract.sha256 !== payload.contractSha256 || contract.version !== payload.contractVersion) {
			return reject('contract_changed', {
				vi: 'Hợp đồng đã có phiên bản mới sau khi khách hàng xem; chữ ký không được ghi nhận. Hợp đồng mới đã được gửi để khách hàng ký trực tuyến',
				en: 'The contract changed after the customer read it; it was sent to the customer to sign online'
			});
		}
		const check = await verifySigningCode(tx, ctx, { subjectId: contract.id, purpose: 'on_site', code: payload.code, policy: signingContextOf(ctx).codePolicy });
		if (!check.ok) {
			return reject(check.code, { vi: `${check.reason.vi}. Hợp đồng đã được gửi để khách hàng ký trực tuyến`, en: `${check.reason.en}. The contract was sent to the customer to sign online` });
		}
		return null;
	},
	async write(tx, _ctx, { command, payload, at, user, deviceId }) {
		const contract = (await latestContract(tx, command.requestId))!;
		await insertSignature(tx, {
			id: _ctx.newId(),
			requestId: command.requestId,
			contractId: contract.id,
			contractSha256: contract.sha256,
			party: 'customer',
			channel: 'on_site',
			signerName: payload.signature.signerName,
			signerUserId: null,
			imagePng: payload.signature.imagePng,
			strokes: payload.signature.strokes,
			deviceTime: new Date(command.deviceTime),
			serverTime: at,
			lat: command.location?.lat ?? null,
			lng: command.location?.lng ?? null,
			clientInfo: `crew ${user.username} on device ${deviceId}`
		});
	},
	async afterRejection(tx, ctx, command, rejection) {
		if (!SIGNING_FALLBACK_CODES.has(rejection.code)) return;
		const request = await lockRequest(tx, command.requestId);
		if (!request || request.state !== 'contract_drafted') return;
		const moved = await transitionRequest(tx, {
			requestId: command.requestId,
			name: 'requestRemoteSigning',
			actor: { userId: null, role: 'system' },
			at: ctx.clock(),
			detail: { after: rejection.code, commandId: command.commandId }
		});
		if (moved.ok) await sendPortalLink(tx, signingContextOf(ctx), command.requestId);
	}
});
