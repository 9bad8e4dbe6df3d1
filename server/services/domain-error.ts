// The refusals services throw: a code and words, never an HTTP status. server/http.ts maps each code to its status
// in one table (DOMAIN_ERROR_STATUS), and app.onError answers with it; the type below keeps that table complete.
import type { RefusalCode } from '../../src/lib/domain/workflow';
import type { ReadingVerdict } from '../../src/lib/domain/readings';
import type { CodeCheck } from './signing-codes';
import type { Text } from '../../src/lib/text';

type Failed<T> = T extends { ok: false; code: infer C } ? C : never;

export type DomainErrorCode =
	// the workflow refuses a transition
	| RefusalCode
	// a meter reading the reading rules refuse
	| Failed<ReadingVerdict>
	// a typed signing code
	| Failed<CodeCheck>
	// not there, or not the caller's to see
	| 'not_found'
	| 'meter_not_found'
	| 'no_contract'
	| 'link_invalid'
	// the caller's account
	| 'bad_credentials'
	| 'no_unit'
	| 'intake_without_unit'
	| 'device_of_another_user'
	| 'bad_signature'
	// input the schema cannot judge alone
	| 'invalid_input'
	| 'empty_body'
	| 'hash_mismatch'
	| 'unsupported_type'
	| 'too_large'
	| 'amount_mismatch'
	// the request or job is not where the action needs it
	| 'job_closed'
	| 'no_estimate'
	| 'not_awaiting_check'
	| 'not_awaiting_signature'
	| 'not_signable_on_site'
	| 'already_signed'
	| 'already_sent'
	| 'contract_changed'
	| 'meter_removed'
	| 'transaction_reused'
	| 'nothing_owed'
	// supervisor operations: a visit set in the past, a handover already decided or that no longer applies
	| 'visit_in_past'
	| 'handover_decided'
	| 'handover_refused'
	// administration: the last admin, a crew with open jobs, a username in use
	| 'last_admin'
	| 'crew_has_open_jobs'
	| 'username_taken'
	// too often
	| 'too_soon'
	| 'too_many_codes'
	// the server lacks a setting
	| 'not_configured';

/** Words a refusal carries: both languages from the catalog (`both(m.…)`); a plain string does not compile. */
export type RefusalWords = Text;

export class DomainError extends Error {
	/** The refusal in both languages; `message` is its Vietnamese (the base locale). */
	readonly text: Text;
	/** Field path → words in both languages, for a form to mark the fields. */
	readonly fieldTexts?: Record<string, Text>;
	constructor(
		readonly code: DomainErrorCode,
		words: RefusalWords,
		details?: Record<string, RefusalWords>
	) {
		super(words.vi);
		this.name = 'DomainError';
		this.text = words;
		if (details) this.fieldTexts = details;
	}

	/** Field path → Vietnamese words (what the API answers today). */
	get details(): Record<string, string> | undefined {
		return this.fieldTexts ? Object.fromEntries(Object.entries(this.fieldTexts).map(([path, t]) => [path, t.vi])) : undefined;
	}
}
