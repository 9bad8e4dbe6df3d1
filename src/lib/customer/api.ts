// The customers' portal talks to /api/customer (the session is an httpOnly cookie the browser sends by itself).
// Every call returns a typed result instead of throwing (the portal's createPortalCall), checked against the API's
// own schemas (the portal's portalResult), so a page says exactly what happened: offline, refused in words, or an
// answer that made no sense.

import { okResponse, storedBlob } from '$lib/api/common';
import {
	customerContractList,
	customerMe,
	customerNoticeList,
	customerRequestDetail,
	customerRequestList,
	filed,
	loginCodeSent,
	signingLink,
	type FilingBody
} from '$lib/api/customer';
import { noticePreferencesView, type NoticePreferencesBody } from '$lib/api/notices';
import type { z } from 'zod';
import { customerFetch, portalResult, type PortalFailure, type PortalResult } from '$lib/portal/api';

export type { PortalFailure as CustomerFailure, PortalResult as CustomerResult };
export const CUSTOMER_API = '/api/customer';

export function createCustomerApi(options: { fetch?: typeof globalThis.fetch; timeoutMs?: number } = {}) {
	// window.fetch must be called unbound from an options object, or it throws "Illegal invocation"
	const fetcher = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
	const send = customerFetch(fetcher, options.timeoutMs ?? 20_000);
	const call = <T>(path: string, schema: z.ZodType<T>, init: { method: 'GET' | 'POST' | 'PUT'; json?: unknown; blob?: Blob }) =>
		portalResult(
			() =>
				send(`${CUSTOMER_API}${path}`, {
					method: init.method,
					headers: init.json !== undefined ? { 'content-type': 'application/json' } : init.blob ? { 'content-type': init.blob.type || 'image/jpeg' } : {},
					body: init.json !== undefined ? JSON.stringify(init.json) : init.blob
				}),
			schema
		);
	return {
		sendCode: (contact: string) => call('/login/code', loginCodeSent, { method: 'POST', json: { contact } }),
		signIn: (contact: string, code: string) => call('/login', okResponse, { method: 'POST', json: { contact, code } }),
		signOut: () => call('/logout', okResponse, { method: 'POST' }),
		me: () => call('/me', customerMe, { method: 'GET' }),
		requests: () => call('/requests', customerRequestList, { method: 'GET' }),
		request: (id: string) => call(`/requests/${encodeURIComponent(id)}`, customerRequestDetail, { method: 'GET' }),
		file: (body: FilingBody) => call('/requests', filed, { method: 'POST', json: body }),
		signingLink: (id: string) => call(`/requests/${encodeURIComponent(id)}/signing-link`, signingLink, { method: 'POST' }),
		paymentLink: (id: string) => call(`/requests/${encodeURIComponent(id)}/payment-link`, signingLink, { method: 'POST' }),
		selfReading: (serial: string) => call(`/meters/${encodeURIComponent(serial)}/self-reading`, signingLink, { method: 'POST' }),
		contracts: () => call('/contracts', customerContractList, { method: 'GET' }),
		notices: () => call('/notices', customerNoticeList, { method: 'GET' }),
		preferences: () => call('/preferences', noticePreferencesView, { method: 'GET' }),
		savePreferences: (body: NoticePreferencesBody) => call('/preferences', noticePreferencesView, { method: 'PUT', json: body }),
		upload: (sha256: string, blob: Blob) => call(`/uploads/${sha256}`, storedBlob, { method: 'PUT', blob })
	};
}

export type CustomerApi = ReturnType<typeof createCustomerApi>;

/** Where a signed-in customer's files and PDFs are read (same-origin links: the cookie goes with them). */
export const fileUrl = (sha256: string) => `${CUSTOMER_API}/files/${sha256}`;
export const contractPdfUrl = (requestId: string) => `${CUSTOMER_API}/requests/${encodeURIComponent(requestId)}/contract.pdf`;
export const eventsUrl = () => `${CUSTOMER_API}/events`;

/** Whether the failure means "not signed in" (the pages then go to the sign-in page). */
export const isSignedOut = (failure: PortalFailure) => failure.kind === 'refused' && failure.status === 401;

