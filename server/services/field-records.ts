// Stored survey and estimate rows as the views the tablet and the supervisor read.
import type { EstimateRecord, InstallationRecord, SurveyRecord } from '../../src/lib/domain/api';
import type { InstallationPayload } from '../../src/lib/domain/commands';
import type { MaterialDifference } from '../../src/lib/domain/estimate';
import type { SurveyPayload } from '../../src/lib/domain/commands';
import { priceEstimate, type PricedLine } from '../../src/lib/domain/estimate';
import type { Material } from '../../src/lib/domain/materials';
import type { estimates, installations, surveys } from '../db/schema';

export function surveyRecordOf(row: typeof surveys.$inferSelect): SurveyRecord {
	return { ...(row.data as SurveyPayload), submittedAt: row.submittedAt.toISOString() };
}

/** Re-priced from the stored lines (their prices as accepted), never from today's price list. */
export function estimateRecordOf(row: typeof estimates.$inferSelect): EstimateRecord {
	const lines = row.lines as PricedLine[];
	const byCode = new Map(lines.map((l) => [l.code, l]));
	const priced = priceEstimate(lines, row.vatPercent, (code) => byCode.get(code) as unknown as Material | undefined);
	return { ...priced, notes: row.notes, submittedAt: row.submittedAt.toISOString() };
}

export function installationRecordOf(row: typeof installations.$inferSelect): InstallationRecord {
	return { ...(row.data as InstallationPayload), differences: row.differences as MaterialDifference[], submittedAt: row.submittedAt.toISOString() };
}
