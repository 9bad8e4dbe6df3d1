import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../server/auth/password';

describe('password hashes', () => {
	it('are made at the product cost unless told otherwise, and a hash keeps the cost it was made with', async () => {
		const product = await hashPassword('hientruong');
		expect(product.split('$').slice(0, 4)).toEqual(['scrypt', '16384', '8', '1']);
		const cheap = await hashPassword('hientruong', { N: 1024, r: 8, p: 1 });
		expect(cheap.split('$').slice(0, 4)).toEqual(['scrypt', '1024', '8', '1']);
		for (const stored of [product, cheap]) {
			expect(await verifyPassword('hientruong', stored)).toBe(true);
			expect(await verifyPassword('hientruong ', stored)).toBe(false);
		}
	});

	it('checks the password as typed in either Unicode form (NFC), and refuses a hash of another scheme', async () => {
		const stored = await hashPassword('mật khẩu', { N: 1024, r: 8, p: 1 });
		expect(await verifyPassword('mật khẩu'.normalize('NFD'), stored)).toBe(true);
		expect(await verifyPassword('mật khẩu', stored.replace(/^scrypt/, 'bcrypt'))).toBe(false);
	});
});
