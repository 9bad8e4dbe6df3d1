// The documents a customer keeps through a long-lived link (document-links.ts): the countersigned contract of a request
// and the receipt of a payment, for as long as the request exists.
import type { Db } from '../db/database';
import { contractSources } from '../db/contracts';
import { findPayment } from '../db/payment-documents';
import { contractPdf, type ContractDocumentStore } from './contract-document';
import { DomainError } from './domain-error';
import { both } from '../../src/lib/text';
import { documentKindOf, documentSubject } from './document-links';
import { keptReceipt, type ReceiptStore } from './receipts';
import { m } from '../../src/lib/paraglide/messages.js';

const invalid = () => new DomainError('link_invalid', both(m.server_document_linkInvalid));

export async function documentByToken(
	db: Db,
	token: string,
	now: Date,
	store: Pick<ContractDocumentStore, 'blobDir' | 'blobStore'> & Pick<ReceiptStore, 'runtime'>
): Promise<{ bytes: Uint8Array; fileName: string }> {
	const kind = documentKindOf(token);
	if (!kind) throw invalid();
	const subjectId = await documentSubject(db, now, kind, token);
	if (kind === 'contract') {
		if (!(await contractSources(db, subjectId))) throw invalid();
		// the countersigned contract is the digitally signed file (store: where it was kept)
		return contractPdf(db, subjectId, now, store);
	}
	const payment = await findPayment(db, subjectId);
	if (!payment) throw invalid();
	// the receipt as kept when the payment was recorded, the same file at every download
	return keptReceipt(db, store, payment);
}
