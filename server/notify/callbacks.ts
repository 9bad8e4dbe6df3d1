// The providers' delivery reports, verified as each documents: Zalo signs its webhook (X-ZEvent-Signature); eSMS
// signs nothing, so its CallbackUrl carries our secret token and the report must name a message we sent.
import type { Db } from '../db/database';
import { applyDeliveryReport } from './dispatcher';
import { esmsTokenMatches, readEsmsReport } from './esms';
import { readZaloReport, zaloSignatureValid } from './zalo-zns';

export interface CallbackSettings {
	esmsToken: string | null;
	zalo: { appId: string; oaSecretKey: string } | null;
}

let callbackSettings: CallbackSettings = { esmsToken: null, zalo: null };

export function configureCallbacks(next: CallbackSettings) {
	callbackSettings = next;
}

export type ReportVerdict = { ok: true; known: boolean } | { ok: false; reason: 'not_configured' | 'bad_signature' | 'unreadable' };

export async function receiveEsmsReport(db: Db, token: string | undefined, fields: Record<string, unknown>, now: Date, newId: () => string): Promise<ReportVerdict> {
	if (!callbackSettings.esmsToken) return { ok: false, reason: 'not_configured' };
	if (!esmsTokenMatches(callbackSettings.esmsToken, token)) return { ok: false, reason: 'bad_signature' };
	const report = readEsmsReport(fields);
	if (!report) return { ok: false, reason: 'unreadable' };
	const known = await applyDeliveryReport(
		db,
		{ channel: 'sms', providerId: report.smsId, outcome: report.outcome, answer: report.answer, failure: 'eSMS báo nhà mạng không chuyển được tin' },
		now,
		newId
	);
	return { ok: true, known };
}

export async function receiveZaloReport(db: Db, rawBody: string, signature: string | undefined, now: Date, newId: () => string): Promise<ReportVerdict> {
	if (!callbackSettings.zalo) return { ok: false, reason: 'not_configured' };
	if (!zaloSignatureValid(callbackSettings.zalo, rawBody, signature)) return { ok: false, reason: 'bad_signature' };
	let event: Record<string, unknown>;
	try {
		event = JSON.parse(rawBody) as Record<string, unknown>;
	} catch {
		return { ok: false, reason: 'unreadable' };
	}
	const report = readZaloReport(event);
	// another kind of Zalo event (a follow, a message from the user) is acknowledged and left alone
	if (!report) return { ok: true, known: false };
	const known = await applyDeliveryReport(db, { channel: 'zalo', providerId: report.msgId, outcome: report.outcome, answer: report.answer }, now, newId);
	return { ok: true, known };
}
