// Issue 4, steps 10–11 end to end: the customer opens the link from the SMS on a phone, with no account, reads the
// contract, gets a code, signs (a mistyped code is caught on the phone), or asks for changes, which wait for the utility.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pdfText } from '../support/pdf-text';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signingCodeFrom } from '../../src/lib/domain/signing-code';
import { command, estimatePayloadFor, surveyPayloadFor } from '../support/field';
import { drawSignature, makeJpegs, outboxMessages, surveyableJobs, tokenOf, type OutboxMessage, type PulledJob } from './support';

test.use({ viewport: { width: 390, height: 844 } });

const CREW = 'doi2.cuong';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The SMS and emails of one kind the customer of `requestId` got, read from the demo outbox as the supervisor. */
async function outbox(request: APIRequestContext, requestId: string, kind: string): Promise<OutboxMessage[]> {
	return (await outboxMessages(request, { requestId })).filter((m) => m.kind === kind);
}

/**
 * Through the API, as the crew and the supervisor would: survey and estimate a job of the demo crew (two real
 * JPEG photos), take the customer's payment at the counter, send the contract for remote signing, and read the
 * link the customer got by SMS. Takes the crew's last survey job so the crew's own specs keep the first ones.
 */
async function sentForRemoteSigning(request: APIRequestContext, page: Page, label: string) {
	const crewToken = await tokenOf(request, CREW);
	const pulled = (await (await request.get('/api/sync/pull', { headers: bearer(crewToken) })).json()) as { jobs: PulledJob[] };
	const job = surveyableJobs(pulled).at(-1);
	expect(job, `${CREW} has a survey job waiting for its survey`).toBeDefined();
	const target = { requestId: job!.request.id, jobId: job!.id };

	const photos: string[] = [];
	for (const photo of await makeJpegs(page, 2, 320, 240)) {
		const sha256 = createHash('sha256').update(photo.buffer).digest('hex');
		const put = await request.put(`/api/blobs/${sha256}`, { headers: { ...bearer(crewToken), 'content-type': 'image/jpeg' }, data: photo.buffer });
		expect([200, 201], `photo upload: ${await put.text()}`).toContain(put.status());
		photos.push(sha256);
	}
	const survey = surveyPayloadFor({ site: [photos[0]!], meter: [photos[1]!] });
	const version = job!.request.version;
	const push = await request.post('/api/sync/push', {
		headers: bearer(crewToken),
		data: {
			deviceId: `e2e-portal-${label}`,
			commands: [command(1, 'submitSurvey', target, version, survey), command(2, 'submitEstimate', target, version + 1, estimatePayloadFor(survey))]
		}
	});
	expect(push.ok(), await push.text()).toBe(true);
	const results = ((await push.json()) as { results: Array<{ status: string; reason?: { vi: string } }> }).results;
	expect(results.map((r) => r.status), JSON.stringify(results)).toEqual(['applied', 'applied']);

	const after = (await (await request.get('/api/sync/pull', { headers: bearer(crewToken) })).json()) as { jobs: PulledJob[] };
	const estimated = after.jobs.find((j) => j.request.id === job!.request.id)!;
	const owed = estimated.request.estimate!.customer.total;

	const supervisor = await tokenOf(request, 'giamsat');
	const paid = await request.post(`/api/requests/${job!.request.id}/payments`, {
		headers: bearer(supervisor),
		data: { amount: owed, receiptNo: `BL-${label}-${Date.now()}` }
	});
	expect(paid.ok(), await paid.text()).toBe(true);
	const sent = await request.post(`/api/requests/${job!.request.id}/remote-signing`, { headers: bearer(supervisor) });
	expect(sent.ok(), await sent.text()).toBe(true);

	const sms = (await outbox(request, job!.request.id, 'remote_signing_link')).find((m) => m.channel === 'sms');
	expect(sms, 'the customer got the link by SMS').toBeDefined();
	const path = /\/portal\/[A-Za-z0-9_-]+/.exec(sms!.body)?.[0];
	expect(path, sms!.body).toBeDefined();
	return { job: job!, path: path!, supervisor };
}

async function expectPhoneFriendly(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, 'nothing wider than the phone').toBeLessThanOrEqual(0);
}

async function expectNoCrewChrome(page: Page) {
	await expect(page.getByTestId('sync-indicator')).toHaveCount(0);
	await expect(page.getByTestId('logout')).toHaveCount(0);
	await expect(page.getByTestId('language-switch')).toHaveCount(0);
}

test('the customer reads the contract, gets a code by SMS, signs with a finger; a mistyped code is caught on the phone, a wrong one by the server', async ({ page, request }) => {
	test.setTimeout(120_000);
	const { job, path, supervisor } = await sentForRemoteSigning(request, page, 'sign');
	const signRequests: string[] = [];
	page.on('request', (r) => {
		if (r.method() === 'POST' && r.url().endsWith('/sign')) signRequests.push(r.url());
	});

	await page.goto(path);
	await expect(page).toHaveURL(new RegExp(`${path}$`));
	await expect(page.getByRole('heading', { name: `Yêu cầu ${job.request.code}` })).toBeVisible();
	await expect(page.getByTestId('portal-customer')).toHaveText(job.request.customer.name);
	await expect(page.getByTestId('portal-address')).toHaveText(job.request.address);
	await expect(page.getByTestId('portal-state')).toHaveText('Chờ khách hàng ký');
	await expect(page.getByTestId('contract-version')).toHaveText('Phiên bản 1');
	await expect(page.getByTestId('contract-drafted')).toHaveText(/^Ngày lập: \d{2}\/\d{2}\/\d{4}$/);
	const body = page.getByTestId('contract-body');
	await expect(body).toContainText('HỢP ĐỒNG DỊCH VỤ DÂY SAU CÔNG TƠ');
	await expect(body).toContainText(`Số: ${job.request.code}/HĐDV - phiên bản 1`);
	await expect(body).toContainText(`BÊN B (Bên mua điện): ${job.request.customer.name}`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expectNoCrewChrome(page);
	await expectPhoneFriendly(page);

	// big targets for a thumb
	for (const target of [page.getByTestId('portal-language-switch'), page.getByRole('button', { name: 'Gửi mã ký' }), page.getByRole('button', { name: 'Ký hợp đồng' })]) {
		expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(48);
	}

	// the signer is prefilled with the customer
	await expect(page.getByLabel('Họ tên người ký')).toHaveValue(job.request.customer.name);

	// the code, by SMS and email, valid 10 minutes; the button waits before a resend
	await page.getByRole('button', { name: 'Gửi mã ký' }).click();
	const sentTo = job.request.customer.email ? 'số điện thoại và email' : 'số điện thoại';
	await expect(page.getByTestId('code-sent')).toHaveText(`Mã đã gửi tới ${sentTo} của quý khách, hiệu lực 10 phút.`);
	await expect(page.getByTestId('send-code')).toBeDisabled();
	await expect(page.getByTestId('code-wait')).toHaveText(/Có thể gửi lại sau \d+ giây/);
	const sms = (await outbox(request, job.request.id, 'portal_code')).find((m) => m.channel === 'sms');
	const code = /: (\d{6})\./.exec(sms!.body)![1]!;

	// reloaded and asked again too soon: the server's wait, and the button waits with it
	await page.reload();
	await page.getByRole('button', { name: 'Gửi mã ký' }).click();
	await expect(page.getByTestId('code-error')).toHaveText(/^Mã vừa được gửi; vui lòng chờ \d+ giây trước khi gửi lại$/);
	await expect(page.getByTestId('send-code')).toBeDisabled();
	await expect(page.getByTestId('code-wait')).toHaveText(/Có thể gửi lại sau \d+ giây/);
	expect((await outbox(request, job.request.id, 'portal_code')).filter((m) => m.channel === 'sms')).toHaveLength(1);

	// signing without drawing first is refused on the phone
	await page.getByLabel('Mã ký (6 chữ số)').fill(code);
	await page.getByRole('button', { name: 'Ký hợp đồng' }).click();
	await expect(page.getByTestId('signature-error')).toHaveText('Vui lòng ký tên vào khung');
	expect(signRequests).toHaveLength(0);

	await drawSignature(page, 'portal-signature-canvas');
	await expect(page.getByTestId('signature-error')).toHaveCount(0);

	// one digit off: the check digit says so before anything is sent
	const mistyped = `${code.slice(0, 3)}${(Number(code[3]) + 1) % 10}${code.slice(4)}`;
	await page.getByLabel('Mã ký (6 chữ số)').fill(mistyped);
	await expect(page.getByTestId('code-field-error')).toHaveText('Mã không đúng: có thể gõ nhầm một chữ số, vui lòng kiểm tra lại tin nhắn');
	await page.getByRole('button', { name: 'Ký hợp đồng' }).click();
	await expect(page.getByTestId('code-field-error')).toHaveText('Mã không đúng: có thể gõ nhầm một chữ số, vui lòng kiểm tra lại tin nhắn');
	expect(signRequests, 'a mistyped code never reaches the server').toHaveLength(0);

	// well formed but not the code that was sent: only the server can tell, and it says how many tries are left
	const wrong = signingCodeFrom(code.slice(0, 5) === '12345' ? '54321' : '12345');
	await page.getByLabel('Mã ký (6 chữ số)').fill(wrong);
	await expect(page.getByTestId('code-field-error')).toHaveCount(0);
	await page.getByRole('button', { name: 'Ký hợp đồng' }).click();
	await expect(page.getByTestId('code-field-error')).toHaveText('Mã ký không đúng; còn 4 lần thử');
	expect(signRequests).toHaveLength(1);

	await page.getByLabel('Mã ký (6 chữ số)').fill(code);
	await expect(page.getByTestId('code-field-error')).toHaveCount(0);
	await page.getByRole('button', { name: 'Ký hợp đồng' }).click();
	await expect(page.getByTestId('sign-done')).toContainText('Quý khách đã ký hợp đồng thành công');
	await expect(page.getByTestId('sign-done'), 'the confirmation comes into view').toBeInViewport();
	await expect(page.getByTestId('portal-signed')).toContainText('Quý khách đã ký hợp đồng này lúc');
	await expect(page.getByTestId('portal-sign')).toHaveCount(0);
	expect(signRequests).toHaveLength(2);

	// the signed state stays on reload, and reads in English too
	await page.reload();
	await expect(page.getByTestId('portal-signed')).toContainText(/Quý khách đã ký hợp đồng này lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
	await expect(page.getByTestId('portal-state')).toHaveText('Khách hàng đã ký');
	await expect(page.getByRole('button', { name: 'Gửi mã ký' })).toHaveCount(0);
	await expect(page.getByTestId('contract-body')).toContainText('HỢP ĐỒNG DỊCH VỤ DÂY SAU CÔNG TƠ');
	await page.getByTestId('portal-language-switch').click();
	await expect(page.getByTestId('portal-signed')).toContainText('You signed this contract at');
	await expect(page.getByTestId('portal-state')).toHaveText('Signed by customer');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByTestId('portal-language-switch').click();
	await expect(page.getByTestId('portal-signed')).toContainText('Quý khách đã ký hợp đồng này lúc');

	// the customer keeps the signed contract: a PDF with their signature and the evidence page
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('contract-pdf').click()]);
	expect(download.suggestedFilename()).toMatch(/^hop-dong-YC-.*-v1\.pdf$/);
	const pages = await pdfText(fs.readFileSync((await download.path())!));
	expect(pages.join(' ')).toContain(job.request.customer.name);
	expect(pages.at(-1)).toContain('trực tuyến');

	// the utility sees the customer's signature, made on the portal, for the contract the customer read
	const detail = await request.get(`/api/requests/${job.request.id}`, { headers: bearer(supervisor) });
	expect(detail.ok()).toBe(true);
	const recorded = (await detail.json()) as {
		state: string;
		contracts: Array<{ version: number; sha256: string; body: string }>;
		signatures: Array<{ party: string; channel: string; signerName: string; contractSha256: string; imagePng: string | null }>;
	};
	expect(recorded.state).toBe('customer_signed');
	const contract = recorded.contracts.find((c) => c.version === 1)!;
	const customer = recorded.signatures.filter((s) => s.party === 'customer');
	expect(customer).toHaveLength(1);
	expect(customer[0]).toMatchObject({ channel: 'portal', signerName: job.request.customer.name, contractSha256: contract.sha256 });
	expect(customer[0]!.imagePng).toMatch(/^data:image\/png;base64,/);
});

test('the customer asks for a change: it waits for the utility, and the contract stays as it was', async ({ page, request }) => {
	test.setTimeout(120_000);
	const { path } = await sentForRemoteSigning(request, page, 'correction');
	await page.goto(path);
	await expect(page.getByTestId('contract-version')).toHaveText('Phiên bản 1');

	// a long contract: one tap jumps to the signing part
	await page.getByRole('link', { name: 'Đến phần ký hợp đồng' }).click();
	await expect(page.getByRole('heading', { name: 'Ký hợp đồng', exact: true })).toBeInViewport();

	await page.getByRole('button', { name: 'Yêu cầu chỉnh sửa' }).click();
	const comment = page.getByLabel('Nội dung cần chỉnh sửa');
	await expect(comment).toBeFocused();
	await comment.fill('ok');
	await page.getByRole('button', { name: 'Gửi yêu cầu chỉnh sửa' }).click();
	await expect(page.getByTestId('comment-error')).toHaveText('Nêu nội dung cần chỉnh sửa (ít nhất 10 ký tự)');
	await comment.fill('Sai số nhà 😡😡😡 sửa giúp tôi');
	await page.getByRole('button', { name: 'Gửi yêu cầu chỉnh sửa' }).click();
	await expect(page.getByTestId('comment-error')).toContainText('biểu tượng cảm xúc');

	const wanted = 'Xin chuyển aptomat sang tường bên trái cửa ra vào';
	await comment.fill(wanted);
	await expect(page.getByTestId('comment-error')).toHaveCount(0);
	await page.getByRole('button', { name: 'Gửi yêu cầu chỉnh sửa' }).click();
	await expect(page.getByTestId('correction-waiting')).toContainText('Đang chờ Điện lực trả lời yêu cầu chỉnh sửa');
	await expect(page.getByTestId('correction-waiting')).toContainText(wanted);
	// the customer's words are never contract text, and nothing can be signed until the utility answers
	await expect(page.getByTestId('contract-version')).toHaveText('Phiên bản 1');
	await expect(page.getByTestId('contract-body')).not.toContainText(wanted);
	await expect(page.getByRole('button', { name: 'Gửi mã ký' })).toHaveCount(0);

	await page.reload();
	await expect(page.getByTestId('portal-state')).toHaveText('Khách hàng yêu cầu chỉnh sửa');
	await expect(page.getByTestId('correction-waiting')).toContainText(wanted);
	await expectPhoneFriendly(page);
});

test('an unknown link says so clearly; with the network down the page offers a retry', async ({ context, page }) => {
	const unknown = `/portal/${'x'.repeat(32)}`;

	await context.route('**/api/portal/**', (route) => route.abort('internetdisconnected'));
	await page.goto(unknown);
	await expect(page.getByTestId('portal-load-error')).toContainText('Không kết nối được máy chủ');
	const retry = page.getByRole('button', { name: 'Thử lại' });
	await expect(retry).toBeVisible();
	await context.unroute('**/api/portal/**');
	await retry.click();

	await expect(page).toHaveURL(new RegExp(`${unknown}$`));
	await expect(page.getByRole('heading', { name: 'Không mở được hợp đồng' })).toBeVisible();
	await expect(page.getByTestId('portal-load-error-message')).toHaveText(
		'Đường dẫn không hợp lệ hoặc đã hết hạn; vui lòng liên hệ Điện lực để nhận đường dẫn mới'
	);
	await expect(page.getByRole('button', { name: 'Thử lại' })).toHaveCount(0);
	await expectNoCrewChrome(page);

	// a link cut short in the message is just as invalid
	await page.goto('/portal/ngan');
	await expect(page.getByTestId('portal-load-error-message')).toHaveText(
		'Đường dẫn không hợp lệ hoặc đã hết hạn; vui lòng liên hệ Điện lực để nhận đường dẫn mới'
	);
	await expect(page).not.toHaveURL(/\/login/);
});
