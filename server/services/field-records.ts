// Stored survey, estimate and installation rows as the views the tablet and the supervisor read (the registry's mappers).
import type { EstimateRecord, InstallationRecord, SurveyRecord } from '../../src/lib/domain/api';
import type { InstallationPayload, SurveyPayload } from '../../src/lib/domain/commands';
import type { MaterialDifference, PricedLine } from '../../src/lib/domain/estimate';
import { storedEstimateRecord } from '../../src/lib/domain/field-commands/submit-estimate';
import type { estimates, installations, surveys } from '../db/schema';

export function surveyRecordOf(row: typeof surveys.$inferSelect): SurveyRecord {
	return { ...(row.data as SurveyPayload), submittedAt: row.submittedAt.toISOString() };
}

/** Re-priced from the stored lines (their prices as accepted), never from today's price list. */
export function estimateRecordOf(row: typeof estimates.$inferSelect): EstimateRecord {
	return storedEstimateRecord(row.lines as PricedLine[], row.vatPercent, row.notes, row.submittedAt.toISOString());
}

export function installationRecordOf(row: typeof installations.$inferSelect): InstallationRecord {
	return { ...(row.data as InstallationPayload), differences: row.differences as MaterialDifference[], submittedAt: row.submittedAt.toISOString() };
}
