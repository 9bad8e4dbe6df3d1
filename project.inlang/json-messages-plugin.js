// A local inlang plugin for flat JSON message files: { "key": "Text with {placeholder}" }.
// It reads the same files as @inlang/plugin-message-format (without its variants syntax) and is loaded from this
// directory, so compiling the messages needs no network (the official plugin is fetched from a CDN).
const key = 'plugin.hien-truong.jsonMessages';

function parsePattern(text) {
	const pattern = [];
	const names = [];
	const re = /\{(\w+)\}/g;
	let last = 0;
	for (let m = re.exec(text); m; m = re.exec(text)) {
		if (m.index > last) pattern.push({ type: 'text', value: text.slice(last, m.index) });
		pattern.push({ type: 'expression', arg: { type: 'variable-reference', name: m[1] } });
		names.push(m[1]);
		last = m.index + m[0].length;
	}
	if (last < text.length) pattern.push({ type: 'text', value: text.slice(last) });
	return { pattern, names };
}

function serializePattern(pattern) {
	return pattern.map((part) => (part.type === 'text' ? part.value : `{${part.arg.name}}`)).join('');
}

export default {
	key,
	toBeImportedFiles: ({ settings }) =>
		settings.locales.map((locale) => ({ locale, path: settings[key].pathPattern.replace('{locale}', locale) })),
	importFiles: ({ files }) => {
		const bundles = new Map();
		const messages = [];
		const variants = [];
		for (const file of files) {
			const json = JSON.parse(new TextDecoder().decode(file.content));
			for (const [id, text] of Object.entries(json)) {
				if (id === '$schema') continue;
				const { pattern, names } = parsePattern(text);
				const declared = bundles.get(id) ?? new Set();
				for (const name of names) declared.add(name);
				bundles.set(id, declared);
				messages.push({ bundleId: id, locale: file.locale, selectors: [] });
				variants.push({ messageBundleId: id, messageLocale: file.locale, matches: [], pattern });
			}
		}
		return {
			bundles: [...bundles].map(([id, names]) => ({ id, declarations: [...names].map((name) => ({ type: 'input-variable', name })) })),
			messages,
			variants
		};
	},
	exportFiles: ({ bundles, messages, variants, settings }) => {
		return settings.locales.map((locale) => {
			const out = { $schema: 'https://inlang.com/schema/inlang-message-format' };
			for (const message of messages.filter((m) => m.locale === locale).sort((a, b) => a.bundleId.localeCompare(b.bundleId))) {
				const variant = variants.find((v) => v.messageId === message.id);
				if (variant) out[message.bundleId] = serializePattern(variant.pattern);
			}
			return {
				locale,
				name: settings[key].pathPattern.replace('{locale}', locale).replace(/^\.\//, '').split('/').pop(),
				content: new TextEncoder().encode(JSON.stringify(out, null, '\t') + '\n')
			};
		});
	}
};
