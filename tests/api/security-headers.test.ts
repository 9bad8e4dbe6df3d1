import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/factories';
import { fakeJpeg } from '../support/field';

const BOOTSTRAP = `
				{
					__sveltekit_x = { base: "" };
					const element = document.currentScript.parentElement;
				}
			`;

/** The CSP of a response as directive → sources. */
function policyOf(header: string | null): Record<string, string[]> {
	const policy: Record<string, string[]> = {};
	for (const part of (header ?? '').split(';')) {
		const [name, ...sources] = part.trim().split(/\s+/);
		if (name) policy[name] = sources;
	}
	return policy;
}

describe('security headers', () => {
	let t: TestContext;
	let staticDir: string;
	beforeEach(async () => {
		staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ht-static-'));
		fs.writeFileSync(path.join(staticDir, 'index.html'), `<!doctype html><title>Hiện Trường</title><div style="display: contents"><script>${BOOTSTRAP}</script></div><script type="module" src="/_app/x.js"></script>`);
		t = await createTestContext('pglite', { staticDir });
	});
	afterEach(async () => {
		await t.close();
		fs.rmSync(staticDir, { recursive: true, force: true });
	});

	it('lets the app shell run its own scripts and inline bootstrap only, show photos and the map tiles, and never be framed', async () => {
		const shell = await t.app.request('/jobs/yc-1');
		expect(shell.status).toBe(200);
		const csp = policyOf(shell.headers.get('content-security-policy'));
		const bootstrapHash = `'sha256-${createHash('sha256').update(BOOTSTRAP).digest('base64')}'`;
		expect(csp['script-src']).toEqual(["'self'", bootstrapHash]);
		expect(csp['script-src']).not.toContain("'unsafe-inline'");
		expect(csp['img-src']).toEqual(expect.arrayContaining(["'self'", 'blob:', 'data:', 'https:', 'https://tiles.hientruong.test']));
		expect(csp['connect-src']).toEqual(["'self'"]);
		expect(csp['frame-ancestors']).toEqual(["'none'"]);
		expect(csp['object-src']).toEqual(["'none'"]);
		expect(shell.headers.get('x-frame-options')).toBe('DENY');
		expect(shell.headers.get('x-content-type-options')).toBe('nosniff');
		// link tokens are in paths (/portal/<token>): only the origin may leave with a request to the tile server
		expect(shell.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');

		// the service worker fetches the tiles of whichever host the server names, even after a change of TILE_URL
		fs.writeFileSync(path.join(staticDir, 'service-worker.js'), 'self.addEventListener("fetch", () => {})');
		const worker = policyOf((await t.app.request('/service-worker.js')).headers.get('content-security-policy'));
		expect(worker['connect-src']).toEqual(["'self'", 'https:', 'https://tiles.hientruong.test']);
		expect(worker['script-src']).toBeUndefined(); // default-src 'self': no inline, no eval

		// a rebuilt shell is hashed again
		const rebuilt = BOOTSTRAP.replace('__sveltekit_x', '__sveltekit_y');
		fs.writeFileSync(path.join(staticDir, 'index.html'), `<!doctype html><script>${rebuilt}</script>`);
		fs.utimesSync(path.join(staticDir, 'index.html'), new Date(), new Date(Date.now() + 5_000));
		const again = policyOf((await t.app.request('/')).headers.get('content-security-policy'));
		expect(again['script-src']).toEqual(["'self'", `'sha256-${createHash('sha256').update(rebuilt).digest('base64')}'`]);
	});

	it('lets nothing run from an API answer, errors included', async () => {
		for (const res of [await t.app.request('/api/health'), await t.app.request('/api/requests/abc%00def'), await t.app.request('/api/khong-co')]) {
			expect(policyOf(res.headers.get('content-security-policy'))['default-src']).toEqual(["'none'"]);
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			expect(res.headers.get('x-frame-options')).toBe('DENY');
		}
	});

	it('serves a photo as an image and a document as a download, never sniffed', async () => {
		const crew = await t.makeCrew();
		await t.makeUser({ username: 'to-cong-tac', crewId: crew.id });
		const token = await t.login('to-cong-tac');
		const photo = fakeJpeg('chup');
		await t.call('PUT', `/api/blobs/${photo.sha256}`, { token, bytes: photo.bytes, contentType: 'image/jpeg' });
		const image = await t.app.request(`/api/blobs/${photo.sha256}`, { headers: { authorization: `Bearer ${token}` } });
		expect(image.status).toBe(200);
		expect(image.headers.get('content-type')).toBe('image/jpeg');
		expect(image.headers.get('content-disposition')).toBe('inline');
		expect(image.headers.get('x-content-type-options')).toBe('nosniff');

		await t.makeUser({ username: 'giam-sat', role: 'supervisor', unitId: crew.unitId });
		const supervisor = await t.login('giam-sat');
		const pdf = new Uint8Array(Buffer.from('%PDF-1.7\n<< giấy tờ nhà đất >>\n%%EOF'));
		const pdfSha = createHash('sha256').update(pdf).digest('hex');
		expect((await t.call('PUT', `/api/blobs/${pdfSha}`, { token: supervisor, bytes: pdf, contentType: 'application/pdf' })).status).toBe(201);
		const document = await t.app.request(`/api/blobs/${pdfSha}`, { headers: { authorization: `Bearer ${supervisor}` } });
		expect(document.status).toBe(200);
		expect(document.headers.get('content-type')).toBe('application/pdf');
		expect(document.headers.get('content-disposition')).toBe('attachment');
		expect(document.headers.get('x-content-type-options')).toBe('nosniff');
	});
});
