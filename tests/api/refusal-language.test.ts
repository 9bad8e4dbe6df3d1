// A refusal in the reader's language: the error body's `message` and `fields` follow Accept-Language (Vietnamese when
// the header is absent or names no language the catalog speaks), and `text` / `fieldTexts` carry both languages, so a
// page can follow its own language switch. Fields are named in words, never by their names.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { buildOpenApiDocument } from '../../server/app';

const EN = { 'accept-language': 'en-US,en;q=0.9,vi;q=0.5' };

describe.each(DRIVERS)('refusals in the reader’s language on %s', (driver) => {
	let t: TestContext;
	let unitId: string;
	let admin: string;
	beforeEach(async () => {
		t = await createTestContext(driver);
		unitId = (await t.makeUnit({ name: 'Điện lực Ba Đình' })).id;
		await t.makeUser({ username: 'quantri', role: 'admin', crewId: null, fullName: 'Trần Quản Trị' });
		admin = await t.login('quantri');
	});
	afterEach(() => t.close());

	it('a crew member without a crew: Vietnamese by default, English when asked, both languages always', async () => {
		const body = { fullName: 'Người Khác', username: 'khac', role: 'crew', unitId };
		const vi = await t.call('POST', '/api/admin/users', { token: admin, body });
		const en = await t.call('POST', '/api/admin/users', { token: admin, body, headers: EN });
		expect(vi.status).toBe(400);
		expect(en.status).toBe(400);
		const both = { vi: 'Nhân viên tổ đội phải thuộc một tổ', en: 'A crew member must belong to a crew' };
		expect(vi.body.error).toEqual({ code: 'invalid_input', message: both.vi, text: both, fields: { crewId: 'Chọn tổ' }, fieldTexts: { crewId: { vi: 'Chọn tổ', en: 'Choose a crew' } } });
		expect(en.body.error).toEqual({ code: 'invalid_input', message: both.en, text: both, fields: { crewId: 'Choose a crew' }, fieldTexts: { crewId: { vi: 'Chọn tổ', en: 'Choose a crew' } } });
		// a language the catalog does not speak reads Vietnamese
		const fr = await t.call('POST', '/api/admin/users', { token: admin, body, headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
		expect(fr.body.error.message).toBe(both.vi);
	});

	it('a wrong sign-in and a request that is not JSON, in both languages', async () => {
		const login = { username: 'quantri', password: 'sai-mat-khau' };
		const wrongVi = await t.call('POST', '/api/auth/login', { body: login });
		const wrongEn = await t.call('POST', '/api/auth/login', { body: login, headers: { 'accept-language': 'en' } });
		expect(wrongVi.status).toBe(401);
		expect(wrongVi.body.error.message).toBe('Sai tên đăng nhập hoặc mật khẩu');
		expect(wrongEn.body.error.message).toBe('Wrong username or password');
		expect(wrongVi.body.error.text).toEqual({ vi: 'Sai tên đăng nhập hoặc mật khẩu', en: 'Wrong username or password' });

		const badVi = await t.call('POST', '/api/auth/login', { rawBody: '{"username": ' });
		const badEn = await t.call('POST', '/api/auth/login', { rawBody: '{"username": ', headers: EN });
		expect(badVi.status).toBe(400);
		expect(badVi.body.error).toEqual({ code: 'bad_request', message: 'Nội dung gửi lên không đúng định dạng JSON', text: { vi: 'Nội dung gửi lên không đúng định dạng JSON', en: 'The data sent is not valid JSON' } });
		expect(badEn.body.error.message).toBe('The data sent is not valid JSON');
	});

	it('a form field refused by its schema is named in words in the reader’s language', async () => {
		const res = await t.call('POST', '/api/admin/users', { token: admin, body: { fullName: '', username: 'khac', role: 'supervisor', unitId }, headers: EN });
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('invalid_input');
		expect(res.body.error.message).toMatch(/^Invalid data: /);
		expect(res.body.error.text.vi).toMatch(/^Dữ liệu không hợp lệ: /);
		// the field is named in words, not by its name
		expect(res.body.error.message).not.toContain('fullName');
		expect(res.body.error.text.vi).not.toContain('fullName');
		expect(Object.keys(res.body.error.fieldTexts)).toEqual(['fullName']);
		// the schema's own words, from the catalog, in both languages (no Vietnamese left in the English answer)
		expect(res.body.error.fieldTexts.fullName).toEqual({ vi: 'Nhập họ tên (ít nhất 2 ký tự)', en: 'Enter the full name (at least 2 characters)' });
		expect(res.body.error.fields.fullName).toBe('Enter the full name (at least 2 characters)');
		// another form's limit, in both languages
		const vat = await t.call('POST', '/api/admin/vat', { token: admin, body: { percent: 30, effectiveFrom: '2027-01-01' }, headers: EN });
		expect(vat.status).toBe(400);
		expect(Object.values(vat.body.error.fieldTexts)).toContainEqual({ vi: 'Thuế suất tối đa 20%', en: 'The VAT rate is at most 20%' });
	});

	it('the OpenAPI document describes both languages of a refusal', () => {
		const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: { properties: { error: { properties: Record<string, unknown> } } } }> }> }>> };
		const refusal = doc.paths['/api/admin/users']!.post!.responses['400']!.content['application/json']!.schema;
		expect(Object.keys(refusal.properties.error.properties)).toEqual(['code', 'message', 'text', 'fields', 'fieldTexts']);
	});
});
