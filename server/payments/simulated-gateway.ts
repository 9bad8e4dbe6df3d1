// A local stand-in for the card / e-wallet gateway (VNPAY-style protocol, vnpay.ts), for tests and the demo: a small
// HTTP server that checks the signed redirect, shows the order, and on "pay" confirms it to the merchant's IPN URL
// server to server, then returns the customer to vnp_ReturnUrl — both signed with the same secret, as the real one does.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { m } from '../../src/lib/paraglide/messages.js';
import { paramsOf, signatureIsValid, signedQuery, vnpDate, type VnpParams } from './vnpay';

export const GATEWAY_PAY_PATH = '/paymentv2/vpcpay.html';

export interface SimulatedGatewayOptions {
	tmnCode: string;
	hashSecret: string;
	/** The merchant's IPN URL (the real gateway's is set in its merchant portal, not sent with each payment). */
	ipnUrl: string;
	fetch?: typeof globalThis.fetch;
	clock?: () => Date;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const vnd = (amount: number) => `${new Intl.NumberFormat('vi-VN').format(amount)} đ`;
const t = (message: (p: object, o: { locale: 'vi' }) => string) => escape(message({}, { locale: 'vi' }));

function page(title: string, body: string): string {
	return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:0;background:#eef3f8;color:#102030}main{max-width:420px;margin:0 auto;padding:1.25rem}
.card{background:#fff;border-radius:12px;padding:1rem 1.25rem;box-shadow:0 1px 4px #0002}dt{color:#456;font-size:.9rem}dd{margin:0 0 .75rem;font-weight:700;font-size:1.1rem}
button{display:block;width:100%;min-height:48px;margin-top:.75rem;font-size:1.05rem;border-radius:8px;border:2px solid #0a4f8f;background:#fff;color:#0a4f8f}
button.pay{background:#0a4f8f;color:#fff}h1{font-size:1.3rem}</style></head><body><main>${body}</main></body></html>`;
}

export function simulatedGatewayApp(options: SimulatedGatewayOptions): Hono {
	const app = new Hono();
	const fetcher = options.fetch ?? globalThis.fetch;
	const clock = options.clock ?? (() => new Date());
	const valid = (params: VnpParams) => signatureIsValid(params, options.hashSecret) && params.vnp_TmnCode === options.tmnCode && /^\d+$/.test(params.vnp_Amount ?? '');

	app.get(GATEWAY_PAY_PATH, (c) => {
		const params = paramsOf(new URL(c.req.url).searchParams);
		if (!valid(params)) return c.html(page(t(m.server_gateway_title), `<h1>${t(m.server_gateway_badSignature)}</h1>`), 400);
		const hidden = Object.entries(params)
			.map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
			.join('');
		return c.html(
			page(
				t(m.server_gateway_title),
				`<h1>${t(m.server_gateway_title)}</h1><div class="card"><dl>
<dt>${t(m.server_gateway_amount)}</dt><dd data-testid="gateway-amount">${escape(vnd(Number(params.vnp_Amount) / 100))}</dd>
<dt>${t(m.server_gateway_order)}</dt><dd data-testid="gateway-order">${escape(params.vnp_OrderInfo ?? '')}</dd>
<dt>${t(m.server_gateway_reference)}</dt><dd>${escape(params.vnp_TxnRef ?? '')}</dd></dl>
<form method="post" action="/paymentv2/pay">${hidden}<button class="pay" name="result" value="pay">${t(m.server_gateway_pay)}</button>
<button name="result" value="cancel">${t(m.server_gateway_cancel)}</button></form></div>`
			)
		);
	});

	app.post('/paymentv2/pay', async (c) => {
		const form = await c.req.parseBody();
		const params: VnpParams = {};
		for (const [k, v] of Object.entries(form)) if (typeof v === 'string' && k.startsWith('vnp_')) params[k] = v;
		if (!valid(params)) return c.html(page(t(m.server_gateway_title), `<h1>${t(m.server_gateway_badSignature)}</h1>`), 400);
		const paid = form.result === 'pay';
		const result: VnpParams = {
			vnp_TmnCode: options.tmnCode,
			vnp_Amount: params.vnp_Amount!,
			vnp_BankCode: 'NCB',
			vnp_CardType: 'ATM',
			vnp_OrderInfo: params.vnp_OrderInfo ?? '',
			vnp_PayDate: vnpDate(clock()),
			vnp_ResponseCode: paid ? '00' : '24',
			vnp_TransactionNo: String(randomInt(10_000_000, 99_999_999)),
			vnp_TransactionStatus: paid ? '00' : '02',
			vnp_TxnRef: params.vnp_TxnRef!
		};
		if (paid) result.vnp_BankTranNo = `VNP${result.vnp_TransactionNo}`;
		const query = signedQuery(result, options.hashSecret);
		// server to server first, as the real gateway does; its answer does not change where the customer goes
		try {
			await fetcher(`${options.ipnUrl}?${query}`, { method: 'GET' });
		} catch (err) {
			console.warn('[gateway-sim] IPN not delivered', err);
		}
		return c.redirect(`${params.vnp_ReturnUrl}?${query}`, 302);
	});
	return app;
}

/** Starts the simulated gateway on `port` (0: any free one); its payment URL and a way to stop it. */
export async function startSimulatedGateway(options: SimulatedGatewayOptions & { host: string; port: number; publicHost?: string }) {
	const app = simulatedGatewayApp(options);
	return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
		const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info: AddressInfo) => {
			// idle connections outlive the client's keep-alive, so a reused one is never closed under a request
			if ('keepAliveTimeout' in server) server.keepAliveTimeout = 65_000;
			const host = options.publicHost ?? options.host;
			resolve({
				url: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}${GATEWAY_PAY_PATH}`,
				close: () => new Promise<void>((done) => server.close(() => done()))
			});
		});
	});
}
