// The utility's signing certificate: from config (a PKCS#12 file and its passphrase), or a self-signed demo
// certificate per unit, made once under DATA_DIR/signing and reused after a restart, its subject naming the unit as DEMO.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSPHRASE, demoCertificatePath, forgetLoadedCertificates, makeDemoP12, utilityCertificate } from '../../server/services/utility-certificate';

const NOW = new Date('2026-11-23T02:00:00Z');
const dirs: string[] = [];
const tempDir = () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ht-cert-'));
	dirs.push(dir);
	return dir;
};
afterEach(() => {
	forgetLoadedCertificates();
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the utility signing certificate', () => {
	it('makes a demo certificate per unit once, names the unit and DEMO, and reuses it after a restart', async () => {
		const demoDir = path.join(tempDir(), 'signing');
		const unit = { id: 'unit-ba-dinh', name: 'Điện lực Ba Đình' };
		const first = await utilityCertificate({ demoDir }, unit, NOW);
		expect(first).toMatchObject({ commonName: 'Điện lực Ba Đình (DEMO)', organization: 'Chứng thư thử nghiệm Hiện Trường - không có giá trị pháp lý', demo: true });
		expect(first.subject).toContain('C=VN');
		expect(first.validTo.getTime()).toBeGreaterThan(NOW.getTime() + 9 * 365 * 24 * 3_600_000);
		const file = demoCertificatePath(demoDir, unit.id);
		expect(fs.existsSync(file)).toBe(true);
		expect(fs.statSync(file).mode & 0o077).toBe(0);

		forgetLoadedCertificates(); // a restart: the file is read again, not made again
		const again = await utilityCertificate({ demoDir }, unit, NOW);
		expect(again.fingerprint).toBe(first.fingerprint);

		const other = await utilityCertificate({ demoDir }, { id: 'unit-cau-giay', name: 'Điện lực Cầu Giấy' }, NOW);
		expect(other.commonName).toBe('Điện lực Cầu Giấy (DEMO)');
		expect(other.fingerprint).not.toBe(first.fingerprint);
	}, 30_000);

	it('uses the configured PKCS#12 for every unit, and refuses a wrong passphrase or a missing file in words', async () => {
		const dir = tempDir();
		const p12Path = path.join(dir, 'utility.p12');
		fs.writeFileSync(p12Path, makeDemoP12('Tổng công ty Điện lực TP Hà Nội', NOW));
		const configured = await utilityCertificate({ p12Path, passphrase: DEMO_PASSPHRASE, demoDir: path.join(dir, 'signing') }, { id: 'u', name: 'Điện lực Ba Đình' }, NOW);
		expect(configured).toMatchObject({ commonName: 'Tổng công ty Điện lực TP Hà Nội (DEMO)', demo: false });
		expect(fs.existsSync(path.join(dir, 'signing'))).toBe(false);

		await expect(utilityCertificate({ p12Path: path.join(dir, 'other.p12'), passphrase: 'x', demoDir: dir }, { id: 'u', name: '' }, NOW)).rejects.toThrow(
			/Không đọc được tệp chứng thư số của Điện lực .*UTILITY_SIGNING_P12/
		);
		const wrongDir = tempDir();
		const wrong = path.join(wrongDir, 'utility.p12');
		fs.copyFileSync(p12Path, wrong);
		await expect(utilityCertificate({ p12Path: wrong, passphrase: 'sai-mat-khau', demoDir: dir }, { id: 'u', name: '' }, NOW)).rejects.toThrow(
			'Không mở được chứng thư số của Điện lực: tệp PKCS#12 hỏng hoặc sai mật khẩu (UTILITY_SIGNING_PASSPHRASE)'
		);
	}, 30_000);
});
