// Step 4, on a survey job: the materials priced from the tablet's price list; the server re-prices.
import { z } from 'zod';
import type { EstimateRecord } from '../api';
import { priceEstimate, type PricedLine } from '../estimate';
import { findMaterial, type Material } from '../materials';
import { m } from '../../paraglide/messages.js';
import { both } from '../../text';
import { defineCommand, type FieldRefusal, type MaterialLookup } from './types';
import { materialLines } from './shared';

export const estimatePayload = z.object({
	lines: materialLines(m.crew_field_theEstimateNeedsAtLeast1({}, { locale: 'vi' })),
	vatPercent: z.number().int().min(0).max(20).default(10),
	/** What the tablet showed the crew; the server recomputes and refuses a mismatch (stale price list). */
	expectedTotal: z.number().int().nonnegative(),
	notes: z.string().trim().max(2000).default('')
});
export type EstimatePayload = z.infer<typeof estimatePayload>;

function totalOf(estimate: EstimatePayload, lookup: MaterialLookup): number | undefined {
	try {
		return priceEstimate(estimate.lines, estimate.vatPercent, lookup).total;
	} catch {
		return undefined; // a code missing from this price list
	}
}

/** The tablet's total against the price list (the tablet's before queueing, the server's before applying): `price_changed`. */
export function checkEstimateTotal(estimate: EstimatePayload, lookup: MaterialLookup = findMaterial, vatPercent?: number): FieldRefusal | null {
	if (vatPercent !== undefined && estimate.vatPercent !== vatPercent) {
		return {
			code: 'price_changed',
			field: 'vatPercent',
			reason: both(m.crew_field_vatChanged, { vat: vatPercent, estimate: estimate.vatPercent })
		};
	}
	const total = totalOf(estimate, lookup);
	if (total === estimate.expectedTotal) return null;
	return {
		code: 'price_changed',
		field: 'expectedTotal',
		reason: total === undefined ? both(m.crew_field_totalMismatch) : both(m.crew_field_totalMismatchTotals, { total, expected: estimate.expectedTotal })
	};
}

/** The priced estimate as the tablet and the supervisor read it. */
export function estimateRecordFrom(lines: Array<{ code: string; quantity: number }>, vatPercent: number, notes: string, submittedAt: string, lookup: MaterialLookup): EstimateRecord {
	const priced = priceEstimate(lines, vatPercent, lookup);
	return {
		lines: priced.lines.map((l) => ({ code: l.code, name: l.name, unit: l.unit, quantity: l.quantity, unitPrice: l.unitPrice, side: l.side, total: l.total })),
		vatPercent: priced.vatPercent,
		utility: priced.utility,
		customer: priced.customer,
		subtotal: priced.subtotal,
		vat: priced.vat,
		total: priced.total,
		notes,
		submittedAt
	};
}

/** Prices an estimate payload the way the server records it; undefined if the payload is not a valid estimate. */
export function estimateRecordOf(payload: unknown, submittedAt: string, lookup: MaterialLookup = findMaterial): EstimateRecord | undefined {
	const parsed = estimatePayload.safeParse(payload);
	if (!parsed.success) return undefined;
	try {
		return estimateRecordFrom(parsed.data.lines, parsed.data.vatPercent, parsed.data.notes, submittedAt, lookup);
	} catch {
		// A code missing from this price list: show no estimate rather than a wrong one.
		return undefined;
	}
}

/** A stored estimate re-priced from its own lines (their prices as accepted), never from today's price list. */
export function storedEstimateRecord(lines: PricedLine[], vatPercent: number, notes: string, submittedAt: string): EstimateRecord {
	const byCode = new Map(lines.map((l) => [l.code, l]));
	return estimateRecordFrom(lines, vatPercent, notes, submittedAt, (code) => byCode.get(code) as unknown as Material | undefined);
}

export const submitEstimate = defineCommand({
	name: 'submitEstimate',
	payload: estimatePayload,
	jobKinds: ['survey'],
	wrongJobKind: both(m.crew_field_onlySurveyJobsTakeSurveys),
	states: ['surveyed'],
	photos: () => [],
	draft: 'estimate',
	form: 'estimate',
	section: 'estimate',
	label: m.common_command_submitEstimate,
	completesJob: true,
	transitionOnly: true,
	checkPayload: (estimate, lookup, vatPercent) => checkEstimateTotal(estimate, lookup, vatPercent),
	effect: (request, payload, submittedAt, lookup) => ({ ...request, estimate: estimateRecordOf(payload, submittedAt, lookup) ?? request.estimate })
});
