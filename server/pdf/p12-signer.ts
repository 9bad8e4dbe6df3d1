// The CMS signer of the contract PDF, a PAdES baseline B-B signature (ETSI.CAdES.detached), from a PKCS#12 file. The
// SignedData is built here with node-forge's ASN.1 (its pkcs7 writer knows no signing-certificate-v2 attribute). The
// signer's issuer and serial are copied from the certificate as read: node-forge reads UTF-8 names as raw bytes and
// would encode them again, so a Vietnamese issuer ("Điện lực …") would no longer match and pdfsig would report
// "Unknown Validation Failure". readP12 still decodes the issuer's names, for whoever re-encodes them.
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

	/**
	 * The CMS SignedData of a PAdES baseline B-B signature (ETSI EN 319 142-1): detached, SHA-256, signed attributes
	 * content-type, message-digest and signing-certificate-v2 (RFC 5035). No signing-time attribute: B-B puts the
	 * claimed signing time in the signature dictionary's /M. `signingTime` is accepted for @signpdf's call and unused.
	 */
	async sign(pdfBuffer: Buffer, _signingTime?: Date): Promise<Buffer> {
		return Buffer.from(asn1.toDer(padesSignedData(this.#contents, pdfBuffer)).getBytes(), 'binary');
	}
}

const asn1 = forge.asn1;
const { Class, Type } = asn1;
const OID = {
	data: '1.2.840.113549.1.7.1',
	signedData: '1.2.840.113549.1.7.2',
	contentType: '1.2.840.113549.1.9.3',
	messageDigest: '1.2.840.113549.1.9.4',
	signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
	sha256: '2.16.840.1.101.3.4.2.1',
	rsaEncryption: '1.2.840.113549.1.1.1'
} as const;

const oid = (id: string) => asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(id).getBytes());
const seq = (items: forge.asn1.Asn1[]) => asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
const set = (items: forge.asn1.Asn1[]) => asn1.create(Class.UNIVERSAL, Type.SET, true, items);
const octets = (bytes: string) => asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, bytes);
const integer = (n: number) => asn1.create(Class.UNIVERSAL, Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const der = (node: forge.asn1.Asn1) => asn1.toDer(node).getBytes();
const clone = (node: forge.asn1.Asn1) => asn1.fromDer(der(node));
/** AlgorithmIdentifier with NULL parameters (SHA-256, rsaEncryption). */
const algorithm = (id: string) => seq([oid(id), asn1.create(Class.UNIVERSAL, Type.NULL, false, '')]);
const attribute = (type: string, value: forge.asn1.Asn1) => seq([oid(type), set([value])]);
const sha256 = (bytes: string) => forge.md.sha256.create().update(bytes).digest().getBytes();

/** The certificate as read (forge keeps the TBSCertificate it parsed), and its issuer and serial number as they are in it. */
function certificateParts(certificate: forge.pki.Certificate) {
	const certAsn1 = forge.pki.certificateToAsn1(certificate);
	const tbs = (certAsn1.value as forge.asn1.Asn1[])[0]!.value as forge.asn1.Asn1[];
	// TBSCertificate: [0] version (v3), serialNumber, signature, issuer, …
	const first = tbs[0]!.tagClass === Class.CONTEXT_SPECIFIC ? 1 : 0;
	return { certAsn1, serial: tbs[first]!, issuer: tbs[first + 2]! };
}

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } with one ESSCertIDv2 for the signer. */
export function signingCertificateV2(certificate: forge.pki.Certificate): forge.asn1.Asn1 {
	const { certAsn1, serial, issuer } = certificateParts(certificate);
	// IssuerSerial ::= SEQUENCE { issuer GeneralNames (directoryName [4]), serialNumber }
	const issuerSerial = seq([seq([asn1.create(Class.CONTEXT_SPECIFIC, 4, true, [clone(issuer)])]), clone(serial)]);
	// ESSCertIDv2: hashAlgorithm is left out, its DEFAULT being id-sha256 (DER omits default values)
	return seq([seq([seq([octets(sha256(der(certAsn1))), issuerSerial])])]);
}

function padesSignedData({ privateKey, certificate, certificates }: P12Contents, content: Buffer): forge.asn1.Asn1 {
	const { serial, issuer } = certificateParts(certificate);
	const signedAttributes = [
		attribute(OID.contentType, oid(OID.data)),
		attribute(OID.messageDigest, octets(sha256(content.toString('binary')))),
		attribute(OID.signingCertificateV2, signingCertificateV2(certificate))
	]
		// DER: a SET OF is sorted by the encodings of its elements
		.map((node) => ({ node, bytes: der(node) }))
		.sort((a, b) => Buffer.compare(Buffer.from(a.bytes, 'binary'), Buffer.from(b.bytes, 'binary')))
		.map(({ node }) => node);
	// the signature is over the attributes DER-encoded as a SET (RFC 5652 §5.4), stored under [0] IMPLICIT
	const md = forge.md.sha256.create();
	md.update(der(set(signedAttributes)));
	const signature = privateKey.sign(md);
	const signerInfo = seq([
		integer(1),
		seq([clone(issuer), clone(serial)]),
		algorithm(OID.sha256),
		asn1.create(Class.CONTEXT_SPECIFIC, 0, true, signedAttributes),
		algorithm(OID.rsaEncryption),
		octets(signature)
	]);
	const signedData = seq([
		integer(1),
		set([algorithm(OID.sha256)]),
		// detached: the encapsulated content is the PDF's byte range, not carried here
		seq([oid(OID.data)]),
		asn1.create(Class.CONTEXT_SPECIFIC, 0, true, certificates.map((cert) => forge.pki.certificateToAsn1(cert))),
		set([signerInfo])
	]);
	return seq([oid(OID.signedData), asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [signedData])]);
}
