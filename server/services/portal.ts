// The customer's remote-signing portal: the link token is the only credential; the signing services decide.
import type { PortalSignBody } from '../../src/lib/domain/signing';
import type { AppDeps } from '../context';
import { contractPdf, documentStore } from './contract-document';
import { portalRequestId, portalView, sendPortalCode, signOnPortal } from './signing';
import { requestCorrectionOnPortal } from './corrections';
import { signingContext } from './signing-context';

export function portalPage(deps: AppDeps, token: string) {
	return portalView(deps.database.db, signingContext(deps), token);
}

/** The contract PDF of the link's request. */
export async function portalContractPdf(deps: AppDeps, token: string) {
	const requestId = await portalRequestId(deps.database.db, signingContext(deps), token);
	return contractPdf(deps.database.db, requestId, deps.clock(), documentStore(deps));
}

export function sendCodeForPortal(deps: AppDeps, token: string) {
	return deps.database.db.transaction((tx) => sendPortalCode(tx, signingContext(deps), token));
}

export function signThroughPortal(deps: AppDeps, token: string, body: PortalSignBody, clientInfo: string) {
	return signOnPortal(deps.database.db, signingContext(deps), token, body, clientInfo);
}

export function askCorrectionOnPortal(deps: AppDeps, token: string, comment: string) {
	return deps.database.db.transaction((tx) => requestCorrectionOnPortal(tx, signingContext(deps), token, comment));
}
