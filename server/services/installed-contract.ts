// What was installed is what is signed (issue 11, item 2). When the recorded installation differs from the contract's
// materials or amount, the server drafts an addendum (phụ lục: contracts.kind 'addendum', basis 'installation') at once
// through draftContractVersion (the one way versions are drafted),
// deterministically from the installation command (its device time is the addendum's date), so the tablet that
// recorded it renders the same text offline and the customer signs it on site; or on the portal, where it is the
// latest version. The on-site code of the amended version authorizes signing the addendum made from that visit's
// installation. Once the customer signs a version whose amount is lower than what was paid, the difference is recorded
// as a refund; a higher amount is owed (balance.ts) before completion.
import { m } from '../../src/lib/paraglide/messages.js';
import type { ContractTerms } from '../../src/lib/domain/contract';
import type { EstimateLineInput } from '../../src/lib/domain/estimate';
import { draftsAddendumIn, installedContract, reopensSigningIn, type ContractedAmounts } from '../../src/lib/domain/installed-contract';
import { findMaterial } from '../../src/lib/domain/materials';
import type { Db } from '../db/database';
import type { RequestRow } from '../db/requests';
import { contractSources, latestContract, type ContractRow } from '../db/contracts';
import { forgetCodes, hasActiveCode, type CodeMemo } from './signing-codes';
import { findContractVersion, insertRefund, paidAndRefunded, paidAndRefundedOf } from '../db/installed-contract';
import type { Runtime } from './clock';
import { draftContractVersion, latestContractOf, rememberContract, type ContractMemo } from './contracts';
import { estimateRecordOf } from './field-records';
import { sendPortalLink, type SigningContext } from './signing';
import { DomainError } from './domain-error';
import { transitionRequest } from './workflow';

/** What a version holds in amounts: its terms, or (a version drafted before terms were kept) the request's latest estimate. */
function contractedOf(contract: ContractRow, sources: NonNullable<Awaited<ReturnType<typeof contractSources>>>): ContractedAmounts | null {
	if (contract.terms) return contract.terms.estimate;
	return sources.estimate ? estimateRecordOf(sources.estimate) : null;
}

/**
 * Drafts the addendum for an installation that differs from the contract. Before the customer signed, it is signed on
 * site or on the portal as the contract would have been; after (signed, or countersigned too), the request goes back
 * to waiting for the customer's signature of the addendum on the portal. Null when nothing differs.
 */
export async function draftInstalledContract(
	tx: Db,
	ctx: SigningContext,
	input: {
		requestId: string;
		installed: readonly EstimateLineInput[];
		installedAt: Date;
		sources?: Awaited<ReturnType<typeof contractSources>>;
		memo?: ContractMemo & CodeMemo;
		/** A push batch's locked rows: its transition reads and updates the request's there. */
		locked?: Map<string, RequestRow>;
		/** A push batch's: writes what it holds pending of the request, before the addendum changes it in the database. */
		writePending?: () => Promise<void>;
	}
): Promise<ContractRow | null> {
	// the caller's, when it read them in this transaction after the request's last change (an installation, for its differences)
	const sources = input.sources ?? (await contractSources(tx, input.requestId));
	// in a push, the batch's (a version it drafted included)
	const base = await latestContractOf(tx, input.requestId, input.memo);
	if (!sources || !base || !draftsAddendumIn(sources.request.state)) return null;
	const contracted = contractedOf(base, sources);
	if (!contracted) return null;
	// the tablet renders from the estimate it holds; a version's terms are the same lines unless a correction changed them
	const addendum = installedContract({
		requestCode: sources.request.code,
		customerName: sources.customer.fullName,
		base: { version: base.version, sha256: base.sha256 },
		contracted,
		installed: input.installed,
		installedAt: input.installedAt,
		lookup: findMaterial
	});
	if (!addendum) return null;
	// the versions and links below retire and issue codes: in a push, the batch's attempts on this request's codes are
	// written first and its codes read again at their next check (the installation leaves them to this point, keepsCodes)
	await input.writePending?.();
	await forgetCodes(tx, input.memo, input.requestId);
	const terms: ContractTerms = {
		utility: base.terms?.utility ?? { name: sources.unit.name, address: sources.unit.address, representative: sources.unit.representative },
		customer: base.terms?.customer ?? { name: sources.customer.fullName, phone: sources.customer.phone, email: sources.customer.email, address: sources.customer.address },
		siteAddress: base.terms?.siteAddress ?? sources.request.address,
		estimate: addendum.priced
	};
	const signed = reopensSigningIn(sources.request.state);
	// the one way versions are drafted: the text is the one the tablet rendered, dated by the installation's device
	// time. Before the customer signed, no code is issued (the amended version's code, already with the customer,
	// confirms it). After, that code is spent: earlier codes stop working and the customer signs on the portal, where
	// the link below leads and a code is sent for this version.
	await draftContractVersion(tx, ctx, {
		requestId: input.requestId,
		actor: { userId: null, role: 'system' },
		terms,
		kind: 'addendum',
		basis: 'installation',
		code: signed || sources.request.state === 'correction_requested' ? 'none' : 'keep',
		rendered: { version: addendum.version, body: addendum.body, draftedAt: input.installedAt }
	});
	if (signed) {
		// no countersignature or completion rests on the version the installation no longer matches
		const back = await transitionRequest(tx, {
			requestId: input.requestId,
			name: 'sendInstalledAddendum',
			actor: { userId: null, role: 'system' },
			at: ctx.runtime.clock(),
			detail: { contractVersion: addendum.version },
			locked: input.locked
		});
		if (!back.ok) throw new DomainError(back.code, back.reason);
	}
	// signing remotely: the customer is told there is a new version to sign
	if (signed || sources.request.state === 'awaiting_remote_signature') await sendPortalLink(tx, ctx, input.requestId);
	const drafted = (await latestContract(tx, input.requestId))!;
	rememberContract(input.memo, drafted);
	return drafted;
}

/**
 * The contract version whose on-site code confirms a signature of `contract`: an addendum for what was installed is
 * confirmed by the amended version's code (the one the customer already received for this visit), unless a code was
 * issued for the addendum itself. `memo`: a push batch's codes (signing-codes.ts).
 */
export async function onSiteCodeSubject(tx: Db, contract: ContractRow, memo?: CodeMemo): Promise<string> {
	if (contract.kind !== 'addendum' || contract.basis !== 'installation') return contract.id;
	if (await hasActiveCode(tx, { requestId: contract.requestId, subjectId: contract.id, purpose: 'on_site', memo })) return contract.id;
	const amended = await findContractVersion(tx, contract.requestId, contract.version - 1);
	return amended?.id ?? contract.id;
}

/** The customer's share of a version, in VND (null when the version keeps no terms). */
export function customerShareOf(contract: ContractRow): number | null {
	return contract.terms?.estimate.customer.total ?? null;
}

/**
 * What a push batch's signatures' requests (`requestIds`) were paid and refunded: read for all of them in one query at
 * the first settlement, and kept current by the refunds the batch records (nothing else in a push pays or refunds, and
 * a payment waits for the request's lock, which the batch holds).
 */
export interface SettlementMemo {
	settlements?: { requestIds: ReadonlySet<string>; read?: Promise<Map<string, { paid: number; refunded: number }>> };
}

async function paidAndRefundedFor(tx: Db, requestId: string, memo?: SettlementMemo): Promise<{ paid: number; refunded: number }> {
	const batch = memo?.settlements;
	if (!batch?.requestIds.has(requestId)) return paidAndRefunded(tx, requestId);
	batch.read ??= paidAndRefundedOf(tx, [...batch.requestIds]);
	return (await batch.read).get(requestId)!;
}

/**
 * After the customer signs a version: what was paid beyond its amount (less what is already owed back) is recorded as
 * a refund the utility owes. Called by every customer signature (on site here; the portal through signing.ts).
 * `memo`: a push batch's sums.
 */
export async function settleSignedVersion(tx: Db, runtime: Runtime, contract: ContractRow, memo?: SettlementMemo): Promise<void> {
	const share = customerShareOf(contract);
	if (share === null) return;
	// one query for both sums; in a push, one for all its signatures
	const sums = await paidAndRefundedFor(tx, contract.requestId, memo);
	const excess = sums.paid - sums.refunded - share;
	if (excess <= 0) return;
	// a later signature of the same request in the batch counts this refund, as the database would
	if (memo?.settlements?.requestIds.has(contract.requestId)) sums.refunded += excess;
	await insertRefund(tx, {
		id: runtime.newId(),
		requestId: contract.requestId,
		contractId: contract.id,
		amount: excess,
		reason: m.common_onsite_refund_reason({ version: contract.version }, { locale: 'vi' }),
		createdAt: runtime.clock()
	});
}
