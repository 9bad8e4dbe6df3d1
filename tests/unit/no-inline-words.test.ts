// Every word the server says to a person comes from the message catalog (messages/vi.json, messages/en.json), so it
// exists in both languages: no Vietnamese string or template literal is left in the server's routes, services, HTTP
// plumbing, input guard or rate limits. Comments may be Vietnamese; code may not.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');
const SCANNED = ['server/services', 'server/routes', 'server/http.ts', 'server/input-guard.ts', 'server/limits.ts', 'src/lib/api', 'src/lib/domain/workflow.ts'];

/**
 * Literals allowed to hold Vietnamese, each with its reason. Keyed by file and the literal's text (not its line,
 * which moves); an entry without a literal allows the whole file.
 */
const ALLOWED: Array<{ file: string; literal?: string; reason: string }> = [
	{ file: 'server/services/demo-seed.ts', reason: 'demo data, not words of the app: fictional customers, addresses, crews and notes' },
	{ file: 'server/routes/openapi.ts', literal: 'Hiện Trường API', reason: 'the product’s name, the title of the OpenAPI document' },
	{
		file: 'server/routes/admin.ts',
		literal: 'Create a unit (điện lực) with the address and representative its contracts name',
		reason: 'OpenAPI description for developers, naming the Vietnamese term'
	},
	{
		file: 'server/routes/notices.ts',
		literal: "Tin đã gửi: customer messages with their delivery per channel (a supervisor: their unit's requests; an admin: all)",
		reason: 'OpenAPI description for developers, naming the console page it serves'
	},
	{ file: 'server/services/meter-checks.ts', literal: 'Mã ký', reason: 'searched for in the catalog’s signing-code refusal, to reword it for a meter check’s confirmation code' },
	{ file: 'server/services/meter-checks.ts', literal: 'Mã xác nhận', reason: 'the meter check’s name for its code, replacing the one above in that refusal' }
];

/**
 * A letter only Vietnamese writes (among the languages this code base speaks): the letters with a breve, circumflex,
 * horn or stroke, any vowel with a tone mark, precomposed or as a combining mark.
 */
const VIETNAMESE =
	/[ăâđêôơưĂÂĐÊÔƠƯ\u0300\u0301\u0303\u0309\u0323àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]/;

function filesOf(entry: string): string[] {
	const full = path.join(root, entry);
	if (!fs.statSync(full).isDirectory()) return [entry];
	return fs
		.readdirSync(full, { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('.ts'))
		.map((f) => path.join(entry, f));
}

/** Every string and template literal of a file holding a Vietnamese letter, with its line (comments are not nodes). */
export function inlineWords(file: string, text: string): Array<{ file: string; line: number; literal: string }> {
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
	const found: Array<{ file: string; line: number; literal: string }> = [];
	const visit = (node: ts.Node) => {
		if (
			ts.isStringLiteral(node) ||
			ts.isNoSubstitutionTemplateLiteral(node) ||
			ts.isTemplateHead(node) ||
			ts.isTemplateMiddle(node) ||
			ts.isTemplateTail(node)
		) {
			const literal = node.text;
			if (VIETNAMESE.test(literal.normalize('NFC')) || VIETNAMESE.test(literal.normalize('NFD'))) {
				found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, literal });
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

describe('no inline words in the server', () => {
	it('finds a Vietnamese literal and leaves comments alone (the check itself)', () => {
		const sample = [
			'// Bình luận tiếng Việt thì được',
			"const a = 'plain english';",
			"throw new DomainError('not_found', 'Không tìm thấy yêu cầu');",
			'const b = `Còn ${n} lần`;',
			'/* khối chú thích */ const c = "ok";'
		].join('\n');
		expect(inlineWords('sample.ts', sample).map((f) => `${f.line}:${f.literal}`)).toEqual(['3:Không tìm thấy yêu cầu', '4:Còn ', '4: lần']);
	});

	it('every word a person reads from the server comes from the catalog', () => {
		const files = SCANNED.flatMap(filesOf);
		expect(files.length).toBeGreaterThan(80);
		const offenders = files
			.flatMap((file) => inlineWords(file, fs.readFileSync(path.join(root, file), 'utf8')))
			.filter((f) => !ALLOWED.some((a) => a.file === f.file && (a.literal === undefined || a.literal === f.literal)))
			.map((f) => `${f.file}:${f.line} ${JSON.stringify(f.literal)}`);
		expect(offenders).toEqual([]);
	}, 60_000);
});
