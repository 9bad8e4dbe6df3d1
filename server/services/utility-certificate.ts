// The utility's signing certificate (issue 11, item 5): a PKCS#12 file from config (UTILITY_SIGNING_P12 and
// UTILITY_SIGNING_PASSPHRASE), or, when none is configured (demo, tests), a self-signed demo certificate per unit,
// made once with node-forge under DATA_DIR/signing and reused after a restart. Its subject names the unit and says DEMO.
import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { m } from '../../src/lib/paraglide/messages.js';
import { readP12, type P12Contents } from '../pdf/p12-signer';
import { DomainError } from './domain-error';
import { both } from '../../src/lib/text';

export interface UtilitySigningConfig {
	/** The utility's PKCS#12 file (certificate and private key); unset: a demo certificate per unit. */
	p12Path?: string;
	passphrase?: string;
	/** Where demo certificates are kept (DATA_DIR/signing). */
	demoDir: string;
}

export interface UtilityCertificate {
	p12: Buffer;
	passphrase: string;
	/** The key and certificates, read once per process. */
	keys: P12Contents;
	/** The subject's common name, e.g. "Điện lực Ba Đình (DEMO)": who signed, in words. */
	commonName: string;
	/** The organisation of the subject, when it has one. */
	organization: string | null;
	/** The whole subject, one attribute per line as Node prints it. */
	subject: string;
	demo: boolean;
	validTo: Date;
	/** SHA-256 fingerprint of the certificate, colon-separated hex. */
	fingerprint: string;
}

/** The demo passphrase: a demo certificate protects nothing (its subject says so); a real one comes from config. */
export const DEMO_PASSPHRASE = 'hientruong-demo';
const DEMO_YEARS = 10;
const vi = { locale: 'vi' } as const;

const loaded = new Map<string, Promise<UtilityCertificate>>();

/** The certificate the unit's countersignatures are made with (loaded once per file and process). */
export function utilityCertificate(config: UtilitySigningConfig, unit: { id: string; name: string }, now: Date): Promise<UtilityCertificate> {
	const file = config.p12Path ? path.resolve(config.p12Path) : demoCertificatePath(config.demoDir, unit.id);
	let found = loaded.get(file);
	if (!found) {
		found = config.p12Path ? readConfiguredCertificate(file, config.passphrase ?? '') : demoCertificate(file, unit.name, now);
		loaded.set(file, found);
		found.catch(() => loaded.delete(file));
	}
	return found;
}

/** Forgets what this process loaded, as a restart would (tests). */
export function forgetLoadedCertificates() {
	loaded.clear();
}

/** The configured PKCS#12, checked at start-up: a wrong path or passphrase stops the server with words, not at the first countersignature. */
export async function checkConfiguredCertificate(config: UtilitySigningConfig): Promise<UtilityCertificate | null> {
	if (!config.p12Path) return null;
	return utilityCertificate(config, { id: '', name: '' }, new Date());
}

export function demoCertificatePath(demoDir: string, unitId: string): string {
	const slug = unitId.replace(/[^a-zA-Z0-9-]/g, '').slice(0, 40);
	const digest = createHash('sha256').update(unitId).digest('hex').slice(0, 12);
	return path.join(demoDir, `demo-${slug}-${digest}.p12`);
}

async function readConfiguredCertificate(file: string, passphrase: string): Promise<UtilityCertificate> {
	let bytes: Buffer;
	try {
		bytes = fs.readFileSync(file);
	} catch {
		throw new DomainError('not_configured', both(m.server_refusal_signing_certificate_missing, { file }));
	}
	return describe(bytes, passphrase, false);
}

function describe(p12: Buffer, passphrase: string, demo: boolean): UtilityCertificate {
	let keys: P12Contents;
	try {
		keys = readP12(p12, passphrase);
	} catch {
		throw new DomainError('not_configured', both(m.server_refusal_signing_certificate_unreadable));
	}
	const pem = forge.pki.certificateToPem(keys.certificate);
	// Node reads the subject's UTF-8 strings as text (forge leaves them as bytes)
	const x509 = new X509Certificate(pem);
	const field = (name: string) => x509.subject.split('\n').find((line) => line.startsWith(`${name}=`))?.slice(name.length + 1) ?? null;
	return {
		p12,
		passphrase,
		keys,
		commonName: field('CN') ?? x509.subject,
		organization: field('O'),
		subject: x509.subject,
		demo,
		validTo: new Date(x509.validTo),
		fingerprint: x509.fingerprint256
	};
}

async function demoCertificate(file: string, unitName: string, now: Date): Promise<UtilityCertificate> {
	if (!fs.existsSync(file)) writeOnce(file, makeDemoP12(unitName, now));
	return describe(fs.readFileSync(file), DEMO_PASSPHRASE, true);
}

/** A self-signed certificate naming the unit, marked as a demo in its subject. */
export function makeDemoP12(unitName: string, now: Date): Buffer {
	// node:crypto makes the RSA key natively (node-forge's pure-JS key generation takes seconds)
	const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const privateKey = forge.pki.privateKeyFromPem(pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
	const cert = forge.pki.createCertificate();
	cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString());
	cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
	cert.validity.notBefore = new Date(now.getTime() - 24 * 3_600_000);
	cert.validity.notAfter = new Date(now.getTime() + DEMO_YEARS * 365 * 24 * 3_600_000);
	const utf8 = forge.asn1.Type.UTF8;
	const subject = [
		{ name: 'commonName', value: m.server_pdf_demo_certificate_name({ unit: unitName || m.server_pdf_demo_certificate_unit({}, vi) }, vi), valueTagClass: utf8 },
		{ name: 'organizationName', value: m.server_pdf_demo_certificate_org({}, vi), valueTagClass: utf8 },
		{ name: 'countryName', value: 'VN' }
	];
	cert.setSubject(subject as forge.pki.CertificateField[]);
	cert.setIssuer(subject as forge.pki.CertificateField[]);
	cert.setExtensions([
		{ name: 'basicConstraints', cA: false },
		{ name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
		{ name: 'subjectKeyIdentifier' }
	]);
	cert.sign(privateKey, forge.md.sha256.create());
	const asn1 = forge.pkcs12.toPkcs12Asn1(privateKey, [cert], DEMO_PASSPHRASE, { algorithm: '3des', friendlyName: 'utility-demo' });
	return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** Writes the file unless another process wrote it first (a hard link fails on an existing name): one certificate wins. */
function writeOnce(file: string, bytes: Buffer) {
	fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
	const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
	fs.writeFileSync(temp, bytes, { mode: 0o600 });
	try {
		fs.linkSync(temp, file);
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
	} finally {
		fs.rmSync(temp, { force: true });
	}
}
