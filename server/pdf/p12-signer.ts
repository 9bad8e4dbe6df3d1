// The PKCS#7 (CAdES detached) signer of the contract PDF, from a PKCS#12 file. It is @signpdf/signer-p12's P12Signer
// with one fix: node-forge reads a certificate's UTF-8 names as raw bytes and encodes them again when it writes the
// signer's issuer, so a Vietnamese issuer ("Điện lực …") no longer matches the certificate and verifiers (pdfsig)
// report "Unknown Validation Failure". The names are decoded before signing; the certificate itself is embedded as read.
import { Signer } from '@signpdf/signpdf';
import forge from 'node-forge';

type Attribute = { valueTagClass?: number; value?: unknown };

/** forge keeps UTF8String values as their UTF-8 bytes; text is what it expects when it writes them. */
function decodeUtf8Names(attributes: Attribute[]) {
	for (const attribute of attributes) {
		if (attribute.valueTagClass === forge.asn1.Type.UTF8 && typeof attribute.value === 'string') attribute.value = forge.util.decodeUtf8(attribute.value);
	}
}

/** The private key and certificates of a PKCS#12 file, read once (node-forge's key derivation is slow in pure JS). */
export interface P12Contents {
	privateKey: forge.pki.rsa.PrivateKey;
	/** The certificate whose public key matches the private key. */
	certificate: forge.pki.Certificate;
	/** Every certificate of the file (the chain, when the file holds one). */
	certificates: forge.pki.Certificate[];
}

export function readP12(p12: Buffer, passphrase: string): P12Contents {
	const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, passphrase);
	const certificates = (parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).flatMap((bag) => (bag.cert ? [bag.cert] : []));
	const keyBags = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? [];
	const privateKey = keyBags[0]?.key as forge.pki.rsa.PrivateKey | undefined;
	if (!privateKey) throw new Error('The PKCS#12 file holds no private key');
	const certificate = certificates.find((cert) => {
		const publicKey = cert.publicKey as forge.pki.rsa.PublicKey;
		return privateKey.n.compareTo(publicKey.n) === 0 && privateKey.e.compareTo(publicKey.e) === 0;
	});
	if (!certificate) throw new Error('No certificate in the PKCS#12 file matches its private key');
	// the signer's issuer is written from these names: as text, so forge writes the bytes the certificate has
	decodeUtf8Names(certificate.issuer.attributes as Attribute[]);
	return { privateKey, certificate, certificates };
}

export class UtilityP12Signer extends Signer {
	readonly #contents: P12Contents;

	constructor(contents: P12Contents) {
		super();
		this.#contents = contents;
	}

	async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
		const { privateKey, certificate, certificates } = this.#contents;
		const p7 = forge.pkcs7.createSignedData();
		p7.content = forge.util.createBuffer(pdfBuffer.toString('binary'));
		for (const cert of certificates) p7.addCertificate(cert);
		p7.addSigner({
			key: privateKey,
			certificate,
			digestAlgorithm: forge.pki.oids.sha256,
			// the order matters for EU (DSS) validation, as in P12Signer
			authenticatedAttributes: [
				{ type: forge.pki.oids.contentType, value: forge.pki.oids.data },
				{ type: forge.pki.oids.signingTime, value: (signingTime ?? new Date()) as unknown as string },
				{ type: forge.pki.oids.messageDigest }
			]
		});
		p7.sign({ detached: true });
		return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
	}
}
