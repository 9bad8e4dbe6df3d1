// Steps 10–12: send the contract to the customer for remote signing (a link, no account), the portal's
// code / sign / correction actions, and the utility's countersignature that completes the request.
import { createHash, randomBytes } from 'node:crypto';
import type { PortalSignBody } from '../../src/lib/domain/signing';
import type { Db } from '../db/database';
import type { AuditDetail } from '../db/schema';
import { contractSources, findPortalLink, findSignature, insertPortalLink, insertSignature, latestContract, listContractVersions, type ContractRow } from '../db/contracts';
import { listCorrections } from '../db/corrections';
import { diffContractTerms } from '../../src/lib/domain/correction';
import { lockRequest } from '../db/requests';
import { DomainError } from './domain-error';
import { both } from '../../src/lib/text';
import { queueNotice } from '../notify/outbox';
import { termsFromSources, untilText, type DraftContext } from './contracts';
import { issueSigningCode, limitResends, verifySigningCode, versionOfOtherCode } from './signing-codes';
import { resendMeterCheckCode } from './meter-checks';
import { isMeterCheckService, type RequestState } from '../../src/lib/domain/workflow';
import { signedDocumentTitleOf, transitionsOf } from '../../src/lib/domain/processes';
import { transitionRequest, type Actor } from './workflow';
import { settleSignedVersion } from './installed-contract';
import { m } from '../../src/lib/paraglide/messages.js';

export interface SigningContext extends DraftContext {
	/** Where customers open the portal, e.g. https://hientruong.example.vn */
	publicUrl: string;
}

export const PORTAL_LINK_TTL_MS = 30 * 24 * 3_600_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Step 10: the request waits for the customer's remote signature; the customer gets a link by SMS and email. */
export async function sendToRemoteSigning(tx: Db, ctx: SigningContext, input: { requestId: string; actor: Actor; deviceId?: string; detail?: AuditDetail }) {
	const now = ctx.runtime.clock();
	const moved = await transitionRequest(tx, { requestId: input.requestId, name: 'requestRemoteSigning', actor: input.actor, at: now, deviceId: input.deviceId, detail: input.detail });
	if (!moved.ok) throw new DomainError(moved.code, moved.reason);
	return sendPortalLink(tx, ctx, input.requestId);
}

/** A new portal link for the request (earlier links keep working until they expire); its address, for a message. */
export async function createPortalLink(tx: Db, ctx: SigningContext, requestId: string): Promise<string> {
	const now = ctx.runtime.clock();
	const token = randomBytes(24).toString('base64url');
	await insertPortalLink(tx, { tokenHash: hashToken(token), requestId, createdAt: now, expiresAt: new Date(now.getTime() + PORTAL_LINK_TTL_MS) });
	return `${ctx.publicUrl.replace(/\/$/, '')}/portal/${token}`;
}

/** Where the customer of a version is texted and emailed: the parties the version names (else the request's customer). */
function recipientOf(contract: ContractRow | undefined, sources: NonNullable<Awaited<ReturnType<typeof contractSources>>>) {
	const party = contract?.terms?.customer;
	return party
		? { phone: party.phone, email: party.email, fullName: party.name }
		: { phone: sources.customer.phone, email: sources.customer.email, fullName: sources.customer.fullName };
}

export async function sendPortalLink(tx: Db, ctx: SigningContext, requestId: string) {
	const url = await createPortalLink(tx, ctx, requestId);
	const token = url.slice(url.lastIndexOf('/') + 1);
	const sources = (await contractSources(tx, requestId))!;
	const to = recipientOf(await latestContract(tx, requestId), sources);
	await queueNotice(tx, ctx.runtime, { phone: to.phone, email: to.email }, {
		requestId,
		kind: 'remote_signing_link',
		text: (locale) => ({
			sms: m.server_notice_remoteSigningLink_sms({ request: sources.request.code, url }, { locale }),
			email: {
				subject: m.server_notice_remoteSigningLink_subject({ request: sources.request.code }, { locale }),
				body: m.server_notice_remoteSigningLink_body({ fullName: to.fullName, request: sources.request.code, url }, { locale })
			}
		})
	});
	return { token, url };
}

export async function linkedRequestId(db: Db, token: string, now: Date) {
	const link = await findPortalLink(db, hashToken(token));
	if (!link || link.expiresAt.getTime() <= now.getTime()) {
		throw new DomainError('link_invalid', both(m.portal_error_linkInvalid));
	}
	return link.requestId;
}

/** The request a portal link is for (404 when the link is unknown or expired). */
export async function portalRequestId(db: Db, ctx: SigningContext, token: string): Promise<string> {
	return linkedRequestId(db, token, ctx.runtime.clock());
}

export async function portalView(db: Db, ctx: SigningContext, token: string) {
	const now = ctx.runtime.clock();
	const requestId = await linkedRequestId(db, token, now);
	const sources = (await contractSources(db, requestId))!;
	const versions = await listContractVersions(db, requestId);
	const contract = versions[versions.length - 1];
	const previous = versions[versions.length - 2];
	const signature = contract ? await findSignature(db, contract.id, 'customer') : undefined;
	const termsOf = (row: ContractRow) => row.terms ?? (sources.estimate ? termsFromSources(sources) : null);
	const [before, after] = contract && previous ? [termsOf(previous), termsOf(contract)] : [null, null];
	const [latest] = await listCorrections(db, requestId);
	return {
		request: { code: sources.request.code, state: sources.request.state, address: sources.request.address, customerName: sources.customer.fullName },
		contract: contract ? { version: contract.version, sha256: contract.sha256, body: contract.body, draftedAt: contract.draftedAt.toISOString() } : null,
		/** What the current version changed from the previous one (null for a first version). */
		changes: before && after && previous ? { fromVersion: previous.version, items: diffContractTerms(before, after) } : null,
		/** The customer's latest correction request and the utility's answer. */
		correction: latest
			? {
					status: latest.correction.status,
					comment: latest.correction.comment,
					askedAt: latest.correction.createdAt.toISOString(),
					version: latest.version,
					answer: latest.correction.answer,
					answeredAt: latest.correction.answeredAt?.toISOString() ?? null,
					newVersion: latest.newVersion
				}
			: null,
		canSign: sources.request.state === 'awaiting_remote_signature',
		// a paperwork document (a phụ lục, a renewal…) is the utility's decision: signed as it is, never corrected
		canCorrect: transitionsOf(sources.request.serviceNumber).includes('requestCorrection'),
		documentTitle: signedDocumentTitleOf(sources.request.serviceNumber),
		signedAt: signature?.serverTime.toISOString() ?? null
	};
}

/**
 * A fresh 10-minute code by SMS and email; at most one a minute and five an hour. It replaces the version's code
 * (the one sent with the contract included): a contract version has one code at a time, and the message names it.
 */
export async function sendPortalCode(tx: Db, ctx: SigningContext, token: string) {
	const now = ctx.runtime.clock();
	const requestId = await linkedRequestId(tx, token, now);
	const request = (await lockRequest(tx, requestId))!;
	if (request.state !== 'awaiting_remote_signature') throw notAwaiting(request.state);
	const contract = (await latestContract(tx, requestId))!;
	await limitResends(tx, requestId, contract.id, 'portal', now);
	const { code, expiresAt } = await issueSigningCode(tx, ctx.runtime, { requestId, subjectId: contract.id, purpose: 'portal', policy: ctx.codePolicy });
	const sources = (await contractSources(tx, requestId))!;
	const to = recipientOf(contract, sources);
	const minutes = Math.round(ctx.codePolicy.portalTtlMs / 60_000);
	const words = { request: sources.request.code, version: contract.version, code, until: untilText(expiresAt), minutes };
	await queueNotice(tx, ctx.runtime, { phone: to.phone, email: to.email }, {
		requestId,
		kind: 'portal_code',
		text: (locale) => ({
			sms: m.server_notice_signingCode_sms(words, { locale }),
			email: {
				subject: m.server_notice_signingCode_subject(words, { locale }),
				body: m.server_notice_signingCode_body(words, { locale })
			}
		})
	});
	return { sentTo: { sms: Boolean(to.phone), email: Boolean(to.email) }, validMinutes: minutes };
}

/** A new on-site code on request (the first was lost, expired or locked after five wrong tries); old ones stop working. */
export async function resendOnSiteCode(tx: Db, ctx: SigningContext, requestId: string) {
	const now = ctx.runtime.clock();
	const request = await lockRequest(tx, requestId);
	if (!request) throw new DomainError('not_found', both(m.server_refusal_not_found));
	if (isMeterCheckService(request.serviceNumber)) return resendMeterCheckCode(tx, { ...ctx.runtime, codePolicy: ctx.codePolicy }, request);
	if (request.state !== 'contract_drafted') throw new DomainError('not_signable_on_site', both(m.server_refusal_not_signable_on_site));
	const contract = (await latestContract(tx, requestId))!;
	await limitResends(tx, requestId, contract.id, 'on_site', now);
	const { code, expiresAt } = await issueSigningCode(tx, ctx.runtime, { requestId, subjectId: contract.id, purpose: 'on_site', policy: ctx.codePolicy });
	const sources = (await contractSources(tx, requestId))!;
	const until = untilText(expiresAt);
	const to = recipientOf(contract, sources);
	await queueNotice(tx, ctx.runtime, { phone: to.phone, email: to.email }, {
		requestId,
		kind: 'contract_code',
		text: (locale) => ({
			sms: m.server_notice_contractCodeResent_sms({ request: sources.request.code, version: contract.version, code, until }, { locale }),
			email: {
				subject: m.server_notice_contractCodeResent_subject({ request: sources.request.code }, { locale }),
				body: m.server_notice_contractCodeResent_body({ request: sources.request.code, version: contract.version, code, until }, { locale })
			}
		})
	});
	return { sentTo: { sms: Boolean(sources.customer.phone), email: Boolean(sources.customer.email) } };
}

export function notAwaiting(state: RequestState): DomainError {
	if (state === 'customer_signed' || state === 'utility_signed' || state === 'completed') {
		return new DomainError('already_signed', both(m.server_refusal_already_signed));
	}
	return new DomainError('not_awaiting_signature', both(m.server_refusal_not_awaiting_signature));
}

/** Step 11. A wrong code still counts as an attempt: the failure is returned (committed), not thrown. */
export async function signOnPortal(db: Db, ctx: SigningContext, token: string, body: PortalSignBody, clientInfo: string) {
	const failure = await db.transaction(async (tx): Promise<DomainError | null> => {
		const now = ctx.runtime.clock();
		const requestId = await linkedRequestId(tx, token, now);
		// locked first: of two signatures racing, the second sees the state the first left
		const request = (await lockRequest(tx, requestId))!;
		if (request.state !== 'awaiting_remote_signature') return notAwaiting(request.state);
		const contract = (await latestContract(tx, requestId))!;
		if (contract.sha256 !== body.contractSha256) {
			return new DomainError('contract_changed', both(m.server_refusal_contract_changed));
		}
		// a code of an earlier version is named as such (no attempt counted); any other is checked against this version's one code
		const otherVersion = await versionOfOtherCode(tx, { requestId, contractId: contract.id, code: body.code }, now);
		if (otherVersion !== null) {
			return new DomainError(
				'contract_changed',
				both(m.server_refusal_code_earlierVersion, { codeVersion: otherVersion, version: contract.version, request: request.code })
			);
		}
		const check = await verifySigningCode(tx, ctx.runtime, { subjectId: contract.id, purpose: 'portal', code: body.code, policy: ctx.codePolicy });
		if (!check.ok) return new DomainError(check.code, check.reason);
		const signed = await transitionRequest(tx, {
			requestId,
			name: 'signRemote',
			actor: { userId: null, role: 'customer' },
			at: now,
			detail: { contractVersion: contract.version, contractSha256: contract.sha256 }
		});
		if (!signed.ok) throw new DomainError(signed.code, signed.reason);
		await insertSignature(tx, {
			id: ctx.runtime.newId(),
			requestId,
			contractId: contract.id,
			contractSha256: contract.sha256,
			party: 'customer',
			channel: 'portal',
			signerName: body.signature.signerName,
			imagePng: body.signature.imagePng,
			strokes: body.signature.strokes,
			serverTime: now,
			clientInfo: clientInfo.slice(0, 500)
		});
		// a signed version below what was paid: the difference is a refund the utility owes
		await settleSignedVersion(tx, ctx.runtime, contract);
		return null;
	});
	if (failure) throw failure;
}
