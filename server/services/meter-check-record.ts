// The meter check record (biên bản kiểm tra công tơ) a customer keeps: the findings the crew recorded and the customer
// signed on the tablet, in words, as a one-page PDF (Vietnamese labels with English beside them). The meter_checks row
// is the record and never changes, so the PDF is its printout, rendered when asked for.
import { meterCheckLines, type MeterCheckFindings } from '../../src/lib/meter-check-words';
import { m } from '../../src/lib/paraglide/messages.js';
import type { Db } from '../db/database';
import { contractSources } from '../db/contracts';
import { untilText } from './contracts';
import { meterCheckRecords } from './meter-checks';
import { bothLanguages as both, renderRecordPdf } from './record-pdf';

export interface CustomerMeterCheck extends MeterCheckFindings {
	signerName: string;
	crewName: string;
	recordedAt: string;
}

/** The request's meter check as the customer sees it; null when the request has none (yet). */
export async function customerMeterCheck(db: Db, requestId: string): Promise<CustomerMeterCheck | null> {
	const record = (await meterCheckRecords(db, [requestId])).get(requestId);
	if (!record) return null;
	return {
		meterSerial: record.meterSerial,
		readingKwh: record.readingKwh,
		result: record.result,
		errorPercent: record.errorPercent,
		sealIntact: record.sealIntact,
		action: record.action,
		newMeterSerial: record.replacement?.newSerial ?? null,
		signerName: record.signerName,
		crewName: record.crewName,
		recordedAt: record.recordedAt
	};
}

export async function meterCheckRecordPdf(db: Db, requestId: string): Promise<{ bytes: Uint8Array; fileName: string } | null> {
	const check = await customerMeterCheck(db, requestId);
	const sources = await contractSources(db, requestId);
	if (!check || !sources) return null;
	const vi = meterCheckLines(check, 'vi');
	const en = meterCheckLines(check, 'en');
	const lines: [string, string][] = [
		[both(m.common_request), sources.request.code],
		[both(m.common_customer), sources.customer.fullName],
		// values in Vietnamese, as the receipt's; the labels say what each is in English too
		...vi.map(([label, value], i): [string, string] => [`${label} / ${en[i]![0]}`, value]),
		[both(m.server_meterCheckRecord_crew), check.crewName],
		[both(m.server_meterCheckRecord_signedBy), check.signerName],
		[both(m.server_meterCheckRecord_time), untilText(new Date(check.recordedAt))]
	];
	const title = { vi: m.server_meterCheckRecord_title({}, { locale: 'vi' }), en: m.server_meterCheckRecord_title({}, { locale: 'en' }) };
	const bytes = await renderRecordPdf({ unitName: sources.unit.name, title, documentTitle: `${title.vi} ${sources.request.code}`, lines });
	return { bytes, fileName: `bien-ban-kiem-tra-cong-to-${sources.request.code}.pdf` };
}
