// Issue 11, item 5: the utility's countersignature is a PAdES signature over the whole contract PDF, made with the
// unit's certificate (a demo one under DATA_DIR/signing here), after a preview the supervisor reads. Verified with
// poppler's pdfsig (.ci/run installs poppler-utils): the signature is valid, covers the whole document, and a
// changed byte breaks it. The trust chain is not asserted: the demo certificate is self-signed.
import { spawnSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash as hashOf, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { pdfText } from '../support/pdf-text';
import { createTestContext, TEST_WEBHOOK_SECRET, type TestContext } from '../support/factories';
import { command, crewWithSurveyJob, estimatePayloadFor, push, surveyPayloadFor, uploadPhoto } from '../support/field';

const SIGNATURE = {
	imagePng: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	strokes: [[{ x: 10, y: 20, time: 1 }, { x: 30, y: 25, time: 40 }]],
	signerName: 'Trần Thị Mai'
};

const OIDS = { contentType: '1.2.840.113549.1.9.3', messageDigest: '1.2.840.113549.1.9.4', signingTime: '1.2.840.113549.1.9.5', signingCertificateV2: '1.2.840.113549.1.9.16.2.47' };

/** The CMS SignedData in the PDF's /Contents, with its byte range: the signer's certificate and signed attributes. */
function cmsOf(bytes: Uint8Array) {
	const pdf = Buffer.from(bytes);
	const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.toString('latin1'))!.slice(1).map(Number) as [number, number, number, number];
	const hex = pdf.subarray(range[1] + 1, range[2] - 1).toString('latin1');
	// the placeholder is padded with zeros after the DER: keep the outer SEQUENCE (tag, long-form length, content)
	const padded = Buffer.from(hex, 'hex');
	const lengthBytes = padded[1]! & 0x7f;
	const der = padded.subarray(0, 2 + lengthBytes + padded.subarray(2, 2 + lengthBytes).readUIntBE(0, lengthBytes));
	const contentInfo = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
	const children = (node: forge.asn1.Asn1) => node.value as forge.asn1.Asn1[];
	const signedData = children(children(contentInfo)[1]!)[0]!;
	const parts = children(signedData);
	const certificate = Buffer.from(forge.asn1.toDer(children(parts[3]!)[0]!).getBytes(), 'binary');
	const signerInfo = children(parts.at(-1)!)[0]!;
	const attributes = new Map(children(children(signerInfo)[3]!).map((attr) => [forge.asn1.derToOid(children(attr)[0]!.value as string), children(children(attr)[1]!)[0]!]));
	const contentType = forge.asn1.derToOid(children(contentInfo)[0]!.value as string);
	return { range, length: pdf.length, contentType, certificate, attributes, children };
}

/** pdfsig's report of a PDF (it exits non-zero when a signature does not verify: the report is what counts). */
function pdfsig(bytes: Uint8Array): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ht-pdfsig-'));
	try {
		const file = path.join(dir, 'contract.pdf');
		fs.writeFileSync(file, bytes);
		const run = spawnSync('pdfsig', [file], { encoding: 'utf8' });
		if (run.error) throw run.error;
		return `${run.stdout}${run.stderr}`;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

describe.each(DRIVERS)('the utility signs digitally on %s', (driver) => {
	let t: TestContext;
	let supervisor: string;
	beforeEach(async () => {
		t = await createTestContext(driver);
		await t.makeUser({ username: 'giamsat', fullName: 'Lê Văn Giám Sát', role: 'supervisor' });
		supervisor = await t.login('giamsat');
	});
	afterEach(() => t.close());

	const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
	const stateOf = async (id: string) => t.database.withConnection(async (q) => (await q('SELECT state FROM requests WHERE id = $1', [id])).rows[0]!.state);

	/** A request the customer has signed on the portal with the texted code: it waits for the utility. */
	async function customerSigned() {
		const crew = await crewWithSurveyJob(t);
		const survey = surveyPayloadFor({ site: [await uploadPhoto(t, crew.token, 's')], meter: [await uploadPhoto(t, crew.token, 'm')] });
		await push(t, crew.token, 'tablet-pades-01', [command(1, 'submitSurvey', crew.job, 2, survey), command(2, 'submitEstimate', crew.job, 3, estimatePayloadFor(survey))]);
		const owed = (await t.call('GET', '/api/sync/pull', { token: crew.token })).body.jobs[0].request.estimate.customer.total;
		const raw = JSON.stringify({ requestCode: crew.job.code, amount: owed, transactionId: `TX-${crew.job.requestId}` });
		const paid = await t.app.request('/api/payments/webhook', {
			method: 'POST',
			headers: { 'x-signature': createHmac('sha256', TEST_WEBHOOK_SECRET).update(raw).digest('hex') },
			body: raw
		});
		expect(paid.status).toBe(200);
		expect((await t.call('POST', `/api/requests/${crew.job.requestId}/remote-signing`, { token: supervisor })).status).toBe(200);
		const outbox = (await t.outbox(crew.job.requestId)).body.messages as Array<{ kind: string; channel: string; body: string }>;
		const portal = /\/portal\/([A-Za-z0-9_-]+)/.exec(outbox.find((m) => m.kind === 'remote_signing_link' && m.channel === 'sms')!.body)![1]!;
		const page = await t.call('GET', `/api/portal/${portal}`);
		expect((await t.call('POST', `/api/portal/${portal}/code`)).status).toBe(200);
		const sms = ((await t.outbox(crew.job.requestId)).body.messages as typeof outbox).find((m) => m.kind === 'portal_code' && m.channel === 'sms')!;
		const code = /: (\d{6})\./.exec(sms.body)![1]!;
		const signed = await t.call('POST', `/api/portal/${portal}/sign`, { body: { contractSha256: page.body.contract.sha256, code, signature: SIGNATURE } });
		expect(signed.status).toBe(200);
		expect(await stateOf(crew.job.requestId)).toBe('customer_signed');
		return { requestId: crew.job.requestId, code: crew.job.code, portal, crewToken: crew.token, contractSha256: page.body.contract.sha256 as string };
	}

	it('shows the contract as it will be signed, then signs it with PAdES over the whole file; pdfsig finds it valid and a changed byte breaks it', async () => {
		const r = await customerSigned();

		// the preview names the request, the customer, the version and who will sign
		const preview = await t.call('GET', `/api/requests/${r.requestId}/countersign/preview`, { token: supervisor });
		expect(preview.status).toBe(200);
		expect(preview.body).toMatchObject({ requestCode: r.code, version: 1, kind: 'contract', contractSha256: r.contractSha256, supervisorName: 'Lê Văn Giám Sát' });
		expect(preview.body.customerName).toBe('Nguyễn Văn Khách');
		expect(preview.body.certificate).toMatchObject({ commonName: 'Điện lực Hoàn Kiếm (DEMO)', demo: true });
		expect(preview.body.body).toContain('HỢP ĐỒNG DỊCH VỤ DÂY SAU CÔNG TƠ');
		expect(preview.body.signatures.utility.join(' ')).toContain('Đã ký số bởi Điện lực Hoàn Kiếm (DEMO), lúc 23/11/2026 09:00');
		const evidence = (preview.body.evidence as Array<{ vi: string; en: string }>).map((l) => l.vi).join('\n');
		expect(evidence).toContain(`Mã băm SHA-256 của nội dung đã ký: ${r.contractSha256}`);
		// the code went to the customer's phone, shown masked; the portal is where it was typed
		expect(evidence).toContain('Hình thức: ký trực tuyến, qua đường dẫn gửi tới khách hàng.');
		expect(evidence).toMatch(/Mã xác nhận gửi tới số điện thoại 091\*{4}678, nhập trên cổng trực tuyến; máy chủ kiểm tra mã đúng lúc 23\/11\/2026 09:00\./);
		expect(evidence).toContain('Người ký xác nhận thay mặt Điện lực: Lê Văn Giám Sát, lúc 23/11/2026 09:00.');
		expect(preview.body.evidence.map((l: { en: string }) => l.en).join('\n')).toContain('Countersigned for the utility by Lê Văn Giám Sát at 23/11/2026 09:00.');

		// the preview PDF is the file as it will be, not signed yet
		const previewPdf = await t.app.request(`/api/requests/${r.requestId}/countersign/preview.pdf`, bearer(supervisor));
		expect(previewPdf.status).toBe(200);
		const previewBytes = new Uint8Array(await previewPdf.arrayBuffer());
		expect((await pdfText(previewBytes)).join(' ')).toContain('Đã ký số bởi Điện lực Hoàn Kiếm (DEMO)');
		expect(pdfsig(previewBytes)).toContain('does not contain any signatures');
		expect(await stateOf(r.requestId)).toBe('customer_signed');

		// signing: the answer says who signed and when
		const signed = await t.call('POST', `/api/requests/${r.requestId}/countersign`, { token: supervisor });
		expect(signed.status).toBe(200);
		expect(signed.body).toMatchObject({ ok: true, state: 'utility_signed', signedBy: 'Điện lực Hoàn Kiếm (DEMO)', signedAt: '2026-11-23T02:00:00.000Z' });
		expect(signed.body.signedWords.vi).toBe('Đã ký số bởi Điện lực Hoàn Kiếm (DEMO), lúc 23/11/2026 09:00');

		// the served PDF is the signed file, recorded by its SHA-256, the same for the supervisor and the customer
		const served = await t.app.request(`/api/requests/${r.requestId}/contract.pdf`, bearer(supervisor));
		expect(served.status).toBe(200);
		const bytes = new Uint8Array(await served.arrayBuffer());
		const sha = createHash('sha256').update(bytes).digest('hex');
		expect(signed.body.signedPdfSha256).toBe(sha);
		const stored = await t.database.withConnection(async (q) => (await q('SELECT signed_pdf_sha256 FROM contracts WHERE request_id = $1', [r.requestId])).rows[0]!);
		expect(stored.signed_pdf_sha256).toBe(sha);
		const portalBytes = new Uint8Array(await (await t.app.request(`/api/portal/${r.portal}/contract.pdf`)).arrayBuffer());
		expect(createHash('sha256').update(portalBytes).digest('hex')).toBe(sha);
		// time passing changes nothing in the signed file
		t.setNow(new Date('2026-11-23T05:00:00Z'));
		const later = new Uint8Array(await (await t.app.request(`/api/requests/${r.requestId}/contract.pdf`, bearer(supervisor))).arrayBuffer());
		expect(createHash('sha256').update(later).digest('hex')).toBe(sha);

		const report = pdfsig(bytes);
		expect(report).toContain('Signature is Valid');
		expect(report).toContain('Total document signed');
		expect(report).toContain('Điện lực Hoàn Kiếm (DEMO)');
		// PAdES baseline B-B: the CAdES sub-filter, over every byte but the signature's own
		expect(report).toContain('Signature Type: ETSI.CAdES.detached');
		const cms = cmsOf(bytes);
		expect(cms.range[0]).toBe(0);
		expect(cms.range[2] + cms.range[3]).toBe(cms.length);
		expect(cms.contentType).toBe('1.2.840.113549.1.7.2');
		// signed by the unit's certificate, the one the preview named
		const signer = new X509Certificate(cms.certificate);
		expect(signer.subject).toContain('CN=Điện lực Hoàn Kiếm (DEMO)');
		// signed attributes: content-type, message-digest and signing-certificate-v2; the time is the dictionary's /M
		expect([...cms.attributes.keys()].sort()).toEqual([OIDS.contentType, OIDS.messageDigest, OIDS.signingCertificateV2].sort());
		expect(cms.attributes.has(OIDS.signingTime)).toBe(false);
		expect(Buffer.from(bytes).toString('latin1')).toMatch(/\/M \(D:20261123/);
		// SigningCertificateV2 { certs { ESSCertIDv2 { certHash (SHA-256, the default algorithm), issuerSerial } } }
		const essCertId = cms.children(cms.children(cms.attributes.get(OIDS.signingCertificateV2)!)[0]!)[0]!;
		const [certHash, issuerSerial] = cms.children(essCertId);
		expect(Buffer.from(certHash!.value as string, 'binary').toString('hex')).toBe(hashOf('sha256').update(cms.certificate).digest('hex'));
		const serial = cms.children(issuerSerial!)[1]!;
		expect(forge.util.bytesToHex(serial.value as string).replace(/^00/, '').toUpperCase()).toBe(signer.serialNumber.replace(/^00/, '').toUpperCase());

		const text = (await pdfText(bytes)).join(' ');
		expect(text).toContain('Trần Thị Mai');
		// the signature block under the contract says who signed digitally and when (wrapped in its column)
		expect(text).toMatch(/Đã ký số bởi Điện lực Hoàn Kiếm \(DEMO\), lúc\s+23\/11\/2026 09:00/);
		// the evidence page is one page, the last: the hash, how the customer signed, the certificate
		const last = (await pdfText(bytes)).at(-1)!;
		expect(last).toContain(r.contractSha256);
		expect(last).toContain('trực tuyến');
		expect(last).toContain('Chữ ký số (PAdES) bằng chứng thư số của: Điện lực Hoàn Kiếm (DEMO)');
		expect(text).toContain('chứng thư số thử nghiệm (DEMO)');

		// one changed byte inside the signed range: the signature no longer verifies
		const tampered = new Uint8Array(bytes);
		const at = Buffer.from(tampered).indexOf('/Producer');
		expect(at).toBeGreaterThan(0);
		tampered[at + 1] = 'Q'.charCodeAt(0);
		const broken = pdfsig(tampered);
		expect(broken).not.toContain('Signature is Valid');
		expect(broken).toMatch(/Digest Mismatch|Signature is Invalid/);
	});

	it('only the supervisors of the unit (and admins) preview; before the customer signs there is nothing to countersign', async () => {
		const r = await customerSigned();
		const preview = (token?: string) => t.call('GET', `/api/requests/${r.requestId}/countersign/preview`, token ? { token } : {});
		expect((await preview()).status).toBe(401);
		expect((await preview(r.crewToken)).status).toBe(403);
		const elsewhere = await t.makeUnit({ name: 'Điện lực Cầu Giấy' });
		await t.makeUser({ username: 'giamsat2', role: 'supervisor', unitId: elsewhere.id });
		expect((await preview(await t.login('giamsat2'))).status).toBe(404);
		await t.makeUser({ username: 'quantri', role: 'admin' });
		expect((await preview(await t.login('quantri'))).status).toBe(200);
		expect((await t.app.request(`/api/requests/${r.requestId}/countersign/preview.pdf`, bearer(await t.login('giamsat2')))).status).toBe(404);

		expect((await t.call('POST', `/api/requests/${r.requestId}/countersign`, { token: supervisor })).status).toBe(200);
		const again = await preview(supervisor);
		expect(again.status).toBe(409);
		expect(again.body.error.message).toBe(`Yêu cầu ${r.code} chưa chờ Điện lực ký: khách hàng cần ký hợp đồng trước`);
	});
});
