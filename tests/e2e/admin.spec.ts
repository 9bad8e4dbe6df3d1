// Issue 12 §5: the admin sets a material's price from a later date and adds a holiday in the administration; the
// change log says both in words; a supervisor's new estimate today is priced with the list in force today (the later
// price waits for its date, and the tablets already carry it); a supervisor is kept out of the administration.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { priceEstimate } from '../../src/lib/domain/estimate';
import type { Material } from '../../src/lib/domain/materials';
import { surveyPayloadFor } from '../support/field';
import { authOf, dispatchNewSurvey, logInToConsole, makeJpegs, uploadPhotos, vietnamDate, type PulledJob } from './support';

test.use({ viewport: { width: 1280, height: 900 } });

const CB_NAME = 'Aptomat (CB) bảo vệ sau công tơ 1 pha 40 A';
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

test('the admin prices a material from a later date and adds a holiday; a new estimate today keeps today’s price', async ({ page, browser, request }) => {
	const later = vietnamDate(45);
	const nextYear = Number(vietnamDate(0).slice(0, 4)) + 1;
	const holiday = `${nextYear}-11-20`;

	await logInToConsole(page, 'admin');
	await page.getByTestId('console-nav-admin').click();
	await expect(page.getByRole('heading', { name: 'Quản trị hệ thống' })).toBeVisible();

	await page.getByRole('tab', { name: 'Bảng giá vật tư và thuế VAT' }).click();
	const priceForm = page.getByTestId('admin-price-form');
	await priceForm.getByLabel('Vật tư').selectOption({ label: CB_NAME });
	await priceForm.getByLabel('Đơn giá (đồng, chưa VAT)').fill('199000');
	await priceForm.getByLabel('Áp dụng từ ngày').fill(later);
	await priceForm.getByRole('button', { name: 'Đặt giá' }).click();
	await expect(page.getByTestId('admin-saved')).toContainText('Dự toán đã lập và hợp đồng đã ký giữ nguyên giá cũ');
	await expect(page.getByTestId('admin-price-upcoming')).toContainText(`${CB_NAME}: 199.000 ₫/cái từ ngày ${dmy(later)}`);
	await expect(page.getByTestId('admin-prices').locator('tr[data-code="CB-BV-1P-40"]')).toContainText('165.000 ₫');

	await page.getByRole('tab', { name: 'Ngày nghỉ lễ' }).click();
	await page.getByRole('button', { name: 'Năm sau' }).click();
	await expect(page.getByTestId('admin-holiday-year')).toHaveText(`Ngày nghỉ lễ năm ${nextYear}`);
	const holidayForm = page.getByTestId('admin-holiday-form');
	await holidayForm.getByLabel('Ngày nghỉ', { exact: true }).fill(holiday);
	await holidayForm.getByLabel('Tên ngày nghỉ').fill('Ngày Nhà giáo (nghỉ thử)');
	await holidayForm.getByRole('button', { name: 'Thêm ngày nghỉ' }).click();
	const added = page.getByTestId('admin-holidays').locator(`tr[data-date="${holiday}"]`);
	await expect(added).toContainText(dmy(holiday));
	await expect(added).toContainText('Ngày Nhà giáo (nghỉ thử)');
	// the year's other holidays stay (its defaults were stored with the first change)
	await expect(page.getByTestId('admin-holidays').locator(`tr[data-date="${nextYear}-01-01"]`)).toContainText('Tết Dương lịch');

	await page.getByRole('tab', { name: 'Nhật ký thay đổi' }).click();
	const log = page.getByTestId('admin-changes');
	await expect(log).toContainText(`Đặt giá ${CB_NAME}: 199.000 đồng/cái (trước đó 165.000 đồng), áp dụng từ ${dmy(later)}`);
	await expect(log).toContainText(`Thêm ngày nghỉ ${dmy(holiday)}: Ngày Nhà giáo (nghỉ thử)`);
	await expect(log).toContainText('Quản trị hệ thống');

	// the tablets' list: today's prices, and the later one with its date
	const list = (await (await request.get('/api/materials')).json()) as { materials: Material[]; vatPercent: number; upcoming: Array<Material & { effectiveFrom: string }> };
	expect(list.materials.find((mat) => mat.code === 'CB-BV-1P-40')!.unitPrice).toBe(165_000);
	expect(list.upcoming).toContainEqual(expect.objectContaining({ code: 'CB-BV-1P-40', unitPrice: 199_000, effectiveFrom: later }));

	// a new request's estimate today, priced on the tablet with the list it pulled
	const survey = await dispatchNewSurvey(request, { crewId: 'doi1', customerName: `Lương Văn Giá ${randomUUID().slice(0, 4)}`, scheduledAt: new Date(Date.now() + 3_600_000).toISOString() });
	const crew = await authOf(request, 'doi1.an');
	const pulled = (await (await request.get('/api/sync/pull', { headers: crew })).json()) as { jobs: PulledJob[] };
	const job = pulled.jobs.find((j) => j.id === survey.jobId)!;
	const [photo] = await uploadPhotos(request, crew, (await makeJpegs(page, 1)).map((f) => f.buffer));
	const surveyed = surveyPayloadFor({ site: [photo!], meter: [photo!] }, { phases: 1, distanceM: 10, route: 'overhead' });
	const lines = [{ code: 'CB-BV-1P-40', quantity: 1 }, { code: 'HOP-CT-1P', quantity: 1 }, { code: 'CU-XLPE-2x6', quantity: 10 }];
	const byCode = new Map(list.materials.map((mat) => [mat.code, mat]));
	const estimate = { lines, vatPercent: list.vatPercent, expectedTotal: priceEstimate(lines, list.vatPercent, (code) => byCode.get(code)).total, notes: '' };
	const envelope = (seq: number, name: string, baseVersion: number, payload: unknown) => ({
		commandId: randomUUID(), seq, name, requestId: survey.id, jobId: survey.jobId, baseVersion, deviceTime: new Date().toISOString(), location: surveyed.location, payload
	});
	const pushed = await request.post('/api/sync/push', {
		headers: crew,
		data: { deviceId: `e2e-admin-${randomUUID()}`, commands: [envelope(1, 'submitSurvey', job.request.version, surveyed), envelope(2, 'submitEstimate', job.request.version + 1, estimate)] }
	});
	const results = ((await pushed.json()) as { results: Array<{ status: string }> }).results;
	expect(results.map((r) => r.status), JSON.stringify(results)).toEqual(['applied', 'applied']);

	// the supervisor reads it priced at today's 165.000 ₫, and cannot open the administration
	const supervisorPage = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
	await logInToConsole(supervisorPage, 'giamsat');
	await expect(supervisorPage.getByTestId('console-nav-admin')).toHaveCount(0);
	await supervisorPage.goto(`/console/requests/${survey.id}`);
	const cbRow = supervisorPage.getByTestId('detail-estimate').locator('tr', { hasText: 'CB-BV-1P-40' });
	await expect(cbRow).toContainText('165.000 ₫');
	await expect(cbRow).not.toContainText('199.000');
	await supervisorPage.goto('/console/admin');
	await expect(supervisorPage.getByTestId('admin-forbidden')).toContainText('Trang quản trị chỉ dành cho quản trị viên');
	await supervisorPage.close();
});

test('the admin creates a unit with its address and representative, then a crew in it; a repeated name is refused in words', async ({ page }) => {
	const mark = randomUUID().slice(0, 4);
	const unit = `Điện lực Thử ${mark}`;
	await logInToConsole(page, 'admin');
	await page.getByTestId('console-nav-admin').click();
	await page.getByRole('tab', { name: 'Tổ đội' }).click();
	const form = page.getByTestId('admin-unit-form');
	await form.getByLabel('Tên đơn vị').fill(unit);
	await form.getByLabel('Địa chỉ đơn vị').fill('Số 9 Phố Huế, Hai Bà Trưng, Hà Nội');
	await form.getByLabel('Người đại diện ký hợp đồng').fill('Phạm Văn Giám Đốc');
	await form.getByRole('button', { name: 'Tạo đơn vị' }).click();
	await expect(page.getByTestId('admin-unit-saved')).toHaveText(`Đã tạo ${unit}. Giờ có thể thêm tổ và giám sát cho đơn vị này.`);
	await expect(page.getByRole('heading', { name: unit })).toBeVisible();

	await page.getByRole('combobox').first().selectOption({ label: unit });
	await page.getByLabel('Tên tổ').first().fill(`Tổ Phố Huế ${mark}`);
	await page.getByRole('button', { name: 'Tạo tổ' }).click();
	const unitTable = page.getByRole('heading', { name: unit }).locator('xpath=following-sibling::table[1]');
	await expect(unitTable.getByRole('textbox', { name: 'Tên tổ' })).toHaveValue(`Tổ Phố Huế ${mark}`);

	await form.getByLabel('Tên đơn vị').fill(unit.toLowerCase());
	await form.getByLabel('Địa chỉ đơn vị').fill('Số 10 Phố Huế, Hà Nội');
	await form.getByLabel('Người đại diện ký hợp đồng').fill('Giám đốc');
	await form.getByRole('button', { name: 'Tạo đơn vị' }).click();
	await expect(page.getByTestId('admin-unit-error')).toContainText(`Đã có đơn vị tên "${unit.toLowerCase()}"`);
});

test('a supervisor reads the price list in force and the VAT rate, with nothing to change', async ({ page, request }) => {
	const list = (await (await request.get('/api/materials')).json()) as { materials: Material[]; vatPercent: number };
	const cable = list.materials.find((mat) => mat.code === 'CU-XLPE-2x6')!;
	await logInToConsole(page, 'giamsat');
	await page.getByTestId('console-nav-prices').click();
	await expect(page).toHaveURL(/\/console\/prices$/);
	await expect(page.getByRole('heading', { name: 'Bảng giá vật tư và thuế VAT đang áp dụng' })).toBeVisible();
	await expect(page.getByTestId('price-list-vat')).toContainText(`${list.vatPercent}`);
	await expect(page.getByTestId('price-list-table').locator(`tr[data-code="${cable.code}"]`)).toContainText(cable.name);
	await expect(page.getByTestId('price-list-table').locator('tr')).toHaveCount(list.materials.length + 1);
	// read-only: no field, no button to set a price
	await expect(page.getByTestId('price-list').getByRole('textbox')).toHaveCount(0);
	await expect(page.getByTestId('price-list').getByRole('spinbutton')).toHaveCount(0);
	await expect(page.getByText('Chỉ quản trị hệ thống được đổi giá.')).toBeVisible();
});

test('the admin creates a crew member, sees the password once, resets it and locks the account; each password works until it is replaced', async ({ page, request }) => {
	const mark = randomUUID().slice(0, 6);
	const admin = await authOf(request, 'admin');
	const crewName = `Tổ Người Dùng ${mark}`;
	const crew = await request.post('/api/admin/crews', { headers: admin, data: { unitId: 'hn', name: crewName } });
	expect(crew.status(), await crew.text()).toBe(201);
	const { id: crewId } = (await crew.json()) as { id: string };
	const logIn = (password: string) => request.post('/api/auth/login', { data: { username: `tho.${mark}`, password } });

	await logInToConsole(page, 'admin');
	await page.getByTestId('console-nav-admin').click();
	await page.getByRole('tab', { name: 'Người dùng' }).click();
	const form = page.getByTestId('admin-user-form');
	await form.getByTestId('admin-user-name').fill(`Trần Văn Thợ ${mark}`);
	await form.getByTestId('admin-user-username').fill(`tho.${mark}`);
	await form.getByTestId('admin-user-role').selectOption({ label: 'Nhân viên tổ đội' });
	// the crew is listed by its name and its unit's
	await expect(form.getByTestId('admin-user-crew').locator(`option[value="${crewId}"]`)).toHaveText(new RegExp(`^${crewName} — `));
	await form.getByTestId('admin-user-crew').selectOption(crewId);
	await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
	const shown = page.getByTestId('admin-password');
	await expect(shown).toContainText(`Mật khẩu của tho.${mark} — chỉ hiện một lần`);
	const first = (await shown.locator('.password').innerText()).trim();
	expect((await logIn(first)).status()).toBe(200);
	const row = page.locator(`[data-testid="admin-user-row"][data-username="tho.${mark}"]`);
	await expect(row).toContainText(`Trần Văn Thợ ${mark}`);

	await row.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
	await expect(shown.locator('.password')).not.toHaveText(first);
	const second = (await shown.locator('.password').innerText()).trim();
	expect((await logIn(first)).status()).toBe(401);
	expect((await logIn(second)).status()).toBe(200);

	await row.getByRole('button', { name: 'Khoá tài khoản' }).click();
	await expect(row.getByRole('button', { name: 'Mở lại tài khoản' })).toBeVisible();
	await expect(row).toContainText('Đã khoá');
	expect((await logIn(second)).status()).toBe(401);
	await expect(page.getByTestId('admin-error')).toHaveCount(0);
});
