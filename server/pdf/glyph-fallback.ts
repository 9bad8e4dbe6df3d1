// Text the embedded font cannot draw (emoji, other scripts, control characters) is replaced by a visible marker
// naming the character ("[U+1F600]"), never dropped silently, drawn as an empty box or left to crash the renderer.

/** Variation selectors only choose a glyph's presentation: dropped before the check, they are never the content. */
const PRESENTATION = /[\uFE00-\uFE0F]/gu;
/** Joiners glue an emoji sequence together; the marker names the sequence's characters, not the glue. */
const GLUE = new Set([0x200d]);

const segmenter = new Intl.Segmenter('vi', { granularity: 'grapheme' });

export const fallbackMarker = (codePoints: number[]) =>
	`[${codePoints
		.filter((cp) => !GLUE.has(cp))
		.map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`)
		.join(' ')}]`;

export interface DrawableText {
	text: string;
	/** Whether anything was replaced (the evidence page then explains the markers). */
	replaced: boolean;
}

/**
 * The text with every character (grapheme) the font lacks replaced by its marker. A tab is drawn as a space;
 * other control characters are named like any missing character.
 */
export function drawableText(text: string, covers: (codePoint: number) => boolean): DrawableText {
	let replaced = false;
	let out = '';
	for (const { segment } of segmenter.segment(text.replace(/\t/g, ' ').replace(PRESENTATION, ''))) {
		const codePoints = [...segment].map((c) => c.codePointAt(0)!);
		const printable = codePoints.every((cp) => cp >= 0x20 && (cp < 0x7f || cp > 0x9f) && covers(cp));
		if (printable) out += segment;
		else {
			out += fallbackMarker(codePoints);
			replaced = true;
		}
	}
	return { text: out, replaced };
}

/** What a pdf-lib font embedded from a TrueType file can draw (its cmap's code points). */
export function fontCoverage(font: { getCharacterSet(): number[] }): (codePoint: number) => boolean {
	const set = new Set(font.getCharacterSet());
	return (cp) => set.has(cp);
}
