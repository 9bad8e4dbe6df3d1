import { describe, expect, it } from 'vitest';
import { downloadContractPdf, resendSigningCode } from '../../src/lib/client/request-files';

const fakeFetch = (respond: (url: string, init?: RequestInit) => Response | Promise<Response>): typeof globalThis.fetch => async (input, init) => respond(String(input), init);

describe('contract actions that need the network', () => {
	it('downloads the PDF with the token under the name the server gives', async () => {
		const saved: Array<{ size: number; name: string }> = [];
		let auth: string | null = null;
		const fetch = fakeFetch((url, init) => {
			auth = new Headers(init?.headers).get('authorization');
			expect(url).toBe('/api/requests/yc-1/contract.pdf');
			return new Response(new Uint8Array([37, 80, 68, 70]), { headers: { 'content-disposition': 'attachment; filename="hop-dong-YC-2026-00001-v2.pdf"' } });
		});
		expect(await downloadContractPdf({ fetch, token: 'tok' }, 'yc-1', (blob, name) => saved.push({ size: blob.size, name }))).toEqual({ ok: true });
		expect(auth).toBe('Bearer tok');
		expect(saved).toEqual([{ size: 4, name: 'hop-dong-YC-2026-00001-v2.pdf' }]);
	});

	it("passes on the server's Vietnamese refusal, and says when the network is down", async () => {
		const refused = fakeFetch(() => Response.json({ error: { code: 'too_soon', message: 'Mã vừa được gửi; vui lòng chờ 42 giây trước khi gửi lại' } }, { status: 429 }));
		expect(await resendSigningCode({ fetch: refused, token: 't' }, 'yc-1')).toEqual({ ok: false, offline: false, message: 'Mã vừa được gửi; vui lòng chờ 42 giây trước khi gửi lại' });
		const down = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
		expect(await downloadContractPdf({ fetch: down, token: 't' }, 'yc-1', () => {})).toEqual({ ok: false, offline: true, message: null });
	});
});
