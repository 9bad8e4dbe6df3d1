// The contract PDF for whoever may read it. Once the utility has countersigned, it is the digitally signed file
// stored at that moment (contracts.signed_pdf_sha256, a blob): the same bytes every time, so the signature holds.
// Before that, the latest version rendered with the signatures it has so far. The preview is the PDF as it will be signed.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { AppDeps } from '../context';
import type { Db } from '../db/database';
import { latestContract, listContractVersions } from '../db/contracts';
import { contractCodeHistory, contractParties, setSignedPdf } from '../db/contract-evidence';
import { contractSignatures } from '../db/request-detail';
import { diskBlobStore, type BlobStore } from '../storage/blob-store';
import { m } from '../../src/lib/paraglide/messages.js';
import { buildContractPdf, renderContractPdf } from '../pdf/contract-pdf';
import { digitalSignerWords, evidenceLines, signatureBlockWords, signatureReason, type Both, type ContractPdfInput, type DigitalSignatureEvidence } from '../pdf/evidence';
import { signPdf } from '../pdf/pades';
import { signedDocumentTitleOf } from '../../src/lib/domain/processes';
import { storeBlob } from './blobs';
import type { Runtime } from './clock';
import { DomainError } from './domain-error';
import { both } from '../../src/lib/text';
import { utilityCertificate, type UtilityCertificate, type UtilitySigningConfig } from './utility-certificate';

/** A signed contract with its signature images stays far below this; the limit only guards the blob store. */
const SIGNED_PDF_MAX_BYTES = 32 * 1024 * 1024;

/** Where signed PDFs are kept and which certificate signs them. */
export interface ContractDocumentStore {
	blobDir: string;
	/** The object store blobs live in when not on disk (several API processes). */
	blobStore?: BlobStore;
	signing: UtilitySigningConfig;
}

/** The app's store: its blob directory, and its signing config (default: demo certificates beside the blobs, in DATA_DIR/signing). */
export function documentStore(deps: Pick<AppDeps, 'blobDir' | 'blobStore' | 'utilitySigning'>): ContractDocumentStore {
	return { blobDir: deps.blobDir, blobStore: deps.blobStore, signing: deps.utilitySigning ?? { demoDir: path.join(path.dirname(deps.blobDir), 'signing') } };
}

const blobsOf = (store: Pick<ContractDocumentStore, 'blobDir' | 'blobStore'>) => store.blobStore ?? diskBlobStore(store.blobDir);

const fileNameOf = (code: string, version: number) => `hop-dong-${code}-v${version}.pdf`;

/** Everything the PDF prints, read in the caller's transaction; `digital`: the utility's signature, made now or previewed. */
async function pdfInput(db: Db, requestId: string, now: Date, digital: DigitalSignatureEvidence | null): Promise<ContractPdfInput> {
	const contract = await latestContract(db, requestId);
	if (!contract) throw new DomainError('no_contract', both(m.server_refusal_noContractYet));
	const parties = (await contractParties(db, requestId))!;
	// one after the other: a transaction is one connection (node-postgres only queues concurrent queries; pg 9 refuses them)
	const rows = await contractSignatures(db, contract.id);
	const versions = await listContractVersions(db, requestId);
	const codes = await contractCodeHistory(db, requestId);
	const signatures = rows.map((s) => ({
		party: s.party,
		channel: s.channel,
		signerName: s.signerName,
		imagePng: s.imagePng,
		serverTime: s.serverTime,
		deviceTime: s.deviceTime,
		location: s.lat != null && s.lng != null ? { lat: s.lat, lng: s.lng } : null,
		clientInfo: s.clientInfo
	}));
	// the preview shows the countersignature as it will be: the supervisor's name at this minute
	if (digital && !signatures.some((s) => s.party === 'utility')) {
		signatures.push({ party: 'utility', channel: 'console', signerName: digital.supervisorName, imagePng: null, serverTime: digital.signedAt, deviceTime: null, location: null, clientInfo: null });
	}
	return {
		requestCode: parties.code,
		customerName: contract.terms?.customer.name ?? parties.customerName,
		customerPhone: contract.terms?.customer.phone ?? parties.customerPhone,
		unitName: parties.unitName,
		version: contract.version,
		kind: contract.kind,
		sha256: contract.sha256,
		body: contract.body,
		draftedAt: contract.draftedAt,
		versions: versions.map((v) => ({ version: v.version, kind: v.kind, sha256: v.sha256, draftedAt: v.draftedAt })),
		codes,
		signatures,
		digital,
		generatedAt: now,
		// a paperwork approval's document (a phụ lục, a new HĐMBĐ, a renewal, a termination) is titled as such
		document: signedDocumentTitleOf(parties.serviceNumber)
	};
}

/**
 * The contract PDF as it stands: the utility's signed file once countersigned, else rendered now. Without `store`
 * (a caller that has no blob directory) a countersigned contract is rendered again, without its digital signature:
 * pass `documentStore(deps)` wherever the customer or the utility downloads the signed contract.
 */
export async function contractPdf(db: Db, requestId: string, now: Date, store?: Pick<ContractDocumentStore, 'blobDir' | 'blobStore'>): Promise<{ bytes: Uint8Array; fileName: string; signed: boolean }> {
	const contract = await latestContract(db, requestId);
	if (!contract) throw new DomainError('no_contract', both(m.server_refusal_noContractYet));
	const parties = (await contractParties(db, requestId))!;
	const fileName = fileNameOf(parties.code, contract.version);
	if (contract.signedPdfSha256 && store) {
		const bytes = await blobsOf(store).get(contract.signedPdfSha256);
		if (!bytes) throw new DomainError('not_found', both(m.server_refusal_signed_pdf_missing, { code: parties.code }));
		return { bytes, fileName, signed: true };
	}
	return { bytes: await renderContractPdf(await pdfInput(db, requestId, now, null)), fileName, signed: false };
}

function digitalEvidence(certificate: UtilityCertificate, supervisorName: string, signedAt: Date): DigitalSignatureEvidence {
	return {
		commonName: certificate.commonName,
		organization: certificate.organization,
		fingerprint: certificate.fingerprint,
		demo: certificate.demo,
		signedAt,
		supervisorName
	};
}

async function certificateFor(db: Db, store: ContractDocumentStore, requestId: string, now: Date) {
	const parties = (await contractParties(db, requestId))!;
	return utilityCertificate(store.signing, { id: parties.unitId, name: parties.unitName }, now);
}

export interface CountersignPreview {
	requestCode: string;
	customerName: string;
	version: number;
	kind: 'contract' | 'addendum';
	contractSha256: string;
	/** Who will sign digitally (the certificate's subject), and whether it is the demo's certificate. */
	certificate: { commonName: string; organization: string | null; fingerprint: string; demo: boolean };
	supervisorName: string;
	/** The PDF's pages in words: the contract text, the signature blocks and the evidence page. */
	body: string;
	signatures: { utility: string[]; customer: string[] };
	evidence: Both[];
}

/** The PDF's input as it will be signed by this supervisor now; only while the request awaits the countersignature. */
async function previewInput(db: Db, store: ContractDocumentStore, input: { requestId: string; supervisorName: string; now: Date }) {
	const parties = await contractParties(db, input.requestId);
	if (!parties) throw new DomainError('not_found', both(m.server_refusal_not_found));
	if (parties.state !== 'customer_signed') throw new DomainError('wrong_state', both(m.server_refusal_not_awaiting_countersign, { code: parties.code }));
	const certificate = await certificateFor(db, store, input.requestId, input.now);
	return { certificate, pdf: await pdfInput(db, input.requestId, input.now, digitalEvidence(certificate, input.supervisorName, input.now)) };
}

/** What the supervisor reads before countersigning: the text of the PDF as it will be signed. */
export async function countersignPreview(db: Db, store: ContractDocumentStore, input: { requestId: string; supervisorName: string; now: Date }): Promise<CountersignPreview> {
	const { certificate, pdf } = await previewInput(db, store, input);
	const blocks = signatureBlockWords(pdf);
	const blockLines = (block: (typeof blocks)['utility']) =>
		block.signed ? [block.heading, ...(block.status ? [block.status] : []), block.signerName, block.time] : [block.heading, block.status];
	return {
		requestCode: pdf.requestCode,
		customerName: pdf.customerName,
		version: pdf.version,
		kind: pdf.kind,
		contractSha256: pdf.sha256,
		certificate: { commonName: certificate.commonName, organization: certificate.organization, fingerprint: certificate.fingerprint, demo: certificate.demo },
		supervisorName: input.supervisorName,
		body: pdf.body,
		signatures: { utility: blockLines(blocks.utility), customer: blockLines(blocks.customer) },
		evidence: evidenceLines(pdf).flatMap((line) => (line.style === 'gap' ? [] : [line.text]))
	};
}

/** The preview as a PDF file: exactly what will be signed, without the signature itself. */
export async function countersignPreviewPdf(db: Db, store: ContractDocumentStore, input: { requestId: string; supervisorName: string; now: Date }) {
	const { pdf } = await previewInput(db, store, input);
	return { bytes: await renderContractPdf(pdf), fileName: `xem-truoc-${fileNameOf(pdf.requestCode, pdf.version)}` };
}

export interface SignedContract {
	pdfSha256: string;
	/** Who signed, in words (the certificate's common name) and when. */
	signedBy: string;
	signedAt: Date;
	words: Both;
}

/**
 * Step 12's file: the latest version with both signatures and the evidence page, signed (PAdES) with the unit's
 * certificate at `now`, stored as a blob and recorded on the version. Runs in the countersignature's transaction
 * (a rollback leaves at most an unreferenced file under its hash).
 */
export async function signContractPdf(tx: Db, runtime: Runtime, store: ContractDocumentStore, input: { requestId: string; supervisor: { id: string; fullName: string } }): Promise<SignedContract> {
	const now = runtime.clock();
	const certificate = await certificateFor(tx, store, input.requestId, now);
	const digital = digitalEvidence(certificate, input.supervisor.fullName, now);
	const pdf = await pdfInput(tx, input.requestId, now, digital);
	const contract = (await latestContract(tx, input.requestId))!;
	const doc = await buildContractPdf(pdf);
	const bytes = await signPdf(doc, {
		keys: certificate.keys,
		name: certificate.commonName,
		reason: signatureReason(pdf),
		location: pdf.unitName,
		contactInfo: input.supervisor.fullName,
		signingTime: now
	});
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	await storeBlob(tx, runtime, { blobDir: store.blobDir, store: store.blobStore, maxBytes: SIGNED_PDF_MAX_BYTES, allowPdf: true }, input.supervisor.id, sha256, bytes);
	await setSignedPdf(tx, contract.id, sha256);
	return { pdfSha256: sha256, signedBy: certificate.commonName, signedAt: now, words: digitalSignerWords(digital) };
}
