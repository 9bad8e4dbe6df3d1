// The customer's payment page (/api/payments/portal/{token}…): the amount owed, the VietQR transfer, the card /
// e-wallet gateway, the payments made with their receipts. The portal link token is the only credential.
import { z } from 'zod';

export const paymentView = z.object({
	request: z.object({ code: z.string(), state: z.string(), customerName: z.string() }),
	/** VND to pay now (the estimate, or what a signed addendum added); 0 when nothing is owed. */
	owed: z.number().int(),
	/** A Napas 247 transfer by VietQR for exactly `owed`; null when nothing is owed or no account is configured. */
	vietQr: z
		.object({
			payload: z.string(),
			/** The QR code as an SVG data URL. */
			image: z.string(),
			bankName: z.string(),
			accountNumber: z.string(),
			accountName: z.string(),
			/** The transfer's content: the request code. */
			purpose: z.string()
		})
		.nullable(),
	/** The card / e-wallet gateway; null when nothing is owed or none is configured. */
	gateway: z.object({ name: z.string() }).nullable(),
	payments: z.array(
		z.object({
			amount: z.number(),
			method: z.enum(['online', 'counter']),
			receiptNo: z.string(),
			receivedAt: z.string(),
			/** The receipt PDF (a long-lived link). */
			receiptUrl: z.string()
		})
	)
});
export type PaymentView = z.infer<typeof paymentView>;

export const gatewayStarted = z.object({ redirectUrl: z.string() });

/** The query string the gateway returned the customer with (vnp_… parameters, signed). */
export const gatewayReturnBody = z.object({ query: z.string().max(4000) });
export const gatewayReturned = z.object({
	/** paid: confirmed and recorded; pending: the gateway says paid, its confirmation (IPN) not yet here; failed: not paid; invalid: not the gateway's. */
	outcome: z.enum(['paid', 'pending', 'failed', 'invalid']),
	amount: z.number().nullable()
});

/** The gateway's server-to-server confirmation answer (VNPAY's IPN format). */
export const ipnAnswer = z.object({ RspCode: z.string(), Message: z.string() });
