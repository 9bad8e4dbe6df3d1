import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';

describe.each(DRIVERS)('the meter register fills a meter-service intake on %s', (driver) => {
	let t: TestContext;
	let supervisor: string;
	let unitId: string;
	beforeEach(async () => {
		t = await createTestContext(driver);
		unitId = (await t.makeUnit()).id;
		await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId });
		supervisor = await t.login('giamsat');
	});
	afterEach(() => t.close());

	it('gives the meter’s customer with phone, email and address to the supervisor of its unit only', async () => {
		const customer = await t.makeCustomer({ fullName: 'Đỗ Thị Mai', phone: '0987654321', email: 'mai@example.vn' });
		await t.makeMeter({ serial: 'CT-SO-0001', unitId, customerId: customer.id });
		const found = await t.call('GET', '/api/meters/CT-SO-0001', { token: supervisor });
		expect(found.status).toBe(200);
		expect(found.body.customer).toMatchObject({ name: 'Đỗ Thị Mai', phone: '0987654321', email: 'mai@example.vn', address: customer.address });
		expect(found.body.customer.address).toBeTruthy();

		const otherUnit = (await t.makeUnit()).id;
		await t.makeMeter({ serial: 'CT-SO-0002', unitId: otherUnit });
		const hidden = await t.call('GET', '/api/meters/CT-SO-0002', { token: supervisor });
		expect(hidden.status).toBe(404);
		expect(hidden.body.error.message).not.toMatch(/[{}]/);
	});
});
