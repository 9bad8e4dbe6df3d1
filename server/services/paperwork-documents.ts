// The document a paperwork approval ends with (issue 12): a new HĐMBĐ for a new holder (39–40), a phụ lục (35–38, 49,
// 50), a renewal (54) or a termination record with the final reading (55). Drafted when the supervisor approves, as a
// contract version of the request (contracts table: the remote signing, the countersignature's PAdES PDF, the
// customer's contracts list and downloads all work on it as on the service contract); the decision notice carries the
// link to sign it; the customer signs on the portal with a texted code, the utility countersigns, and the request
// closes. A refusal, 48's answer, and an approval decided before documents were drafted keep the notice → close path.
import type { StepDone } from '../../src/lib/api/processes';
import { getService } from '../../src/lib/domain/catalog';
import { signedDocumentOf, signedDocumentTitleOf, type SignedPaperworkDocument } from '../../src/lib/domain/processes';
import { formatKwh, vnDate } from '../../src/lib/format';
import { approvalWordsOf, paperworkTitle } from '../../src/lib/domain/processes/documents';
import { m } from '../../src/lib/paraglide/messages.js';
import type { AppDeps } from '../context';
import { findSignature, insertContract, latestContract } from '../db/contracts';
import type { Db } from '../db/database';
import { requestWithCustomer } from '../db/jobs';
import { intakeDetail, unitParty } from '../db/paperwork-documents';
import type { RequestRow } from '../db/requests';
import { queueNotice } from '../notify/outbox';
import type { Runtime } from './clock';
import type { RequestProgress } from './completion';
import { contractHash } from './contracts';
import { documentUrl } from './document-links';
import { DomainError } from './domain-error';
import { both, type Both } from './operation-words';
import { createPortalLink } from './signing';
import { signingContext } from './signing-context';
import { transitionRequest, type Actor } from './workflow';

type Locale = 'vi' | 'en';
type Found = NonNullable<Awaited<ReturnType<typeof requestWithCustomer>>>;
const vi = { locale: 'vi' as const };

const TERMS: Record<SignedPaperworkDocument, () => string> = {
	purchase_contract: () => m.server_paperwork_terms_purchase_contract({}, vi),
	amendment: () => m.server_paperwork_terms_amendment({}, vi),
	renewal: () => m.server_paperwork_terms_renewal({}, vi),
	termination: () => m.server_paperwork_terms_termination({}, vi)
};

/** The title inside a sentence ("ký phụ lục hợp đồng mua bán điện"), in a language. */
function titleInSentence(title: Both): (locale: Locale) => string {
	return (locale) => title[locale].charAt(0).toLowerCase() + title[locale].slice(1);
}

export interface PaperworkDocumentInput {
	doc: SignedPaperworkDocument;
	requestCode: string;
	version: number;
	draftedAt: Date;
	receivedAt: Date;
	service: { number: number; name: string };
	unit: { name: string; address: string; representative: string };
	customer: { name: string; phone: string; email: string | null; address: string };
	siteAddress: string;
	/** What the customer asked for, in their words (the online filing's fields); null when taken in at the counter. */
	customerWords: string | null;
	/** The decision's words as the supervisor wrote them. */
	note: string;
	finalReading?: { meterSerial: string; kwh: number } | null;
}

/** The document's canonical text (Vietnamese, as the service contract): its SHA-256 is what the customer signs. */
export function renderPaperworkDocument(input: PaperworkDocumentInput): string {
	const title = paperworkTitle(input.doc).vi;
	const outcome = [m.common_decision_approved({}, vi), approvalWordsOf(input.service.number)?.vi].filter(Boolean).join(': ');
	const lines = [
		m.server_paperwork_nation({}, vi),
		m.server_paperwork_motto({}, vi),
		'',
		title,
		m.server_paperwork_number({ code: input.requestCode, version: input.version }, vi),
		m.server_paperwork_drafted({ date: vnDate(input.draftedAt) }, vi),
		'',
		m.server_paperwork_partyA({ name: input.unit.name }, vi),
		...(input.unit.address ? [m.server_paperwork_address({ address: input.unit.address }, vi)] : []),
		m.server_paperwork_representative({ name: input.unit.representative }, vi),
		'',
		m.server_paperwork_partyB({ name: input.customer.name }, vi),
		m.server_paperwork_phone({ phone: input.customer.phone }, vi),
		m.server_paperwork_email({ email: input.customer.email ?? m.common_diff_nothing({}, vi) }, vi),
		...(input.customer.address ? [m.server_paperwork_address({ address: input.customer.address }, vi)] : []),
		m.server_paperwork_site({ address: input.siteAddress }, vi),
		'',
		m.server_paperwork_article1({}, vi),
		m.server_paperwork_service({ service: input.service.name, number: input.service.number, code: input.requestCode, date: vnDate(input.receivedAt) }, vi),
		input.customerWords ? m.server_paperwork_customerWords({ words: input.customerWords }, vi) : m.server_paperwork_noCustomerWords({}, vi),
		'',
		m.server_paperwork_article2({}, vi),
		m.server_paperwork_decision({ outcome, note: input.note }, vi),
		...(input.finalReading ? [m.server_paperwork_finalReading({ serial: input.finalReading.meterSerial, kwh: formatKwh(input.finalReading.kwh, 'vi'), date: vnDate(input.draftedAt) }, vi)] : []),
		'',
		m.server_paperwork_article3({}, vi),
		...[TERMS[input.doc](), m.server_paperwork_terms_electronic({}, vi), m.server_paperwork_terms_effect({}, vi)].map((term, i) => `${i + 1}. ${term}`)
	];
	return lines.join('\n').normalize('NFC');
}

/**
 * At the approval (in its transaction): the service's document, drafted as the request's next contract version with
 * no code yet (the customer asks for one on the portal). Nothing for a refusal or a service that signs nothing.
 */
export async function draftPaperworkDocument(
	tx: Db,
	runtime: Pick<Runtime, 'newId'>,
	input: { found: Found; now: Date; note: string; finalReading?: { meterSerial: string; kwh: number } | null }
): Promise<void> {
	const { request, customer } = input.found;
	const doc = signedDocumentOf(request.serviceNumber);
	if (!doc) return;
	const unit = (await unitParty(tx, request.unitId))!;
	const filed = (await intakeDetail(tx, request.id)) as { summary?: { vi?: string } } | null;
	const version = ((await latestContract(tx, request.id))?.version ?? 0) + 1;
	const body = renderPaperworkDocument({
		doc,
		requestCode: request.code,
		version,
		draftedAt: input.now,
		receivedAt: request.receivedAt,
		service: { number: request.serviceNumber, name: getService(request.serviceNumber).name },
		unit,
		customer: { name: customer.fullName, phone: customer.phone, email: customer.email, address: customer.address },
		siteAddress: request.address,
		customerWords: typeof filed?.summary?.vi === 'string' && filed.summary.vi.trim() ? filed.summary.vi.trim() : null,
		note: input.note,
		finalReading: input.finalReading ?? null
	});
	await insertContract(tx, {
		id: runtime.newId(),
		requestId: request.id,
		version,
		body,
		sha256: contractHash(body),
		draftedAt: input.now,
		kind: doc === 'amendment' ? 'addendum' : 'contract'
	});
}

/** The approval's document waiting to be sent for signing (drafted, not signed); none for an approval decided before documents were drafted. */
export async function documentToSend(tx: Db, request: Pick<RequestRow, 'id' | 'serviceNumber' | 'state'>) {
	if (request.state !== 'decided' || !signedDocumentOf(request.serviceNumber)) return null;
	const contract = await latestContract(tx, request.id);
	if (!contract || (await findSignature(tx, contract.id, 'customer'))) return null;
	return contract;
}

/**
 * The decision notice of an approval with a document: the customer is texted and emailed the decision with the link
 * to read and sign the document on the portal, and the request waits for their signature.
 */
export async function sendDocumentToSign(
	tx: Db,
	deps: AppDeps,
	input: { actor: Actor; now: Date; found: Found; decision: Both; note: string }
): Promise<StepDone> {
	const { request, customer } = input.found;
	const contract = (await documentToSend(tx, request))!;
	const lower = titleInSentence(signedDocumentTitleOf(request.serviceNumber)!);
	const summary = both((locale) => m.server_notice_history_documentSent({ title: lower(locale), version: contract.version, decision: input.decision[locale], note: input.note }, { locale }));
	const moved = await transitionRequest(tx, {
		requestId: request.id,
		name: 'sendDocumentForSigning',
		actor: input.actor,
		at: input.now,
		detail: { decision: 'approved', note: input.note, summary, contractVersion: contract.version }
	});
	if (!moved.ok) throw new DomainError(moved.code, moved.reason);
	const url = await createPortalLink(tx, signingContext(deps), request.id);
	await queueNotice(tx, deps, { phone: customer.phone, email: customer.email }, {
		requestId: request.id,
		kind: 'decision',
		text: (locale) => ({
			sms: m.server_notice_documentToSign_sms({ code: request.code, decision: input.decision[locale], note: input.note, title: lower(locale), url }, { locale }),
			email: {
				subject: m.server_notice_decision_subject({ code: request.code }, { locale }),
				body: m.server_notice_documentToSign_body({ fullName: customer.fullName, code: request.code, service: getService(request.serviceNumber).name, decision: input.decision[locale], note: input.note, title: lower(locale), url }, { locale })
			}
		})
	});
	return { ok: true, state: moved.to, version: moved.request.version, meterCheck: null };
}

/**
 * After the utility's countersignature of a paperwork document: the request closes (nothing is installed or paid) and
 * the customer is sent the long-lived link to the signed PDF. Other states are left as they are.
 */
export async function closeSignedDocument(tx: Db, ctx: { runtime: Runtime; publicUrl: string }, request: RequestRow): Promise<RequestProgress> {
	if (request.state !== 'utility_signed') return { state: request.state, version: request.version, installed: request.installed };
	const closed = await transitionRequest(tx, { requestId: request.id, name: 'close', actor: { userId: null, role: 'system' }, at: ctx.runtime.clock() });
	if (!closed.ok) throw new DomainError(closed.code, closed.reason);
	const found = (await latestContract(tx, request.id))!;
	const title = signedDocumentTitleOf(request.serviceNumber)!;
	const lower = titleInSentence(title);
	const url = await documentUrl(tx, ctx.publicUrl, ctx.runtime.clock(), 'contract', request.id);
	const { customer } = (await requestWithCustomer(tx, request.id))!;
	await queueNotice(tx, ctx.runtime, { phone: customer.phone, email: customer.email }, {
		requestId: request.id,
		kind: 'contract_completed',
		text: (locale) => ({
			sms: m.server_notice_documentCompleted_sms({ request: request.code, title: lower(locale), url }, { locale }),
			email: {
				subject: m.server_notice_documentCompleted_subject({ request: request.code, title: title[locale] }, { locale }),
				body: m.server_notice_documentCompleted_body({ fullName: customer.fullName, request: request.code, version: found.version, title: lower(locale), url }, { locale })
			}
		})
	});
	return { state: closed.to, version: closed.request.version, installed: closed.request.installed };
}
