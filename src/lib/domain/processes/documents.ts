// The document each catalog service ends with for the customer (issue 12 item 1): the after-meter service contract
// (HĐDV), a new electricity purchase contract (HĐMBĐ), an amendment to it (phụ lục), its renewal, its termination,
// only a written answer, or nothing to sign. Declared once here from seed 002's words; docs/processes.md says why
// for each group. Pure: no I/O, no clock.
import { m } from '../../paraglide/messages.js';
import { both } from '../../text';
import type { Label } from '../workflow';

export const CUSTOMER_DOCUMENTS = ['service_contract', 'purchase_contract', 'amendment', 'renewal', 'termination', 'answer', 'none'] as const;
export type CustomerDocument = (typeof CUSTOMER_DOCUMENTS)[number];

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Seed 002 decides: new supply (1–27, group 1 "cung cấp điện mới") makes the customer a buyer of electricity, a new
 * HĐMBĐ; a change of holder (39–40) re-issues it in the new holder's name. The changes "trong quá trình thực hiện
 * HĐMBĐ" that alter a term the customer signed (capacity 28–33, purpose and price 35–37, the household norm 38,
 * the registered details "có ký phụ lục" 49, the payment method "đã ký trong HĐMBĐ" 50) are an amendment. The meter's
 * position (34, all costs the customer's) and the wiring after the meter (66, "theo hợp đồng") are works on the
 * customer's side under the service contract. 54 renews, 55 terminates. Small details (48: phone, email, how the
 * invoice spells a name; no phụ lục, unlike 49), meter checks, complaints, look-ups and advice end with a written
 * answer; reconnection and the outage, safety and incident reports with nothing to sign.
 */
const SERVICES_BY_DOCUMENT: Record<CustomerDocument, readonly number[]> = {
	service_contract: [34, 66],
	purchase_contract: [...range(1, 27), 39, 40],
	amendment: [...range(28, 33), ...range(35, 38), 49, 50],
	renewal: [54],
	termination: [55],
	answer: [41, 42, 43, 48, ...range(56, 65), ...range(67, 79)],
	none: [...range(44, 47), 51, 52, 53]
};

const DOCUMENT_OF_SERVICE = new Map<number, CustomerDocument>(
	CUSTOMER_DOCUMENTS.flatMap((doc) => SERVICES_BY_DOCUMENT[doc].map((n) => [n, doc] as [number, CustomerDocument]))
);

/** The document the customer ends with for a catalog service; undefined outside the catalog. */
export function documentOf(serviceNumber: number): CustomerDocument | undefined {
	return DOCUMENT_OF_SERVICE.get(serviceNumber);
}

/** The catalog services that end with a document, ascending. */
export function servicesOfDocument(doc: CustomerDocument): number[] {
	return [...SERVICES_BY_DOCUMENT[doc]].sort((a, b) => a - b);
}

const LABELS: Record<CustomerDocument, () => Label> = {
	service_contract: () => both(m.common_document_service_contract),
	purchase_contract: () => both(m.common_document_purchase_contract),
	amendment: () => both(m.common_document_amendment),
	renewal: () => both(m.common_document_renewal),
	termination: () => both(m.common_document_termination),
	answer: () => both(m.common_document_answer),
	none: () => both(m.common_document_none)
};

/** The document in words, both languages. */
export function documentLabel(doc: CustomerDocument): Label {
	return LABELS[doc]();
}

/** The document a service ends with, in words; null outside the catalog. */
export function documentLabelOf(serviceNumber: number): Label | null {
	const doc = documentOf(serviceNumber);
	return doc ? documentLabel(doc) : null;
}

const APPROVED: Partial<Record<CustomerDocument, () => Label>> = {
	purchase_contract: () => both(m.server_notice_outcome_purchase_contract),
	amendment: () => both(m.server_notice_outcome_amendment),
	renewal: () => both(m.server_notice_outcome_renewal),
	termination: () => both(m.server_notice_outcome_termination),
	answer: () => both(m.server_notice_outcome_answer)
};

/**
 * What an approval of a paperwork request decided, in words ("Hợp đồng mua bán điện đã được chấm dứt" for 55);
 * null for a document no paperwork decision ends with.
 */
export function approvalWordsOf(serviceNumber: number): Label | null {
	const doc = documentOf(serviceNumber);
	const words = doc ? APPROVED[doc] : undefined;
	return words ? words() : null;
}

/** Whether approving the service's decision needs the meter's final reading (termination of the HĐMBĐ). */
export function needsFinalReading(serviceNumber: number): boolean {
	return documentOf(serviceNumber) === 'termination';
}

const PAPERWORK_TITLES: Record<'purchase_contract' | 'amendment' | 'renewal' | 'termination', () => Label> = {
	purchase_contract: () => both(m.common_paperwork_title_purchase_contract),
	amendment: () => both(m.common_paperwork_title_amendment),
	renewal: () => both(m.common_paperwork_title_renewal),
	termination: () => both(m.common_paperwork_title_termination)
};

/** The title of the document a paperwork approval drafts for the customer to sign ("Phụ lục hợp đồng mua bán điện"). */
export function paperworkTitle(doc: 'purchase_contract' | 'amendment' | 'renewal' | 'termination'): Label {
	return PAPERWORK_TITLES[doc]();
}
