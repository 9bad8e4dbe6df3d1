// The app shell asks for the crew list's code with the entry's, on `/` only, and names no file twice.
import { describe, expect, it } from 'vitest';
import { withPreload } from '../../scripts/shell/crew-preload.js';

const SHELL = `<!doctype html>
<html lang="vi">
	<head>
		<link href="/_app/immutable/entry/start.A.js" rel="modulepreload">
		<link href="/_app/immutable/chunks/shared.B.js" rel="modulepreload">
		<link href="/_app/immutable/assets/0.E.css" rel="stylesheet">
	</head>
	<body><script>start()</script></body>
</html>`;

/** The shell's added script, run against a page at `pathname`: the links it adds. */
function linksAt(html: string, pathname: string): Array<{ rel: string; as?: string; href: string }> {
	const script = /<script>\s*(\/\/ the crew's list[\s\S]*?)<\/script>/.exec(html)![1]!;
	const added: Array<{ rel: string; as?: string; href: string }> = [];
	const document = {
		createElement: () => ({}) as { rel: string; as?: string; href: string },
		head: { append: (link: { rel: string; as?: string; href: string }) => added.push({ ...link }) }
	};
	Function('location', 'document', script)({ pathname }, document);
	return added;
}

describe('crew preload in the app shell', () => {
	const files = ['/_app/immutable/nodes/2.C.js', '/_app/immutable/chunks/shared.B.js', '/_app/immutable/assets/Shell.D.css'];
	const html = withPreload(SHELL, files);

	it('adds the crew list\'s scripts and stylesheets on /, without the files the shell already names', () => {
		expect(linksAt(html, '/')).toEqual([
			{ rel: 'modulepreload', href: '/_app/immutable/nodes/2.C.js' },
			{ rel: 'preload', as: 'style', href: '/_app/immutable/assets/Shell.D.css' }
		]);
	});

	it('adds nothing on any other page (a customer\'s portal link, the console, the login)', () => {
		for (const pathname of ['/portal/abc', '/khach-hang', '/self-reading/x', '/console', '/login', '/jobs/1']) expect(linksAt(html, pathname)).toEqual([]);
	});

	it('runs in the head before the shell\'s own links (a stylesheet before it would hold it back)', () => {
		expect(html.indexOf("// the crew's list")).toBeLessThan(html.indexOf('start.A.js'));
		expect(html.indexOf('start.A.js')).toBeLessThan(html.indexOf('</head>'));
	});
});
