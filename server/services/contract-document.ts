// The contract PDF for whoever may read it: the latest version with the signatures it has so far.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { latestContract } from '../db/contracts';
import { requests, signatures } from '../db/schema';
import { ApiFailure } from '../http';
import { renderContractPdf } from '../pdf/contract-pdf';

export async function contractPdf(db: Db, requestId: string, now: Date): Promise<{ bytes: Uint8Array; fileName: string }> {
	const contract = await latestContract(db, requestId);
	if (!contract) throw new ApiFailure(404, 'no_contract', 'Yêu cầu này chưa có hợp đồng');
	const [request] = await db.select({ code: requests.code }).from(requests).where(eq(requests.id, requestId));
	const rows = await db.select().from(signatures).where(eq(signatures.contractId, contract.id)).orderBy(asc(signatures.serverTime));
	const bytes = await renderContractPdf({
		requestCode: request!.code,
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
	return { bytes, fileName: `hop-dong-${request!.code}-v${contract.version}.pdf` };
}
