import { describe, expect, it } from 'vitest';
import { documentBytes, isCompressiblePhoto } from '../../src/lib/console/document-photo';
import { EMPTY_INTAKE } from '../../src/lib/console/intake';
import { lookUpMeterCustomer, withRegisterCustomer } from '../../src/lib/console/intake-meter';

const register = {
	meter: { serial: 'HN-CT-0007', phases: 1, type: 'mechanical', registerDigits: 6, installedAt: '2025-01-01T00:00:00Z', removedAt: null },
	customer: { id: 'kh-1', name: 'Đỗ Thị Mai', phone: '0987654321', email: 'mai@example.vn', address: 'Số 8 Lý Thái Tổ, Hoàn Kiếm' },
	readings: []
};

describe('a meter-service intake filled from the register', () => {
	it('fills name, phone, email and address from the meter’s customer', async () => {
		const fetchFn = (async () => new Response(JSON.stringify(register), { status: 200 })) as unknown as typeof fetch;
		const found = await lookUpMeterCustomer('HN-CT-0007', fetchFn);
		expect(found).toEqual({ ok: true, customer: { name: 'Đỗ Thị Mai', phone: '0987654321', email: 'mai@example.vn', address: 'Số 8 Lý Thái Tổ, Hoàn Kiếm' } });
		if (!found.ok) return;
		const form = withRegisterCustomer({ ...EMPTY_INTAKE, serviceNumber: 41, meterSerial: 'HN-CT-0007', email: 'typed@example.vn' }, { ...found.customer, email: '' });
		expect(form).toMatchObject({ name: 'Đỗ Thị Mai', phone: '0987654321', email: 'typed@example.vn', address: 'Số 8 Lý Thái Tổ, Hoàn Kiếm', meterSerial: 'HN-CT-0007' });
	});

	it('says when the register has no such meter, or cannot be reached', async () => {
		const missing = (async () => new Response(JSON.stringify({ error: { code: 'not_found', message: 'Không tìm thấy công tơ' } }), { status: 404 })) as unknown as typeof fetch;
		expect(await lookUpMeterCustomer('X', missing)).toEqual({ ok: false, reason: 'not_found', message: 'Không tìm thấy công tơ' });
		const offline = (async () => {
			throw new TypeError('Failed to fetch');
		}) as unknown as typeof fetch;
		expect(await lookUpMeterCustomer('X', offline)).toMatchObject({ ok: false, reason: 'failed' });
	});
});

describe('intake document photos', () => {
	it('compresses photos, never PDFs, and sends a small file as it is', async () => {
		expect(isCompressiblePhoto({ type: 'image/jpeg' })).toBe(true);
		expect(isCompressiblePhoto({ type: 'image/png' })).toBe(true);
		expect(isCompressiblePhoto({ type: 'application/pdf' })).toBe(false);
		const pdf = new File([new Uint8Array(2_000_000)], 'so-do.pdf', { type: 'application/pdf' });
		const kept = await documentBytes(pdf);
		expect(kept).toMatchObject({ type: 'application/pdf', compressed: false });
		expect(kept.bytes.byteLength).toBe(2_000_000);
	});
});
