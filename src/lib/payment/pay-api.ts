// The customer's payment page talks to /api/payments/portal/{token}…: typed results, never a throw (portal/api.ts).
import { gatewayReturned, gatewayStarted, paymentView, type PaymentView } from '$lib/api/payments';
import { customerFetch, portalResult } from '$lib/portal/api';

export type { PaymentView };
export type GatewayOutcome = 'paid' | 'pending' | 'failed' | 'invalid';

export function createPayApi(options: { fetch: typeof globalThis.fetch; token: string }) {
	const fetch = customerFetch(options.fetch, 20_000);
	const base = `/api/payments/portal/${encodeURIComponent(options.token)}`;
	const post = (path: string, body?: unknown) =>
		fetch(`${base}${path}`, { method: 'POST', headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	return {
		view: () => portalResult(() => fetch(base, { method: 'GET' }), paymentView),
		startGateway: () => portalResult(() => post('/gateway'), gatewayStarted),
		gatewayReturn: (query: string) => portalResult(() => post('/return', { query }), gatewayReturned),
		/** The live stream's URL: "changed" when the request or its payments change. */
		eventsUrl: `${base}/events`
	};
}

/** Whether a page address carries the gateway's return (signed vnp_… parameters). */
export function isGatewayReturn(search: string): boolean {
	return new URLSearchParams(search).has('vnp_SecureHash');
}
