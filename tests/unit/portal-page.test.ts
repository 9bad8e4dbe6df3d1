import { describe, expect, it } from 'vitest';
import { createPortalApi } from '$lib/portal/api';
import { PortalPage, RESEND_WAIT_SECONDS } from '$lib/portal/portal-page.svelte';
import { DRAWING, fakeHash, GOOD_CODE, json, MISTYPED_CODE, offline, refusal, scriptedFetch, TOKEN, viewOf } from './portal-fixtures';

function pageWith(...handlers: Parameters<typeof scriptedFetch>) {
	const fetch = scriptedFetch(...handlers);
	let now = 1_000_000;
	const portal = new PortalPage({ api: createPortalApi({ fetch: fetch.fetch, token: TOKEN }), now: () => now, hash: fakeHash });
	return { portal, ...fetch, advance: (ms: number) => (now += ms), now: () => now };
}

async function readyToSign(portal: PortalPage) {
	await portal.open();
	portal.setSignature(DRAWING);
	portal.setCode(GOOD_CODE);
}

describe('the portal page', () => {
	it('loads the request and contract and prefills the signer with the customer', async () => {
		const { portal } = pageWith(json(viewOf()));
		await portal.open();
		expect(portal.view?.contract?.version).toBe(1);
		expect(portal.signerName).toBe('Trần Thị Mai');
		expect(portal.canSign).toBe(true);
		expect(portal.hashMismatch).toBe(false);
	});

	it('an invalid link cannot be retried; a network failure can', async () => {
		const message = 'Đường dẫn không hợp lệ hoặc đã hết hạn; vui lòng liên hệ Điện lực để nhận đường dẫn mới';
		const invalid = pageWith(refusal(404, 'link_invalid', message));
		await invalid.portal.open();
		expect(invalid.portal.invalidLink).toBe(true);
		expect(invalid.portal.loadFailureText?.vi).toBe(message);

		const down = pageWith(offline(), json(viewOf()));
		await down.portal.open();
		expect(down.portal.invalidLink).toBe(false);
		expect(down.portal.loadFailureText?.vi).toMatch(/Không kết nối được máy chủ/);
		await down.portal.open();
		expect(down.portal.loadFailure).toBeNull();
		expect(down.portal.view).not.toBeNull();
	});

	it('a contract whose text does not hash to its SHA-256 cannot be signed', async () => {
		const { portal } = pageWith(json(viewOf({ sha256: 'f'.repeat(64) })));
		await portal.open();
		expect(portal.hashMismatch).toBe(true);
		expect(portal.canSign).toBe(false);
	});

	it('sends a code, then waits a minute before another; a 429 disables the button for the wait the server asks', async () => {
		const { portal, calls, advance } = pageWith(
			json(viewOf()),
			json({ sentTo: { sms: true, email: true }, validMinutes: 10 }),
			refusal(429, 'too_soon', 'Mã vừa được gửi; vui lòng chờ 30 giây trước khi gửi lại')
		);
		await portal.open();
		await portal.sendCode();
		expect(portal.codeSent).toEqual({ sentTo: { sms: true, email: true }, validMinutes: 10 });
		expect(portal.secondsUntilResend()).toBe(RESEND_WAIT_SECONDS);
		await portal.sendCode(); // ignored while waiting
		expect(calls).toHaveLength(2);
		advance(RESEND_WAIT_SECONDS * 1000);
		await portal.sendCode();
		expect(portal.codeError?.vi).toBe('Mã vừa được gửi; vui lòng chờ 30 giây trước khi gửi lại');
		expect(portal.secondsUntilResend()).toBe(30);
	});

	it('a mistyped code never reaches the server', async () => {
		const { portal, calls } = pageWith(json(viewOf()));
		await portal.open();
		portal.setSignature(DRAWING);
		portal.setCode(MISTYPED_CODE);
		expect(portal.liveCodeError?.vi).toMatch(/gõ nhầm một chữ số/);
		await portal.sign();
		expect(portal.signErrors.code?.vi).toMatch(/gõ nhầm một chữ số/);
		expect(calls).toHaveLength(1);
	});

	it('no drawing: asks for a signature, sends nothing', async () => {
		const { portal, calls } = pageWith(json(viewOf()));
		await portal.open();
		portal.setCode(GOOD_CODE);
		await portal.sign();
		expect(portal.signErrors.signature?.vi).toBe('Vui lòng ký tên vào khung');
		expect(portal.signError?.vi).toBe('Vui lòng kiểm tra các ô được đánh dấu.');
		expect(calls).toHaveLength(1);
	});

	it('signs with the hash of the contract shown, then shows the signed state', async () => {
		const { portal, calls } = pageWith(json(viewOf()), json({ ok: true }), json(viewOf({ canSign: false, state: 'customer_signed', signedAt: '2026-11-23T04:00:00.000Z' })));
		await readyToSign(portal);
		await portal.sign();
		expect(calls[1]!.body).toEqual({ contractSha256: '1'.repeat(64), code: GOOD_CODE, signature: { ...DRAWING, signerName: 'Trần Thị Mai' } });
		expect(portal.signedNow).toBe(true);
		expect(portal.view?.signedAt).toBe('2026-11-23T04:00:00.000Z');
		expect(portal.canSign).toBe(false);
	});

	it('signed, but the reload fails: the confirmation stays and the form is gone', async () => {
		const { portal } = pageWith(json(viewOf()), json({ ok: true }), offline());
		await readyToSign(portal);
		await portal.sign();
		expect(portal.signedNow).toBe(true);
		expect(portal.canSign).toBe(false);
		expect(portal.refreshError?.vi).toMatch(/Không kết nối được máy chủ/);
	});

	it('a wrong code shows the tries left on the code field', async () => {
		const { portal } = pageWith(json(viewOf()), refusal(400, 'wrong_code', 'Mã ký không đúng; còn 4 lần thử'));
		await readyToSign(portal);
		await portal.sign();
		expect(portal.signErrors.code).toEqual({ vi: 'Mã ký không đúng; còn 4 lần thử', en: 'Wrong signing code; 4 attempts left' });
		expect(portal.signedNow).toBe(false);
	});

	it('a locked code asks for a new one', async () => {
		const { portal } = pageWith(json(viewOf()), refusal(423, 'locked_code', 'Đã nhập sai mã 5 lần; mã bị khóa, hãy yêu cầu gửi mã mới'));
		await readyToSign(portal);
		await portal.sign();
		expect(portal.signError?.vi).toBe('Đã nhập sai mã 5 lần; mã bị khóa, hãy yêu cầu gửi mã mới. Vui lòng bấm “Gửi mã ký” để nhận mã mới.');
		expect(portal.code).toBe('');
		expect(portal.codeSent).toBeNull();
	});

	it('a changed contract reloads the page with the new version and needs a new code', async () => {
		const message = 'Hợp đồng đã được cập nhật sau khi quý khách mở trang; vui lòng tải lại và đọc phiên bản mới';
		const { portal } = pageWith(json(viewOf()), refusal(409, 'contract_changed', message), json(viewOf({ version: 2 })));
		await readyToSign(portal);
		await portal.sign();
		expect(portal.view?.contract?.version).toBe(2);
		expect(portal.signError?.vi).toBe(`${message}. Trang đã hiển thị phiên bản 2; vui lòng đọc lại và bấm “Gửi mã ký” để nhận mã mới trước khi ký.`);
		expect(portal.code).toBe('');
		expect(portal.signature).toBeNull();
	});

	it('already signed elsewhere: says so and shows the signed state', async () => {
		const { portal } = pageWith(
			json(viewOf()),
			refusal(409, 'already_signed', 'Hợp đồng đã được ký trước đó; không cần ký lại'),
			json(viewOf({ canSign: false, state: 'customer_signed', signedAt: '2026-11-23T04:00:00.000Z' }))
		);
		await readyToSign(portal);
		await portal.sign();
		expect(portal.signError?.vi).toBe('Hợp đồng đã được ký trước đó; không cần ký lại');
		expect(portal.view?.signedAt).not.toBeNull();
		expect(portal.signedNow).toBe(false);
	});

	it('a correction needs 10 printable characters, then waits for the utility with the contract unchanged', async () => {
		const open = { status: 'open', comment: 'Xin chuyển aptomat sang tường bên trái', askedAt: '2026-11-23T04:00:00.000Z', version: 1, answer: null, answeredAt: null, newVersion: null };
		const { portal, calls } = pageWith(
			json(viewOf()),
			json({ ok: true, contractVersion: 1, askedAt: '2026-11-23T04:00:00.000Z' }),
			json(viewOf({ canSign: false, state: 'correction_requested', correction: open }))
		);
		await portal.open();
		portal.openCorrection();
		portal.setComment('ok');
		await portal.requestCorrection();
		expect(portal.commentError?.vi).toBe('Nêu nội dung cần chỉnh sửa (ít nhất 10 ký tự)');
		portal.setComment('Sai địa chỉ 😡😡 vui lòng sửa');
		await portal.requestCorrection();
		expect(portal.commentError?.vi).toContain('biểu tượng cảm xúc');
		expect(calls).toHaveLength(1);
		portal.setComment('Xin chuyển aptomat sang tường bên trái');
		expect(portal.commentError).toBeNull();
		await portal.requestCorrection();
		expect(calls[1]!.body).toEqual({ comment: 'Xin chuyển aptomat sang tường bên trái' });
		expect(portal.correctionOpen).toBe(false);
		expect(portal.view?.contract?.version).toBe(1);
		expect(portal.view?.correction).toMatchObject({ status: 'open', comment: 'Xin chuyển aptomat sang tường bên trái' });
		expect(portal.canSign).toBe(false);
	});

	it('a refresh that fails keeps the page on screen', async () => {
		const { portal } = pageWith(json(viewOf()), offline());
		await portal.open();
		await portal.open();
		expect(portal.view).not.toBeNull();
		expect(portal.refreshError?.vi).toMatch(/Không kết nối được máy chủ/);
	});
});
