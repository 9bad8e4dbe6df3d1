// The signed-in customer's own portal: their requests (state, deadline, history, documents, notices), filing a new
// request online, their contracts, their notices, their files. A customer is the set of customer rows their phone or
// email is on; anything of another customer reads as missing (404), exactly like what does not exist.
import { getService, findService } from '../../src/lib/domain/catalog';
import { deadlineStatus, workingDaysLeft } from '../../src/lib/domain/sla';
import { stateLabelFor, TERMINAL_STATES, type RequestState } from '../../src/lib/domain/workflow';
import { filingLines, filingProblems, onlineService } from '../../src/lib/customer/online-services';
import type { FilingBody } from '../../src/lib/api/customer';
import { m } from '../../src/lib/paraglide/messages.js';
import type { AppDeps } from '../context';
import {
	auditOfRequest,
	contractsOfRequests,
	customerChangeMarker,
	customerRequest,
	documentsOfRequest,
	insertCustomerUpload,
	isDocumentOfRequests,
	metersOfCustomers,
	noticesOf,
	openJobsOfRequest,
	requestsOfCustomers,
	signaturesOfContracts,
	uploadsOfIdentity
} from '../db/customer';
import { findBlob } from '../db/commands';
import type { Db } from '../db/database';
import { insertRequestDocuments } from '../db/requests';
import { blobStoreOf } from '../storage/blob-store';
import { newRequestCode } from './board';
import { storeBlob } from './blobs';
import { contractPdf, documentStore } from './contract-document';
import { signedDocumentOf } from '../../src/lib/domain/processes';
import type { CustomerSession } from './customer-auth';
import { maskedContact } from './customer-auth';
import { DomainError } from './domain-error';
import { both } from '../../src/lib/text';
import { createRequest } from './requests';
import { createPortalLink } from './signing';
import { amountDueNow } from './payments';
import { documentToken } from './document-links';
import { customerMeterCheck, meterCheckRecordPdf } from './meter-check-record';
import { paymentsOfRequest } from '../db/payment-documents';
import { signingContext } from './signing-context';

const vi = { locale: 'vi' } as const;
const notFound = () => new DomainError('not_found', both(m.portal_acc_error_notYours));

const customerIds = (session: CustomerSession) => session.customers.map((c) => c.id);
const recipientsOf = (session: CustomerSession) => [
	...new Set([
		...(session.contact.channel === 'sms' ? [session.contact.phone] : [session.contact.email]),
		...session.customers.flatMap((c) => [c.phone, c.email ?? '']).filter(Boolean)
	])
];

export async function customerMe(deps: AppDeps, session: CustomerSession) {
	const db = deps.database.db;
	const meters = await metersOfCustomers(db, customerIds(session));
	const requests = await requestsOfCustomers(db, customerIds(session));
	const unitNames = new Map(requests.map((r) => [r.request.unitId, r.unitName]));
	return {
		contact: maskedContact(session.contact),
		channel: session.contact.channel,
		names: [...new Set(session.customers.map((c) => c.fullName))],
		addresses: [...new Set([...requests.map((r) => r.request.address), ...session.customers.map((c) => c.address)])].slice(0, 10),
		meters: meters.map((meter) => ({
			serial: meter.serial,
			phases: meter.phases,
			unitName: unitNames.get(meter.unitId) ?? '',
			removed: meter.removedAt !== null
		}))
	};
}

type RequestRowWithUnit = Awaited<ReturnType<typeof requestsOfCustomers>>[number];

function summaryOf(deps: AppDeps, row: Pick<RequestRowWithUnit, 'request' | 'unitName'>) {
	const { request } = row;
	const now = deps.clock();
	const service = findService(request.serviceNumber);
	const open = !TERMINAL_STATES.includes(request.state as RequestState);
	const deadline = open ? request.deadline : null;
	return {
		id: request.id,
		code: request.code,
		serviceNumber: request.serviceNumber,
		serviceName: service?.name ?? m.portal_acc_serviceNumber({ n: request.serviceNumber }, vi),
		state: request.state,
		stateLabel: stateLabelFor(request.state as RequestState, request.serviceNumber),
		address: request.address,
		unitName: row.unitName,
		receivedAt: request.receivedAt.toISOString(),
		deadline: request.deadline?.toISOString() ?? null,
		deadlineStatus: deadlineStatus(deadline, now, deps.holidays),
		msLeft: deadline ? deadline.getTime() - now.getTime() : null,
		workingDaysLeft: deadline && service?.processingTime.kind === 'working_days' ? workingDaysLeft(deadline, now, deps.holidays) : null
	};
}

export async function customerRequests(deps: AppDeps, session: CustomerSession) {
	const rows = await requestsOfCustomers(deps.database.db, customerIds(session));
	return { requests: rows.map((row) => summaryOf(deps, row)) };
}

/** What of an audit detail a customer reads: its words, the crew by name, the visit time, the version, the amount, the reason. */
const CUSTOMER_DETAIL_KEYS = ['summary', 'crewName', 'scheduledAt', 'contractVersion', 'amount', 'reason', 'after', 'comment', 'fromCrewName', 'toCrewName'];

function customerDetail(detail: unknown): Record<string, unknown> | null {
	if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return null;
	const kept = Object.fromEntries(Object.entries(detail).filter(([key]) => CUSTOMER_DETAIL_KEYS.includes(key)));
	return Object.keys(kept).length > 0 ? kept : null;
}

function noticeView(row: Awaited<ReturnType<typeof noticesOf>>[number]) {
	const n = row.notice;
	return {
		id: n.id,
		requestCode: row.requestCode,
		kind: n.kind,
		channel: n.channel,
		recipient: n.recipient,
		subject: n.subject,
		body: n.body,
		status: n.status,
		createdAt: n.createdAt.toISOString(),
		sentAt: n.sentAt?.toISOString() ?? null
	};
}

async function contractViews(db: Db, requests: Array<{ id: string; code: string; state: string; serviceNumber: number }>) {
	const contracts = await contractsOfRequests(db, requests.map((r) => r.id));
	const signed = await signaturesOfContracts(db, contracts.map((c) => c.id));
	const byId = new Map(requests.map((r) => [r.id, r]));
	const latestVersion = new Map<string, number>();
	for (const c of contracts) latestVersion.set(c.requestId, Math.max(latestVersion.get(c.requestId) ?? 0, c.version));
	return contracts.map((c) => {
		const request = byId.get(c.requestId)!;
		const at = (party: 'customer' | 'utility') => signed.find((s) => s.contractId === c.id && s.party === party)?.signedAt.toISOString() ?? null;
		const current = latestVersion.get(c.requestId) === c.version;
		const customerSignedAt = at('customer');
		return {
			id: c.id,
			requestId: c.requestId,
			requestCode: request.code,
			version: c.version,
			kind: c.kind,
			draftedAt: c.draftedAt.toISOString(),
			customerSignedAt,
			utilitySignedAt: at('utility'),
			awaitingSignature: current && !customerSignedAt && request.state === 'awaiting_remote_signature',
			current,
			document: signedDocumentOf(request.serviceNumber)
		};
	});
}

export async function customerRequestDetail(deps: AppDeps, session: CustomerSession, requestId: string) {
	const db = deps.database.db;
	const row = await customerRequest(db, requestId, customerIds(session));
	if (!row) throw notFound();
	const [audit, documents, jobs, notices, contracts, meterCheck] = await Promise.all([
		auditOfRequest(db, requestId),
		documentsOfRequest(db, requestId),
		openJobsOfRequest(db, requestId),
		noticesOf(db, { requestIds: [requestId], recipients: [], limit: 100 }),
		contractViews(db, [{ id: row.request.id, code: row.request.code, state: row.request.state, serviceNumber: row.request.serviceNumber }]),
		customerMeterCheck(db, requestId)
	]);
	const visit = jobs.find((j) => j.status !== 'done' && j.status !== 'cancelled');
	const owed = await db.transaction((tx) => amountDueNow(tx, requestId));
	const payments = await Promise.all(
		(await paymentsOfRequest(db, requestId)).map(async (p) => ({
			amount: Number(p.amount),
			method: p.method,
			receiptNo: p.providerTxnId,
			receivedAt: p.receivedAt.toISOString(),
			receiptUrl: `/api/documents/${await documentToken(db, deps.clock(), 'receipt', p.id)}`
		}))
	);
	return {
		request: summaryOf(deps, row),
		owed,
		scheduledVisit: visit ? { kind: visit.kind, at: visit.scheduledAt?.toISOString() ?? null } : null,
		history: audit.map((entry) => ({
			at: entry.at.toISOString(),
			transition: entry.transition,
			fromState: entry.fromState,
			toState: entry.toState,
			actorRole: entry.actorRole,
			detail: customerDetail(entry.detail)
		})),
		documents: documents.map((d) => ({ sha256: d.sha256, mime: d.mime, size: d.size, attachedAt: d.attachedAt.toISOString() })),
		notices: notices.map(noticeView),
		contracts,
		payments,
		meterCheck
	};
}

export async function customerNotices(deps: AppDeps, session: CustomerSession) {
	const db = deps.database.db;
	const requests = await requestsOfCustomers(db, customerIds(session));
	const rows = await noticesOf(db, { requestIds: requests.map((r) => r.request.id), recipients: recipientsOf(session), limit: 200 });
	return { notices: rows.map(noticeView) };
}

export async function customerContracts(deps: AppDeps, session: CustomerSession) {
	const db = deps.database.db;
	const requests = await requestsOfCustomers(db, customerIds(session));
	return { contracts: await contractViews(db, requests.map((r) => ({ id: r.request.id, code: r.request.code, state: r.request.state, serviceNumber: r.request.serviceNumber }))) };
}

/** The meter check record of one of the customer's requests, as a PDF. */
export async function customerMeterCheckPdf(deps: AppDeps, session: CustomerSession, requestId: string) {
	const db = deps.database.db;
	if (!(await customerRequest(db, requestId, customerIds(session)))) throw notFound();
	const file = await meterCheckRecordPdf(db, requestId);
	if (!file) throw new DomainError('not_found', both(m.portal_acc_error_noMeterCheck));
	return file;
}

/** The contract PDF of one of the customer's requests (every version signed so far, with its evidence). */
export async function customerContractPdf(deps: AppDeps, session: CustomerSession, requestId: string) {
	const db = deps.database.db;
	if (!(await customerRequest(db, requestId, customerIds(session)))) throw notFound();
	return contractPdf(db, requestId, deps.clock(), documentStore(deps));
}

/** A link to sign the request's pending version on the signing page, with the same code rules as any link. */
export async function customerSigningLink(deps: AppDeps, session: CustomerSession, requestId: string) {
	const db = deps.database.db;
	const row = await customerRequest(db, requestId, customerIds(session));
	if (!row) throw notFound();
	if (row.request.state !== 'awaiting_remote_signature') {
		throw new DomainError('not_awaiting_signature', both(m.portal_acc_error_nothingToSign));
	}
	const url = await db.transaction((tx) => createPortalLink(tx, signingContext(deps), requestId));
	return { path: new URL(url, 'http://x').pathname };
}

/** The payment page (helper "money"'s /portal/{token}/pay) for what the customer owes on the request now. */
export async function customerPaymentLink(deps: AppDeps, session: CustomerSession, requestId: string) {
	const db = deps.database.db;
	if (!(await customerRequest(db, requestId, customerIds(session)))) throw notFound();
	const url = await db.transaction(async (tx) => {
		if ((await amountDueNow(tx, requestId)) <= 0) throw new DomainError('nothing_owed', both(m.portal_acc_error_nothingOwed));
		return createPortalLink(tx, signingContext(deps), requestId);
	});
	return { path: `${new URL(url, 'http://x').pathname}/pay` };
}

/** A file the customer may open: a document of one of their requests, or one they uploaded. */
export async function customerFile(deps: AppDeps, session: CustomerSession, sha256: string) {
	const db = deps.database.db;
	const requests = await requestsOfCustomers(db, customerIds(session));
	const mine =
		(await isDocumentOfRequests(db, sha256, requests.map((r) => r.request.id))) || (await uploadsOfIdentity(db, session.identity, [sha256])).has(sha256);
	const row = mine ? await findBlob(db, sha256) : undefined;
	const bytes = row ? await blobStoreOf(deps).get(sha256) : undefined;
	if (!row || !bytes) throw new DomainError('not_found', both(m.server_refusal_photo_not_found));
	return { bytes, mime: row.mime };
}

/** A photo or PDF of a document, stored by its hash (the blobs service's checks) and kept as this customer's upload. */
export async function customerUpload(deps: AppDeps, session: CustomerSession, sha256: string, bytes: Uint8Array) {
	const db = deps.database.db;
	const stored = await storeBlob(db, deps, { blobDir: deps.blobDir, store: blobStoreOf(deps), maxBytes: deps.blobMaxBytes, allowPdf: true }, null, sha256, bytes);
	await insertCustomerUpload(db, { identity: session.identity, sha256, uploadedAt: deps.clock() });
	return stored;
}

/**
 * Files a request online. It lands on the unit's board as an intake does (state "submitted", the catalog's deadline
 * counted from now), with the customer's documents attached and the filing's fields as the history's first words.
 */
export async function fileCustomerRequest(deps: AppDeps, session: CustomerSession, body: FilingBody) {
	const db = deps.database.db;
	const ids = customerIds(session);
	if (ids.length === 0) throw notFound();
	const meters = (await metersOfCustomers(db, ids)).filter((meter) => meter.removedAt === null);
	const filing = { ...body, meterSerial: body.meterSerial?.trim().toUpperCase() || null };
	const problems = { vi: filingProblems(filing, meters.map((meter) => meter.serial), 'vi'), en: filingProblems(filing, meters.map((meter) => meter.serial), 'en') };
	if (Object.keys(problems.vi).length > 0) {
		const form = both(m.portal_acc_error_form);
		const fields = Object.fromEntries(Object.entries(problems.vi).map(([field, vi]) => [field, { vi, en: problems.en[field] ?? vi }]));
		const sentence = (lang: 'vi' | 'en') => `${form[lang]}: ${Object.values(problems[lang]).join('; ')}`;
		throw new DomainError('invalid_input', { vi: sentence('vi'), en: sentence('en') }, fields);
	}
	const shas = [...new Set(filing.documents.map((d) => d.sha256))];
	const uploaded = await uploadsOfIdentity(db, session.identity, shas);
	if (shas.some((sha) => !uploaded.has(sha))) {
		const words = both(m.portal_acc_error_documentNotUploaded);
		throw new DomainError('invalid_input', words, { documents: words });
	}
	const requests = await requestsOfCustomers(db, ids);
	const meter = meters.find((item) => item.serial === filing.meterSerial);
	const latest = requests[0]?.request;
	const unitId = meter?.unitId ?? latest?.unitId ?? meters[0]?.unitId;
	const customerId = meter?.customerId ?? latest?.customerId ?? ids[0]!;
	if (!unitId) throw notFound();
	getService(filing.serviceNumber);
	const now = deps.clock();
	const service = onlineService(filing.kind)!;
	const summary = {
		vi: [m.portal_acc_history_filed({ service: service.title({}, vi) }, vi), ...filingLines(filing, 'vi')].join(' — '),
		en: [m.portal_acc_history_filed({ service: service.title({}, { locale: 'en' }) }, { locale: 'en' }), ...filingLines(filing, 'en')].join(' — ')
	};
	return db.transaction(async (tx) => {
		const request = {
			id: deps.newId(),
			code: await newRequestCode(tx, now),
			serviceNumber: filing.serviceNumber,
			customerId,
			unitId,
			address: filing.address.trim(),
			location: null,
			receivedAt: now,
			meterSerial: meter && [41, 42].includes(filing.serviceNumber) ? meter.serial : null
		};
		const { deadline } = await createRequest(tx, request, { userId: null, role: 'customer' }, deps.holidays, { summary, channel: 'online' });
		await insertRequestDocuments(tx, shas.map((sha256, position) => ({ requestId: request.id, sha256, attachedBy: null, attachedAt: now, position })));
		return { id: request.id, code: request.code, deadline: deadline?.toISOString() ?? null };
	});
}

export function customerMarker(deps: AppDeps, session: CustomerSession) {
	return customerChangeMarker(deps.database.db, customerIds(session), recipientsOf(session));
}
