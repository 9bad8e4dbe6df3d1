// Issue 11 items 2–3 on the tablet: the addendum for what was installed rendered offline (same text and SHA-256 as
// the server's), and a signature whose code passed only the check digit shown as awaiting the code, never as signed.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { effectiveJob } from '$lib/client/optimistic';
import type { OutboxCommand } from '$lib/client/store';
import type { JobView } from '$lib/domain/api';
import { priceEstimate } from '$lib/domain/estimate';
import { installedContractOnTablet } from '$lib/domain/field-commands/record-installation';
import { installedContract, isInstalledContractBody } from '$lib/domain/installed-contract';
import { sha256Text } from '$lib/domain/installed-contract-sha256';
import { findMaterial } from '$lib/domain/materials';
import { signingCodeFrom } from '$lib/domain/signing-code';
import { makeJob, SHA_A, SHA_B, SHA_C } from './client-fixtures';

const LINES = [
	{ code: 'CB-BV-1P-40', quantity: 1 },
	{ code: 'CU-XLPE-2x6', quantity: 30 },
	{ code: 'NC-KEO-DAY', quantity: 30 }
];
const estimate = { ...priceEstimate(LINES), notes: '', submittedAt: '2026-11-20T02:00:00.000Z' };
const CONTRACT = { version: 1, sha256: 'f'.repeat(64), body: 'HỢP ĐỒNG…', draftedAt: '2026-11-21T02:00:00.000Z' };
const DEVICE_TIME = '2026-11-23T09:30:00.000+07:00';

function installationJob(): JobView {
	const job = makeJob('j1', { kind: 'installation' });
	return { ...job, request: { ...job.request, state: 'contract_drafted', version: 6, estimate, contract: CONTRACT } };
}

const installation = (cable: number) => ({
	materials: LINES.map((l) => (l.code === 'CU-XLPE-2x6' ? { ...l, quantity: cable } : l)),
	meterSerial: 'PC-2026-118',
	meterReadingKwh: 12.5,
	meterPhoto: SHA_A,
	sealNumbers: ['NP-001'],
	beforePhotos: [SHA_B],
	afterPhotos: [SHA_C],
	notes: '',
	abnormalConfirmPhoto: null
});

function command(seq: number, name: OutboxCommand['name'], baseVersion: number, payload: unknown, status: OutboxCommand['status'] = 'pending'): OutboxCommand {
	return { commandId: `c${seq}`, seq, name, jobId: 'j1', requestId: 'req-j1', baseVersion, deviceTime: DEVICE_TIME, location: null, payload, status, createdAt: '2026-11-23T02:30:00.000Z', attempts: 0 };
}

describe('the contract for what was installed', () => {
	it('hashes text as SHA-256 of its UTF-8 bytes, as the server does', () => {
		for (const text of ['', 'abc', 'Hợp đồng dây sau công tơ – 32 m', 'x'.repeat(1000)]) {
			expect(sha256Text(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
		}
	});

	it('32 m of cable against 30 m: an addendum lists the installed materials, the difference and the extra owed', () => {
		const addendum = installedContract({
			requestCode: 'YC-1',
			customerName: 'Nguyễn Văn Khách',
			base: { version: 1, sha256: CONTRACT.sha256 },
			contracted: estimate,
			installed: installation(32).materials,
			installedAt: new Date(DEVICE_TIME),
			lookup: findMaterial
		})!;
		expect(addendum.version).toBe(2);
		expect(addendum.delta).toBeGreaterThan(0);
		expect(addendum.body).toContain('PHỤ LỤC HỢP ĐỒNG');
		expect(addendum.body).toContain('theo hợp đồng 30 m, đã thi công 32 m (+2)');
		expect(addendum.body).toContain(`Bên B thanh toán thêm: ${new Intl.NumberFormat('vi-VN').format(addendum.delta)} đồng`);
		expect(addendum.body).toContain('Ngày lập: 23/11/2026');
		expect(isInstalledContractBody(addendum.body)).toBe(true);
	});

	it('nothing differs: no addendum, the contract itself is signed', () => {
		expect(installedContractOnTablet(installationJob().request, installation(30), DEVICE_TIME, findMaterial)).toBeNull();
	});

	it('the tablet shows the addendum to sign as soon as the installation is recorded, offline', () => {
		const view = effectiveJob(installationJob(), [command(1, 'recordInstallation', 6, installation(32))]);
		expect(view.request.installed).toBe(true);
		expect(view.request.contract).toMatchObject({ version: 2, draftedAt: DEVICE_TIME });
		expect(view.request.contract!.sha256).toBe(createHash('sha256').update(view.request.contract!.body, 'utf8').digest('hex'));
	});
});

describe('a signature whose code passed only the check digit', () => {
	const sign = (version: number, sha: string) => ({ contractVersion: version, contractSha256: sha, code: signingCodeFrom('12345'), signature: { imagePng: 'data:image/png;base64,AA', strokes: [[{ x: 1, y: 1, time: 0 }]], signerName: 'Khách' } });

	it('reads as awaiting the code, not as signed, while pending; signed once the server applied it', () => {
		const pending = effectiveJob(installationJob(), [command(1, 'signOnSite', 6, sign(1, CONTRACT.sha256))]);
		expect(pending.request.awaitingCode).toBe(true);
		expect(pending.request.state).toBe('contract_drafted');
		expect(pending.request.version).toBe(7);
		const applied = effectiveJob(installationJob(), [command(1, 'signOnSite', 6, sign(1, CONTRACT.sha256), 'applied')]);
		expect(applied.request.awaitingCode).toBeUndefined();
		expect(applied.request.state).toBe('customer_signed');
	});

	it('refused by the server (a wrong code): signing on site stays open', () => {
		const rejected = effectiveJob(installationJob(), [command(1, 'signOnSite', 6, sign(1, CONTRACT.sha256), 'rejected')]);
		expect(rejected.request.state).toBe('contract_drafted');
		expect(rejected.request.awaitingCode).toBeUndefined();
		expect(rejected.rejected).toHaveLength(1);
	});
});
