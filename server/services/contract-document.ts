// The contract PDF for whoever may read it: the latest version with the signatures it has so far.
import type { Db } from '../db/database';
import { latestContract } from '../db/contracts';
import { contractSignatures, requestCode } from '../db/request-detail';
import { DomainError } from './domain-error';
import { renderContractPdf } from '../pdf/contract-pdf';

export async function contractPdf(db: Db, requestId: string, now: Date): Promise<{ bytes: Uint8Array; fileName: string }> {
	const contract = await latestContract(db, requestId);
	if (!contract) throw new DomainError('no_contract', 'Yêu cầu này chưa có hợp đồng');
	const code = (await requestCode(db, requestId))!;
	const rows = await contractSignatures(db, contract.id);
	const bytes = await renderContractPdf({
		requestCode: code,
		version: contract.version,
		sha256: contract.sha256,
		body: contract.body,
		draftedAt: contract.draftedAt,
		generatedAt: now,
		signatures: rows.map((s) => ({
			party: s.party,
			channel: s.channel,
			signerName: s.signerName,
			imagePng: s.imagePng,
			serverTime: s.serverTime,
			deviceTime: s.deviceTime,
			location: s.lat != null && s.lng != null ? { lat: s.lat, lng: s.lng } : null,
			clientInfo: s.clientInfo
		}))
	});
	return { bytes, fileName: `hop-dong-${code}-v${contract.version}.pdf` };
}
