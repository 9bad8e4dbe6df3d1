// The administration's client (admins only): the same error shape and words as the console's client.
import { apiFetch, session } from '$lib/client/app';
import type { AdminChangeList, AdminOverview, HolidayList, NewPriceBody, NewUnitBody, NewUserBody, PriceListOverview, UserPlacementBody } from '$lib/api/admin';
import { m } from '$lib/paraglide/messages.js';
import { refusalWords } from '$lib/refusals';
import { ConsoleApiError } from './api';

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
	const token = session.current?.token;
	const headers: Record<string, string> = { accept: 'application/json' };
	if (token) headers.authorization = `Bearer ${token}`;
	if (body !== undefined) headers['content-type'] = 'application/json';
	let response: Response;
	try {
		response = await apiFetch(`/api/admin${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	} catch {
		throw new ConsoleApiError(0, 'network', m.console_error_network());
	}
	const payload = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null;
	if (!response.ok) {
		if (response.status === 401) session.markExpired();
		const error = payload?.error;
		const words = refusalWords(error);
		throw new ConsoleApiError(response.status, error?.code ?? 'http_error', words.message || m.console_error_server({ status: response.status }), words.fields);
	}
	return payload as T;
}

const id = (value: string) => encodeURIComponent(value);

export const adminApi = {
	overview: () => call<AdminOverview>('GET', ''),
	changes: () => call<AdminChangeList>('GET', '/changes'),
	prices: () => call<PriceListOverview>('GET', '/prices'),
	holidays: (year: number) => call<HolidayList>('GET', `/holidays?year=${year}`),
	createUser: (body: NewUserBody) => call<{ id: string; username: string; password: string }>('POST', '/users', body),
	updateUser: (userId: string, body: UserPlacementBody) => call('PATCH', `/users/${id(userId)}`, body),
	setDisabled: (userId: string, disabled: boolean) => call('POST', `/users/${id(userId)}/disabled`, { disabled }),
	resetPassword: (userId: string) => call<{ username: string; password: string }>('POST', `/users/${id(userId)}/password`),
	createUnit: (body: NewUnitBody) => call<{ id: string }>('POST', '/units', body),
	createCrew: (body: { unitId: string; name: string }) => call<{ id: string }>('POST', '/crews', body),
	renameCrew: (crewId: string, name: string) => call('PATCH', `/crews/${id(crewId)}`, { name }),
	deactivateCrew: (crewId: string) => call('POST', `/crews/${id(crewId)}/deactivate`),
	setPrice: (body: NewPriceBody) => call('POST', '/prices', body),
	setVat: (body: { percent: number; effectiveFrom: string }) => call('POST', '/vat', body),
	addHoliday: (body: { date: string; name: string }) => call('POST', '/holidays', body),
	removeHoliday: (date: string) => call('DELETE', `/holidays/${id(date)}`)
};
