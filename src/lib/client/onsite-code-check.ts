// The crew's online check of the customer's on-site code (POST /api/requests/{id}/signing-code/check), made before the
// signature is queued when the tablet has the network, so a wrong code is asked again while the customer is there.
import { onSiteCodeCheck, type OnSiteCodeCheck } from '$lib/api/onsite-signing';
import type { Text } from '$lib/text';
import { refusalWords } from '$lib/refusal-words';

export type CodeCheckOutcome = { kind: 'answer'; answer: OnSiteCodeCheck } | { kind: 'offline' } | { kind: 'refused'; message: Text | null };

interface Deps {
	fetch: typeof globalThis.fetch;
	token: string;
}

export async function checkCodeOnline(deps: Deps, requestId: string, code: string): Promise<CodeCheckOutcome> {
	let response: Response;
	try {
		response = await deps.fetch(`/api/requests/${encodeURIComponent(requestId)}/signing-code/check`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${deps.token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ code })
		});
	} catch {
		return { kind: 'offline' };
	}
	const body: unknown = await response.json().catch(() => null);
	if (response.ok) {
		const parsed = onSiteCodeCheck.safeParse(body);
		return parsed.success ? { kind: 'answer', answer: parsed.data } : { kind: 'offline' };
	}
	// a server that cannot answer now (5xx) is no verdict: the signature is queued and the code checked at sync
	if (response.status >= 500) return { kind: 'offline' };
	const message = refusalWords((body as { error?: unknown } | null)?.error).message;
	return { kind: 'refused', message: typeof message === 'string' ? { vi: message, en: message } : null };
}
