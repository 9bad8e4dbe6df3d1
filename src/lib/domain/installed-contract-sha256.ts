// SHA-256 of a text's UTF-8 bytes, synchronous and pure, so the tablet fingerprints the addendum it renders offline
// inside the optimistic view (WebCrypto is asynchronous). @noble/hashes is an audited, dependency-free implementation;
// the server hashes with node:crypto, and a unit test holds them equal.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function sha256Text(text: string): string {
	return bytesToHex(sha256(utf8ToBytes(text)));
}
