// Hono's typed client (`hc`) over the server's own route declarations: each path, its parameters, its body and its
// answers are inferred from the createRoute/zod declarations the server validates with (server/app.ts `ApiType`),
// so a route that moves, a parameter renamed or a field the server stops sending is a type error in the client.
// The server is imported for its types only (`import type`, erased at build): no server code reaches the browser.
import { hc } from 'hono/client';
import type { ApiType } from '$server/app';

export type ApiClient = ReturnType<typeof hc<ApiType>>;

export interface ApiClientOptions {
	/** The fetch to send with (the app's, a test's fake); the page's own by default. */
	fetch?: typeof globalThis.fetch;
	/** Headers added to every call (the bearer token, read when the call is made). */
	headers?: () => Record<string, string>;
}

/** The API of this origin (`/api/...`), typed. Path parameters are sent as given: encode them (`pathParam`). */
export function apiClient(options: ApiClientOptions = {}): ApiClient {
	return hc<ApiType>('/', {
		fetch: options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)),
		headers: options.headers ?? (() => ({}))
	});
}

/** A path parameter as it must travel: `hc` puts parameters into the path as they are. */
export function pathParam(value: string): string {
	return encodeURIComponent(value);
}
