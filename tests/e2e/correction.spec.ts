// Issue 11, item 1 end to end: the customer asks for a correction on the portal; it waits for the utility; the
// supervisor answers in the console with a new version (a longer cable, another site address); the customer sees the
// changes highlighted and signs version 2 with the one code the message brought. Seeded through the API.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { command, estimatePayloadFor, surveyPayloadFor } from '../support/field';
import { authOf, dispatchNewSurvey, drawSignature, logInToConsole, makeJpegs, outboxMessages, tokenOf, uploadPhotos, type PulledJob, soonToday } from './support';

const CUSTOMER = 'Đoàn Thị Hiệu Chỉnh';

async function sentForRemoteSigning(request: APIRequestContext, photos: Buffer[]) {
	const { id, code, jobId } = await dispatchNewSurvey(request, { crewId: 'doi2', customerName: CUSTOMER, scheduledAt: soonToday(32) });
	const crew = { authorization: `Bearer ${await tokenOf(request, 'doi2.cuong')}` };
	const pulled = (await (await request.get('/api/sync/pull', { headers: crew })).json()) as { jobs: PulledJob[] };
	const job = pulled.jobs.find((j) => j.id === jobId)!;
	const [site, meter] = await uploadPhotos(request, crew, photos);
	const survey = surveyPayloadFor({ site: [site!], meter: [meter!] });
	const target = { requestId: id, jobId };
	const version = job.request.version;
	const push = await request.post('/api/sync/push', {
		headers: crew,
		data: { deviceId: 'e2e-correction', commands: [command(1, 'submitSurvey', target, version, survey), command(2, 'submitEstimate', target, version + 1, estimatePayloadFor(survey))] }
	});
	expect(push.ok(), await push.text()).toBe(true);
	const supervisor = await authOf(request, 'giamsat');
	const detail = (await (await request.get(`/api/requests/${id}`, { headers: supervisor })).json()) as { estimates: Array<{ customer: { total: number } }> };
	const paid = await request.post(`/api/requests/${id}/payments`, { headers: supervisor, data: { amount: detail.estimates.at(-1)!.customer.total, receiptNo: `BL-HC-${Date.now()}` } });
	expect(paid.ok(), await paid.text()).toBe(true);
	expect((await request.post(`/api/requests/${id}/remote-signing`, { headers: supervisor })).ok()).toBe(true);
	const sms = (await outboxMessages(request, { requestId: id })).find((m) => m.kind === 'remote_signing_link' && m.channel === 'sms');
	return { id, code, path: /\/portal\/[A-Za-z0-9_-]+/.exec(sms!.body)![0] };
}

test('a correction the supervisor answers with a new version, which the customer signs on the portal', async ({ page, request, browser }) => {
	test.setTimeout(90_000);
	const photos = (await makeJpegs(page, 2, 320, 240)).map((p) => p.buffer);
	const { id, code, path } = await sentForRemoteSigning(request, photos);

	// the customer asks; the contract stays version 1 and waits for the utility
	const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
	await phone.goto(path);
	await expect(phone.getByTestId('contract-version')).toHaveText('Phiên bản 1');
	await phone.getByRole('button', { name: 'Yêu cầu chỉnh sửa' }).click();
	const wanted = 'Cáp phải dài 32 m, và địa chỉ thi công là số 14 chứ không phải số 12';
	await phone.getByLabel('Nội dung cần chỉnh sửa').fill(wanted);
	await phone.getByRole('button', { name: 'Gửi yêu cầu chỉnh sửa' }).click();
	await expect(phone.getByTestId('correction-waiting')).toContainText('Đang chờ Điện lực trả lời');
	await expect(phone.getByTestId('correction-waiting')).toContainText(wanted);
	await expect(phone.getByTestId('contract-version')).toHaveText('Phiên bản 1');
	await expect(phone.getByTestId('contract-body')).not.toContainText(wanted);
	await expect(phone.getByTestId('portal-sign')).toHaveCount(0);

	// the supervisor reads it in the request detail and issues version 2
	await logInToConsole(page);
	await page.goto(`/console/requests/${id}`);
	const panel = page.getByTestId('correction-panel');
	await expect(panel.getByTestId('correction-comment')).toHaveText(wanted);
	await expect(panel).toContainText(`${CUSTOMER} yêu cầu chỉnh sửa hợp đồng phiên bản 1`);
	await panel.getByTestId('correction-revise').click();
	const editor = page.getByTestId('version-editor');
	await expect(editor).toContainText(`Phiên bản 2 của hợp đồng ${code}`);
	const cable = editor.getByTestId('version-line').filter({ has: page.locator('option:checked', { hasText: 'Cáp đồng' }) }).first();
	await cable.getByTestId('version-quantity').fill('32');
	await editor.getByTestId('version-site').fill('Số 14 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội');
	await expect(editor.getByTestId('version-changes')).toContainText('Đổi số lượng Cáp đồng');
	await expect(editor.getByTestId('version-changes')).toContainText('Địa điểm thi công: Số 12 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội → Số 14 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội');
	await editor.getByTestId('version-submit').click();
	await expect(page.getByTestId('correction-done')).toHaveText(`Đã gửi phiên bản 2 cho ${CUSTOMER} ký, kèm mã ký mới.`);
	await expect(page.getByTestId('detail-state')).toHaveText('Chờ khách hàng ký');

	// one message: the link, the version's code and until when
	const sms = (await outboxMessages(request, { requestId: id })).find((m) => m.kind === 'correction_revised' && m.channel === 'sms')!;
	expect(sms.body).toContain(`${code} phien ban 2`);
	const signingCode = /Ma ky: (\d{6})\./.exec(sms.body)![1]!;

	// the customer sees what changed, highlighted, and signs version 2
	await phone.reload();
	await expect(phone.getByTestId('contract-version')).toHaveText('Phiên bản 2');
	await expect(phone.getByTestId('correction-revised')).toContainText('Điện lực đã lập phiên bản 2');
	const changes = phone.getByTestId('contract-changes');
	await expect(changes).toContainText('Thay đổi so với phiên bản 1');
	await expect(changes).toContainText('Đổi số lượng Cáp đồng');
	await expect(changes.locator('mark').first()).toBeVisible();
	await expect(phone.getByTestId('contract-body')).toContainText('Địa điểm thi công: Số 14 Trần Hưng Đạo');
	await drawSignature(phone, 'portal-signature-canvas');
	await phone.getByLabel('Mã ký (6 chữ số)').fill(signingCode);
	await phone.getByRole('button', { name: 'Ký hợp đồng' }).click();
	await expect(phone.getByTestId('sign-done')).toContainText('Quý khách đã ký hợp đồng thành công');
	await phone.close();
});
