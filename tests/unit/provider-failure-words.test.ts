// What a supervisor reads on "Tin đã gửi" when a provider refuses a message: the provider's name and what went wrong,
// in words; never one of the provider's API field names (ApiKey, RequestId, template_id…), never empty.
import { describe, expect, it } from 'vitest';
import { ESMS_RESULT_CODES } from '../../server/notify/esms';
import { ZALO_ERRORS } from '../../server/notify/zalo-zns';

const API_FIELD = /\b(ApiKey|SecretKey|RequestId|SmsType|Brandname|CodeResult|template_id|tracking_id|access_token)\b|\b[a-z]+[A-Z][A-Za-z]*\b|_/;

describe('provider failure words', () => {
	for (const [provider, table] of [['eSMS', ESMS_RESULT_CODES], ['Zalo', ZALO_ERRORS]] as const) {
		it(`${provider}: every documented code has its words, naming the provider and no API field`, () => {
			expect(Object.keys(table).length).toBeGreaterThan(5);
			for (const [code, { words }] of Object.entries(table)) {
				expect(words, code).toMatch(new RegExp(`^${provider}`));
				expect(words.length, code).toBeGreaterThan(provider.length + 8);
				expect(words.slice(provider.length), code).not.toMatch(API_FIELD);
			}
		});
	}

	it('eSMS: a key problem reads as the account’s keys, and a repeat as already received', () => {
		expect(ESMS_RESULT_CODES['101']!.words).toBe('eSMS: khoá API hoặc khoá bí mật của tài khoản không đúng');
		expect(ESMS_RESULT_CODES['124']).toEqual({ verdict: 'duplicate', words: 'eSMS: tin này đã được nhận trước đó (không gửi lại)' });
	});
});
