// What a route's first load makes the browser download, read from a SvelteKit build's vite manifest: the app entry,
// the root layout (and, for staff pages, the modules its load imports), the route's layouts and page, and every chunk
// they import statically. Shared by the crew's and the customers' bundle benches.
import fs from 'node:fs';
import path from 'node:path';

interface ManifestChunk {
	file: string;
	imports?: string[];
	dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface FirstLoadFiles {
	/** Where the files are (output/client of the build). */
	clientDir: string;
	/** The files in the order they were reached, each once. */
	files: string[];
}

/**
 * The first load of `routeId` ('/(crew)', '/khach-hang/dang-nhap') in the build under `outDir`. `rootLayoutImports`:
 * count what the root layout's load imports too (src/routes/+layout.ts awaits it for every staff page).
 */
export function firstLoadFiles(outDir: string, routeId: string, options: { rootLayoutImports?: boolean } = {}): FirstLoadFiles {
	const clientDir = path.join(outDir, 'output', 'client');
	const manifest = JSON.parse(fs.readFileSync(path.join(clientDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
	const appJs = fs.readFileSync(path.join(outDir, 'generated', 'client-optimized', 'app.js'), 'utf8');
	const dictionary = /export const dictionary = (\{[\s\S]*?\n\t\});/.exec(appJs)?.[1];
	const routes = Function(`return ${dictionary}`)() as Record<string, [number, Array<number | undefined>?]>;
	const route = routes[routeId];
	if (!route) throw new Error(`no route ${routeId} in the build`);
	const [page, layouts = []] = route;
	const keys = Object.keys(manifest);
	const nodeKey = (n: number) => keys.find((key) => key.endsWith(`client-optimized/nodes/${n}.js`));
	const rootLayout = nodeKey(0);
	const entries = [
		keys.find((key) => key.endsWith('client-optimized/app.js')),
		keys.find((key) => key.endsWith('runtime/client/entry.js')),
		rootLayout,
		...(options.rootLayoutImports && rootLayout ? (manifest[rootLayout]!.dynamicImports ?? []) : []),
		...layouts.filter((n): n is number => n !== undefined).map(nodeKey),
		nodeKey(Math.abs(page))
	].filter((key): key is string => Boolean(key));
	const seen = new Set<string>();
	const files: string[] = [];
	const visit = (key: string) => {
		if (seen.has(key) || !manifest[key]) return;
		seen.add(key);
		files.push(manifest[key].file);
		for (const child of manifest[key].imports ?? []) visit(child);
	};
	entries.forEach(visit);
	return { clientDir, files: [...new Set(files)] };
}
