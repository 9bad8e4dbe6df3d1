import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from './support';

test('after ten wrong passwords the login page says, in Vietnamese or English, how many minutes to wait', async ({ page, request }) => {
	// an account nobody else uses: the lockout must not reach the other specs' demo accounts
	const username = 'khong.ton.tai';
	for (let i = 0; i < 10; i++) {
		expect((await request.post('/api/auth/login', { data: { username, password: `sai-${i}` } })).status()).toBe(401);
	}
	await page.goto('/login');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page.getByTestId('login-error')).toHaveText('Đăng nhập sai quá nhiều lần, vui lòng thử lại sau 5 phút');
	await page.getByTestId('language-switch').click();
	await expect(page.getByTestId('login-error')).toHaveText('Too many failed logins. Please try again in 5 min.');
});
