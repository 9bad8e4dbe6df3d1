// Finding a catalog service by number or name, grouped as the catalog groups them.
import { CATALOG, type CatalogService } from '$lib/domain/catalog';

export interface ServiceGroupView {
	group: number;
	groupName: string;
	services: CatalogService[];
}

/** Lower case without Vietnamese diacritics, so "dau noi" finds "Đấu nối". */
export function fold(s: string): string {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.toLowerCase()
		.trim();
}

/** A number finds that service exactly; words find services whose name (or section) holds every word. */
export function searchServices(query: string, catalog: readonly CatalogService[] = CATALOG): ServiceGroupView[] {
	const q = fold(query);
	let matches: CatalogService[];
	if (!q) matches = [...catalog];
	else if (/^\d+$/.test(q)) matches = catalog.filter((s) => s.number === Number(q));
	else {
		const words = q.split(/\s+/);
		matches = catalog.filter((s) => {
			const hay = fold(`${s.number}. ${s.name} ${s.section}`);
			return words.every((w) => hay.includes(w));
		});
	}
	const groups = new Map<number, ServiceGroupView>();
	for (const service of matches) {
		const entry = groups.get(service.group) ?? { group: service.group, groupName: service.groupName, services: [] };
		entry.services.push(service);
		groups.set(service.group, entry);
	}
	return [...groups.values()].sort((a, b) => a.group - b.group);
}
