// The intake of a meter service (a meter check, 41/42) fills the customer from the meter register
// (GET /api/meters/:serial, server/services/meter-register.ts) instead of making the supervisor retype it.
import { apiFetch, session } from '$lib/client/app';
import { meterDetail } from '$lib/api/meters';
import type { IntakeForm } from './intake';
import { refusalWords } from '$lib/refusal-words';

export type RegisterCustomer = { name: string; phone: string; email: string; address: string };
export type RegisterLookup = { ok: true; customer: RegisterCustomer } | { ok: false; reason: 'not_found' | 'failed'; message: string | null };

/** The meter's registered customer, or why there is none (unknown serial, another unit's meter, no network). */
export async function lookUpMeterCustomer(serial: string, fetchFn: typeof fetch = apiFetch): Promise<RegisterLookup> {
	const token = session.current?.token;
	try {
		const res = await fetchFn(`/api/meters/${encodeURIComponent(serial.trim())}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
		if (res.status === 404) {
			const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
			return { ok: false, reason: 'not_found', message: refusalWords(body?.error).message ?? null };
		}
		if (!res.ok) return { ok: false, reason: 'failed', message: null };
		const parsed = meterDetail.safeParse(await res.json());
		if (!parsed.success) return { ok: false, reason: 'failed', message: null };
		const c = parsed.data.customer;
		return { ok: true, customer: { name: c.name, phone: c.phone, email: c.email ?? '', address: c.address ?? '' } };
	} catch {
		return { ok: false, reason: 'failed', message: null };
	}
}

/** The form with the register's customer in it (an empty register field leaves what was typed). */
export function withRegisterCustomer(form: IntakeForm, customer: RegisterCustomer): IntakeForm {
	return {
		...form,
		name: customer.name || form.name,
		phone: customer.phone || form.phone,
		email: customer.email || form.email,
		address: customer.address || form.address
	};
}
