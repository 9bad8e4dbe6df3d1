import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deletePositionsBefore, insertPosition } from '../../server/db/positions';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';

describe.each(DRIVERS)('crew positions are kept for a window, then forgotten, on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	it('forgets positions older than the window and keeps the recent ones the map shows', async () => {
		const unitId = (await t.makeUnit()).id;
		const crew = await t.makeCrew({ unitId, name: 'Tổ Vị Trí' });
		await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId });
		const supervisor = await t.login('giamsat');
		const day = 86_400_000;
		const at = (daysAgo: number) => new Date(t.now().getTime() - daysAgo * day);
		for (const [daysAgo, lat] of [[45, 20.9], [31, 20.95], [2, 21.03]] as const) {
			await insertPosition(t.db, { crewId: crew.id, lat, lng: 105.85, accuracyM: 8, source: 'ping', recordedAt: at(daysAgo) });
		}
		expect(await deletePositionsBefore(t.db, at(30))).toBe(2);
		expect(await deletePositionsBefore(t.db, at(30))).toBe(0);
		const map = await t.call('GET', '/api/map', { token: supervisor });
		expect(map.body.crews.find((c: { id: string }) => c.id === crew.id).position).toMatchObject({ lat: 21.03 });
	});
});
