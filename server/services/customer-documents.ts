// The documents a customer keeps through a long-lived link (document-links.ts): the countersigned contract of a request
// and the receipt of a payment, for as long as the request exists.
import type { Db } from '../db/database';
import { contractSources } from '../db/contracts';
import { findPayment } from '../db/payment-documents';
import { contractPdf, type ContractDocumentStore } from './contract-document';
import { DomainError } from './domain-error';
import { documentKindOf, documentSubject } from './document-links';
import { renderReceiptPdf } from './receipt-pdf';
import { m } from '../../src/lib/paraglide/messages.js';

const invalid = () => new DomainError('link_invalid', m.server_document_linkInvalid({}, { locale: 'vi' }));

export async function documentByToken(db: Db, token: string, now: Date, store?: Pick<ContractDocumentStore, 'blobDir' | 'blobStore'>): Promise<{ bytes: Uint8Array; fileName: string }> {
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
	return receiptPdf(db, payment);
}

/** The receipt of one payment. */
export async function receiptPdf(db: Db, payment: NonNullable<Awaited<ReturnType<typeof findPayment>>>) {
	const sources = (await contractSources(db, payment.requestId))!;
	const bytes = await renderReceiptPdf({
		receiptNo: payment.providerTxnId,
		requestCode: sources.request.code,
		customerName: sources.customer.fullName,
		unitName: sources.unit.name,
		amount: Number(payment.amount),
		method: payment.method,
		provider: payment.provider,
		receivedAt: payment.receivedAt
	});
	return { bytes, fileName: `bien-lai-${sources.request.code}-${payment.providerTxnId.replace(/[^A-Za-z0-9_-]/g, '')}.pdf` };
}
