// ZNS templates are checked when the server starts: a wrong notice name or id stops it with a clear message.
import { describe, expect, it } from 'vitest';
import { loadNotifyConfig, znsTemplates } from '../../server/notify/config';

const zalo = { NOTIFY_ZALO: 'zns', ZALO_APP_ID: '1', ZALO_APP_SECRET: 's', ZALO_REFRESH_TOKEN: 'r', ZALO_OA_SECRET_KEY: 'k' };

describe('ZALO_ZNS_TEMPLATES', () => {
	it('takes notice kinds with numeric template ids', () => {
		expect(znsTemplates('{"visit_rescheduled":"248113","payment_due":248114}')).toEqual({ visit_rescheduled: '248113', payment_due: '248114' });
		expect(loadNotifyConfig({ ...zalo, ZALO_ZNS_TEMPLATES: '{"survey_scheduled":"1"}' }, 'http://x').settings.znsTemplates).toEqual({ survey_scheduled: '1' });
	});
	it('stops the start on an unknown notice, a code notice, a bad id or bad JSON', () => {
		expect(() => znsTemplates('{"visit_moved":"248113"}')).toThrow(/"visit_moved", which is not a notice this server sends/);
		expect(() => znsTemplates('{"contract_code":"248113"}')).toThrow(/never by Zalo/);
		expect(() => znsTemplates('{"visit_rescheduled":"abc"}')).toThrow(/numeric template id/);
		expect(() => znsTemplates('{"visit_rescheduled":null}')).toThrow(/numeric template id/);
		expect(() => znsTemplates('[1]')).toThrow(/JSON object/);
		expect(() => znsTemplates('{oops')).toThrow(/not JSON/);
		expect(() => loadNotifyConfig({ ...zalo, ZALO_ZNS_TEMPLATES: '{"nope":"1"}' }, 'http://x')).toThrow(/nope/);
	});
});
