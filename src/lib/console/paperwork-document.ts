// The paperwork approval's document on the console's request detail, in words: which document, which version, and
// where its signatures stand (drafted, waiting for the customer, signed by the customer, signed digitally by the utility).
import { signedDocumentOf } from '$lib/domain/processes';
import { paperworkTitle } from '$lib/domain/processes/documents';
import { vnDateTime } from '$lib/format';
import { i18n } from '$lib/i18n.svelte';
import { m } from '$lib/paraglide/messages.js';
import type { RequestDetail } from '$lib/console/api';

type Detail = Pick<RequestDetail, 'state' | 'contracts' | 'signatures'> & { service: { number: number } };

/** Null when the service signs no paperwork document or none is drafted yet (a refusal, a decision still to take). */
export function paperworkDocumentWords(detail: Detail): string | null {
	const doc = signedDocumentOf(detail.service.number);
	const latest = detail.contracts.at(-1);
	if (!doc || !latest) return null;
	const title = i18n.label(paperworkTitle(doc));
	const signedBy = (party: string) => detail.signatures.find((s) => s.party === party && s.contractSha256 === latest.sha256);
	const customer = signedBy('customer');
	const utility = signedBy('utility');
	const version = latest.version;
	if (customer && utility) return m.common_paperwork_signature_utilitySigned({ title, version, customerTime: vnDateTime(customer.serverTime), utilityTime: vnDateTime(utility.serverTime) });
	if (customer) return m.common_paperwork_signature_customerSigned({ title, version, time: vnDateTime(customer.serverTime) });
	if (detail.state === 'awaiting_remote_signature') return m.common_paperwork_signature_awaitingCustomer({ title, version });
	return m.common_paperwork_signature_drafted({ title, version, time: vnDateTime(latest.draftedAt) });
}
