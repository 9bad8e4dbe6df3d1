// The crew's check of a customer's on-site signing code while on site (POST /api/requests/{id}/signing-code/check).
import { z } from 'zod';
import { m } from '../paraglide/messages.js';
import { schemaText } from '../domain/schema-text';

export const onSiteCodeCheckBody = z.object({
	code: z
		.string({ error: schemaText(m.crew_field_enterTheSigningCode) })
		.max(20, schemaText(m.common_schema_signingCodeTooLong))
		.transform((s) => s.replace(/[\s-]/g, ''))
		.pipe(z.string().regex(/^\d{6}$/, schemaText(m.common_schema_signingCodeShape)))
});

/** ok: right code; wrong: with the real attempts left; locked / expired: signing moved to the portal; superseded: a newer code exists. */
export const onSiteCodeCheck = z.object({
	result: z.enum(['ok', 'wrong', 'locked', 'expired', 'superseded', 'no_code']),
	attemptsLeft: z.number().int().min(0).optional(),
	/** What happened, in words, with the request's code and the customer's name. */
	message: z.object({ vi: z.string(), en: z.string() })
});
export type OnSiteCodeCheck = z.infer<typeof onSiteCodeCheck>;
