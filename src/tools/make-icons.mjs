// Draws the app icons (a white lightning bolt on the theme blue) as PNGs with Node built-ins only.
// Run from the project root: node src/tools/make-icons.mjs  →  static/icons/icon-{192,512}.png, icon-maskable-512.png
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [0x0a, 0x4a, 0x94];
const WHITE = [0xff, 0xff, 0xff];
/** The bolt in a 100×100 box; the same shape as static/icons/icon.svg. */
const BOLT = [
	[57, 8],
	[24, 57],
	[46, 57],
	[39, 92],
	[76, 40],
	[54, 40],
	[62, 8]
];
const SUBSAMPLES = 4;

function insidePolygon(x, y, polygon) {
	let inside = false;
	for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
		const [xi, yi] = polygon[i];
		const [xj, yj] = polygon[j];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

function insideRoundedSquare(x, y, radius) {
	const cx = Math.min(Math.max(x, radius), 100 - radius);
	const cy = Math.min(Math.max(y, radius), 100 - radius);
	return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** RGBA pixels; `boltScale` shrinks the bolt about the centre (maskable icons keep it in the safe zone). */
function draw(size, { cornerRadius, boltScale }) {
	const pixels = Buffer.alloc(size * size * 4);
	const bolt = BOLT.map(([x, y]) => [50 + (x - 50) * boltScale, 50 + (y - 50) * boltScale]);
	for (let py = 0; py < size; py++) {
		for (let px = 0; px < size; px++) {
			let background = 0;
			let foreground = 0;
			for (let sy = 0; sy < SUBSAMPLES; sy++) {
				for (let sx = 0; sx < SUBSAMPLES; sx++) {
					const x = ((px + (sx + 0.5) / SUBSAMPLES) / size) * 100;
					const y = ((py + (sy + 0.5) / SUBSAMPLES) / size) * 100;
					if (!insideRoundedSquare(x, y, cornerRadius)) continue;
					background++;
					if (insidePolygon(x, y, bolt)) foreground++;
				}
			}
			const total = SUBSAMPLES * SUBSAMPLES;
			const offset = (py * size + px) * 4;
			const white = background === 0 ? 0 : foreground / background;
			for (let c = 0; c < 3; c++) pixels[offset + c] = Math.round(BLUE[c] * (1 - white) + WHITE[c] * white);
			pixels[offset + 3] = Math.round((background / total) * 255);
		}
	}
	return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(buffer) {
	let c = 0xffffffff;
	for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData));
	return Buffer.concat([length, typeAndData, crc]);
}

function encodePng(size, rgba) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header[8] = 8; // bit depth
	header[9] = 6; // RGBA
	const rows = Buffer.alloc(size * (size * 4 + 1));
	for (let y = 0; y < size; y++) {
		rows[y * (size * 4 + 1)] = 0; // filter: none
		rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(rows, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

const outDir = new URL('../../static/icons/', import.meta.url);
mkdirSync(outDir, { recursive: true });
const icons = [
	{ file: 'icon-192.png', size: 192, cornerRadius: 18, boltScale: 1 },
	{ file: 'icon-512.png', size: 512, cornerRadius: 18, boltScale: 1 },
	// Maskable: full bleed, bolt inside the central 80% circle that every launcher mask keeps.
	{ file: 'icon-maskable-512.png', size: 512, cornerRadius: 0, boltScale: 0.72 }
];
for (const { file, size, ...style } of icons) {
	writeFileSync(new URL(file, outDir), encodePng(size, draw(size, style)));
	console.log(`wrote static/icons/${file}`);
}
