// The customer's remote-signing portal (/api/portal/{token}): the link token is the only credential.
import { z } from 'zod';
import { sentTo } from './common';

export { portalSignBody } from '../domain/signing';
/** The customer's correction: 10–1000 characters the contract can print (no emoji). */
export { correctionRequestBody as correctionBody } from '../domain/correction';

const pricedLine = z.object({ code: z.string(), name: z.string(), unit: z.string(), quantity: z.number(), unitPrice: z.number(), side: z.enum(['utility', 'customer']), total: z.number() });

/** One difference between the previous version and the current one (src/lib/domain/correction.ts#TermsChange). */
export const termsChange = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('line_added'), line: pricedLine }),
	z.object({ kind: z.literal('line_removed'), line: pricedLine }),
	z.object({ kind: z.literal('quantity_changed'), line: pricedLine, from: z.number(), to: z.number() }),
	z.object({ kind: z.literal('amount_changed'), part: z.enum(['customer', 'utility', 'total']), from: z.number(), to: z.number() }),
	z.object({ kind: z.literal('vat_changed'), from: z.number(), to: z.number() }),
	z.object({
		kind: z.literal('party_changed'),
		field: z.enum(['customer.name', 'customer.phone', 'customer.email', 'customer.address', 'siteAddress']),
		from: z.string(),
		to: z.string()
	}),
	z.object({ kind: z.literal('install_by_changed'), from: z.string().nullable(), to: z.string().nullable() })
]);
export type TermsChangeView = z.infer<typeof termsChange>;

export const correctionView = z.object({
	status: z.enum(['open', 'revised', 'answered']),
	comment: z.string(),
	askedAt: z.string(),
	/** The version the customer asked about. */
	version: z.number().int(),
	answer: z.string().nullable(),
	answeredAt: z.string().nullable(),
	newVersion: z.number().int().nullable()
});
export type CorrectionView = z.infer<typeof correctionView>;

export const portalView = z.object({
	request: z.object({ code: z.string(), state: z.string(), address: z.string(), customerName: z.string() }),
	contract: z.object({ version: z.number().int(), sha256: z.string(), body: z.string(), draftedAt: z.string() }).nullable(),
	changes: z.object({ fromVersion: z.number().int(), items: z.array(termsChange) }).nullable().default(null),
	correction: correctionView.nullable().default(null),
	canSign: z.boolean(),
	/** Whether the customer may ask for a change instead of signing (a paperwork document is the decision itself: no). */
	canCorrect: z.boolean().default(true),
	/** The document's title when it is not the service contract ("Phụ lục hợp đồng mua bán điện"), both languages. */
	documentTitle: z.object({ vi: z.string(), en: z.string() }).nullable().default(null),
	signedAt: z.string().nullable()
});
export type PortalView = z.infer<typeof portalView>;
export type PortalContract = NonNullable<PortalView['contract']>;

export const codeSent = z.object({ sentTo, validMinutes: z.number() });
export type CodeSent = z.infer<typeof codeSent>;

export const signed = z.object({ ok: z.literal(true) });
/** The correction is with the utility: the version it is about, and when it was sent. */
export const corrected = z.object({ ok: z.literal(true), contractVersion: z.number().int(), askedAt: z.string() });
export type CorrectionSent = z.infer<typeof corrected>;
