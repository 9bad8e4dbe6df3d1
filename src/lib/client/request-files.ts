// Online-only actions on a request that need the crew's or supervisor's token: the contract PDF and a new signing
// code for the customer. Plain fetch wrappers so pages can show the server's own (Vietnamese) message.
import { serverMessageOf } from './sync';

export type ActionResult = { ok: true } | { ok: false; message: string | null; offline: boolean };

interface Deps {
	fetch: typeof globalThis.fetch;
	token: string;
}

async function failure(response: Response): Promise<ActionResult> {
	const body = await response.json().catch(() => undefined);
	return { ok: false, message: serverMessageOf(body) ?? null, offline: false };
}

/** Fetches the contract PDF with the token and hands it to the browser as a download. */
export async function downloadContractPdf(deps: Deps, requestId: string, save: (blob: Blob, fileName: string) => void = saveBlob): Promise<ActionResult> {
	let response: Response;
	try {
		response = await deps.fetch(`/api/requests/${encodeURIComponent(requestId)}/contract.pdf`, { headers: { Authorization: `Bearer ${deps.token}` } });
	} catch {
		return { ok: false, message: null, offline: true };
	}
	if (!response.ok) return failure(response);
	const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'hop-dong.pdf';
	save(await response.blob(), fileName);
	return { ok: true };
}

/** Asks the server to text the customer a new on-site code (the earlier ones stop working). */
export async function resendSigningCode(deps: Deps, requestId: string): Promise<ActionResult> {
	let response: Response;
	try {
		response = await deps.fetch(`/api/requests/${encodeURIComponent(requestId)}/signing-code`, { method: 'POST', headers: { Authorization: `Bearer ${deps.token}` } });
	} catch {
		return { ok: false, message: null, offline: true };
	}
	return response.ok ? { ok: true } : failure(response);
}

function saveBlob(blob: Blob, fileName: string) {
	const url = URL.createObjectURL(blob);
	const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
