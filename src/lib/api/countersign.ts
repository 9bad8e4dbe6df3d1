// The utility's countersignature preview (issue 11, item 5): what the supervisor reads before the contract PDF is
// signed digitally (GET /api/requests/{id}/countersign/preview, and the PDF itself at …/preview.pdf).
import { z } from 'zod';

const both = z.object({ vi: z.string(), en: z.string() });

export const countersignPreview = z.object({
	requestCode: z.string(),
	customerName: z.string(),
	version: z.number().int(),
	kind: z.enum(['contract', 'addendum']),
	contractSha256: z.string(),
	/** The certificate the PDF will be signed with: its subject's common name and organisation, and whether it is the demo's. */
	certificate: z.object({ commonName: z.string(), organization: z.string().nullable(), fingerprint: z.string(), demo: z.boolean() }),
	supervisorName: z.string(),
	/** The contract text as printed. */
	body: z.string(),
	/** The signature blocks under it, line by line. */
	signatures: z.object({ utility: z.array(z.string()), customer: z.array(z.string()) }),
	/** The evidence page, line by line, in both languages. */
	evidence: z.array(both)
});
export type CountersignPreview = z.infer<typeof countersignPreview>;
