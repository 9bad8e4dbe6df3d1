// Every catalog service declares the one document the customer ends with (issue 12 item 1), and every paperwork
// decision names what it decided in words.
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/lib/domain/catalog';
import { processKindOf, servicesOfKind } from '../../src/lib/domain/processes';
import {
	approvalWordsOf,
	CUSTOMER_DOCUMENTS,
	documentLabel,
	documentLabelOf,
	documentOf,
	needsFinalReading,
	servicesOfDocument,
	type CustomerDocument
} from '../../src/lib/domain/processes/documents';

describe('the document each service ends with', () => {
	it('gives every one of the 79 services exactly one document', () => {
		const all = CUSTOMER_DOCUMENTS.flatMap((doc) => servicesOfDocument(doc));
		expect(all.sort((a, b) => a - b)).toEqual(CATALOG.map((s) => s.number));
		expect(new Set(all).size).toBe(79);
		for (const service of CATALOG) expect(documentOf(service.number), `service ${service.number}`).toBeDefined();
		expect(documentOf(0)).toBeUndefined();
		expect(documentOf(80)).toBeUndefined();
		expect(documentLabelOf(80)).toBeNull();
	});

	it('follows seed 002: new supply and a change of holder a new HĐMBĐ, changes of a signed term an amendment', () => {
		const expected: Array<[number, CustomerDocument]> = [
			[1, 'purchase_contract'], [18, 'purchase_contract'], [27, 'purchase_contract'], [39, 'purchase_contract'], [40, 'purchase_contract'],
			[28, 'amendment'], [33, 'amendment'], [35, 'amendment'], [38, 'amendment'], [49, 'amendment'], [50, 'amendment'],
			[34, 'service_contract'], [66, 'service_contract'],
			[54, 'renewal'], [55, 'termination'],
			[48, 'answer'], [41, 'answer'], [56, 'answer'], [75, 'answer'], [79, 'answer'],
			[44, 'none'], [52, 'none']
		];
		for (const [n, doc] of expected) expect(documentOf(n), `service ${n}`).toBe(doc);
	});

	it('signs a contract only where the process has a contract or a decision, and never for a crew sent at once', () => {
		for (const service of CATALOG) {
			const doc = documentOf(service.number)!;
			const kind = processKindOf(service.number)!;
			if (doc === 'service_contract') expect(kind, `service ${service.number}`).toBe('site_work');
			if (doc === 'renewal' || doc === 'termination') expect(kind).toBe('paperwork');
			if (kind === 'field_response') expect(doc, `service ${service.number}`).toBe('none');
			if (['complaint', 'reading_complaint', 'inquiry', 'meter_check'].includes(kind)) expect(doc, `service ${service.number}`).toBe('answer');
		}
	});

	it('names the decided document in the approval of every paperwork service, in both languages', () => {
		const paperwork = servicesOfKind('paperwork');
		expect(paperwork.length).toBeGreaterThan(0);
		for (const n of paperwork) {
			const words = approvalWordsOf(n);
			expect(words, `service ${n}`).not.toBeNull();
			expect(words!.vi.length).toBeGreaterThan(10);
			expect(words!.en.length).toBeGreaterThan(10);
			expect(words!.vi).not.toBe(words!.en);
		}
		expect(approvalWordsOf(55)!.vi).toBe('Hợp đồng mua bán điện đã được chấm dứt');
		expect(approvalWordsOf(54)!.vi).toBe('Hợp đồng mua bán điện đã được gia hạn');
		expect(approvalWordsOf(49)!.vi).toContain('Phụ lục hợp đồng mua bán điện');
		expect(approvalWordsOf(39)!.vi).toContain('Hợp đồng mua bán điện mới');
		// the decisions of different documents read differently
		const distinct = new Set(paperwork.map((n) => approvalWordsOf(n)!.vi));
		expect(distinct.size).toBe(new Set(paperwork.map((n) => documentOf(n))).size);
		expect(approvalWordsOf(34)).toBeNull();
		expect(approvalWordsOf(44)).toBeNull();
	});

	it('says every document in words, Vietnamese and English, never a code', () => {
		const vi = new Set<string>();
		for (const doc of CUSTOMER_DOCUMENTS) {
			const label = documentLabel(doc);
			expect(label.vi).not.toContain('_');
			expect(label.en).not.toContain('_');
			vi.add(label.vi);
		}
		expect(vi.size).toBe(CUSTOMER_DOCUMENTS.length);
		expect(documentLabelOf(55)!.vi).toContain('Chấm dứt hợp đồng mua bán điện');
	});

	it('asks for the final meter reading only to terminate the contract', () => {
		expect(CATALOG.filter((s) => needsFinalReading(s.number)).map((s) => s.number)).toEqual([55]);
	});
});
