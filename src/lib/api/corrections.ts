// The supervisor's answers to a customer's correction (issue 11, item 1): /api/requests/{id}/correction.
import { z } from 'zod';
import { answerBody, reviseBody } from '../domain/correction';
import { correctionView } from './portal';

export { answerBody, reviseBody };

const pricedLine = z.object({ code: z.string(), name: z.string(), unit: z.string(), quantity: z.number(), unitPrice: z.number(), side: z.enum(['utility', 'customer']), total: z.number() });
const sideTotals = z.object({ subtotal: z.number(), vat: z.number(), total: z.number() });

/** What a contract version holds (src/lib/domain/contract.ts#ContractTerms). */
export const contractTerms = z.object({
	utility: z.object({ name: z.string(), address: z.string(), representative: z.string() }),
	customer: z.object({ name: z.string(), phone: z.string(), email: z.string().nullable(), address: z.string() }),
	siteAddress: z.string(),
	estimate: z.object({ lines: z.array(pricedLine), vatPercent: z.number(), customer: sideTotals, utility: sideTotals, total: z.number() }),
	installBy: z.string().nullable().optional()
});

/** The request's correction as the supervisor sees it: the open one (the customer's words, which version), the past ones. */
export const correctionCase = z.object({
	requestCode: z.string(),
	customerName: z.string(),
	state: z.string(),
	open: correctionView.nullable(),
	past: z.array(correctionView),
	current: z.object({ version: z.number().int(), terms: contractTerms }).nullable()
});
export type CorrectionCase = z.infer<typeof correctionCase>;

export const correctionAnswered = z.object({ ok: z.literal(true), contractVersion: z.number().int() });
