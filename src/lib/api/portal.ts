// The customer's remote-signing portal (/api/portal/{token}): the link token is the only credential.
import { z } from 'zod';
import { sentTo } from './common';

export { correctionBody, portalSignBody } from '../domain/signing';

export const portalView = z.object({
	request: z.object({ code: z.string(), state: z.string(), address: z.string(), customerName: z.string() }),
	contract: z.object({ version: z.number().int(), sha256: z.string(), body: z.string(), draftedAt: z.string() }).nullable(),
	canSign: z.boolean(),
	signedAt: z.string().nullable()
});
export type PortalView = z.infer<typeof portalView>;
export type PortalContract = NonNullable<PortalView['contract']>;

export const codeSent = z.object({ sentTo, validMinutes: z.number() });
export type CodeSent = z.infer<typeof codeSent>;

export const signed = z.object({ ok: z.literal(true) });
export const corrected = z.object({ ok: z.literal(true), contractVersion: z.number().int() });
export type CorrectionSent = z.infer<typeof corrected>;
