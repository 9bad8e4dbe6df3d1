// The service catalog of seed 002 (EVNCPC): 79 services with processing time and cost split.
import { CATALOG_DATA } from './catalog-data';

export type ProcessingTime =
	| { kind: 'working_days'; value: number }
	| { kind: 'hours'; value: number }
	| { kind: 'immediate' }
	| { kind: 'by_agreement' }
	| { kind: 'per_contract' };

/** Who bears which part of the cost, as the seed words it (Vietnamese). Empty string: nothing stated. */
export interface CostSplit {
	utility: string;
	customer: string;
}

export type ServiceGroup = 1 | 2 | 3;

export interface CatalogService {
	/** STT in the seed, 1–79. */
	number: number;
	group: ServiceGroup;
	/** The group heading, e.g. "Dịch vụ cung cấp điện mới". */
	groupName: string;
	/** The "đề mục" the service sits under, e.g. "KH mua điện sinh hoạt (01 pha, 03 pha)". */
	section: string;
	/** Vietnamese name as in the seed. */
	name: string;
	processingTime: ProcessingTime;
	costSplit: CostSplit;
	description: string;
}

export const CATALOG: readonly CatalogService[] = CATALOG_DATA;

function indexByNumber(services: readonly CatalogService[]): Map<number, CatalogService> {
	return new Map(services.map((s) => [s.number, s]));
}

// pure: a page that imports the domain's workflow but never looks a service up does not download the catalog
const byNumber = /* @__PURE__ */ indexByNumber(CATALOG);

export function findService(number: number): CatalogService | undefined {
	return byNumber.get(number);
}

export function getService(number: number): CatalogService {
	const service = byNumber.get(number);
	if (!service) throw new Error(`Không có dịch vụ số ${number} trong danh mục`);
	return service;
}
