// A payment's receipt is a file kept with the request: rendered once (right after the payment is recorded, or at the
// first download if that failed), stored in the blob store under its hash, and the same bytes are downloaded ever
// after, whatever later changes to the unit's name or the customer's record.
import { createHash } from 'node:crypto';
import type { AppDeps } from '../context';
import type { Db } from '../db/database';
import { contractSources } from '../db/contracts';
import { findPayment, keepReceiptOnce } from '../db/payment-documents';
import { blobStoreOf, type BlobStore } from '../storage/blob-store';
import { storeBlob } from './blobs';
import type { Runtime } from './clock';
import { renderReceiptPdf } from './receipt-pdf';

type PaymentRow = NonNullable<Awaited<ReturnType<typeof findPayment>>>;

/** A receipt is a page or two; the limit only guards the blob store's checks. */
const RECEIPT_MAX_BYTES = 2 * 1024 * 1024;

export interface ReceiptStore {
	blobDir: string;
	blobStore?: BlobStore;
	runtime: Runtime;
}

export function receiptStore(deps: Pick<AppDeps, 'blobDir' | 'blobStore' | 'clock' | 'newId'>): ReceiptStore {
	return { blobDir: deps.blobDir, blobStore: deps.blobStore, runtime: { clock: deps.clock, newId: deps.newId } };
}

async function fileNameOf(db: Db, payment: PaymentRow): Promise<string> {
	const sources = (await contractSources(db, payment.requestId))!;
	return `bien-lai-${sources.request.code}-${payment.providerTxnId.replace(/[^A-Za-z0-9_-]/g, '')}.pdf`;
}

async function render(db: Db, payment: PaymentRow): Promise<Uint8Array> {
	const sources = (await contractSources(db, payment.requestId))!;
	return renderReceiptPdf({
		receiptNo: payment.providerTxnId,
		requestCode: sources.request.code,
		customerName: sources.customer.fullName,
		unitName: sources.unit.name,
		amount: Number(payment.amount),
		method: payment.method,
		provider: payment.provider,
		receivedAt: payment.receivedAt
	});
}

/** The payment's kept receipt; rendered and kept now if it has none yet (or its file went missing). */
export async function keptReceipt(db: Db, store: ReceiptStore, payment: PaymentRow): Promise<{ bytes: Uint8Array; fileName: string; sha256: string }> {
	const blobs = blobStoreOf(store);
	const fileName = await fileNameOf(db, payment);
	if (payment.receiptSha256) {
		const bytes = await blobs.get(payment.receiptSha256);
		if (bytes) return { bytes, fileName, sha256: payment.receiptSha256 };
	}
	const bytes = await render(db, payment);
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	await storeBlob(db, store.runtime, { blobDir: store.blobDir, store: store.blobStore, maxBytes: RECEIPT_MAX_BYTES, allowPdf: true }, null, sha256, bytes);
	const kept = await keepReceiptOnce(db, payment.id, sha256);
	if (kept && kept !== sha256) {
		const winner = await blobs.get(kept);
		if (winner) return { bytes: winner, fileName, sha256: kept };
	}
	return { bytes, fileName, sha256 };
}

/**
 * Right after a payment commits: keep its receipt. A failure here loses nothing (the first download renders and keeps
 * it), so it is logged, never thrown at the payer.
 */
export async function keepReceiptAfterPayment(deps: Pick<AppDeps, 'database' | 'blobDir' | 'blobStore' | 'clock' | 'newId'>, paymentId: string): Promise<void> {
	try {
		const payment = await findPayment(deps.database.db, paymentId);
		if (payment && !payment.receiptSha256) await keptReceipt(deps.database.db, receiptStore(deps), payment);
	} catch (error) {
		console.error(`[receipts] receipt of payment ${paymentId} not kept yet (kept at its first download):`, error);
	}
}
