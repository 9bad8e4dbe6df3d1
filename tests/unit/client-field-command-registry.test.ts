// The field-command registry: each entry declares what the rest iterates, its schema refuses what its form
// refuses (with the form's words), and the tablet and the server decide the same for the same payload.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCommandPayload, parseWith, blobsOf } from '$lib/domain/commands';
import { COMMAND_NAMES, fieldCommand, fieldCommands, jobRefusal, registry, sectionsOf } from '$lib/domain/field-commands';
import { METER_CHECK_WORDS, meterCheckPayloadFor } from '$lib/domain/field-commands/record-meter-check';
import { CONFIRM_PHOTO_AGAIN } from '$lib/domain/field-commands/record-installation';
import { checkEstimateTotal } from '$lib/domain/field-commands/submit-estimate';
import { TRANSITIONS } from '$lib/domain/workflow';
import { signingCodeFrom } from '$lib/domain/signing-code';
import { JOB_KINDS } from '$lib/domain/api';
import { checkCommand } from '$lib/client/optimistic';
import { prefilledMeterCheckDraft, validateMeterCheck, type CheckedMeter, type MeterCheckDraft } from '../../src/lib/components/field/meter-check-form';
import { makeJob } from './client-fixtures';

const DAY = 86_400_000;
const AT = new Date('2026-11-23T03:00:00.000Z');
const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const CODE = signingCodeFrom('12345');
const SIGNATURE = { imagePng: 'data:image/png;base64,iVBORw0KGgo=', strokes: [[{ x: 1, y: 2, time: 3 }]] };

function meter(type: 'mechanical' | 'electronic'): CheckedMeter {
	return {
		serial: 'HN-CT-0004',
		phases: 1,
		type,
		registerDigits: 6,
		readings: [5, 4, 3, 2, 1, 0].map((monthsBack) => ({
			at: new Date(AT.getTime() - (30 + monthsBack * 30) * DAY).toISOString(),
			kwh: 12_750 - monthsBack * 150,
			source: 'utility' as const,
			abnormal: false
		}))
	};
}

function draft(type: 'mechanical' | 'electronic', overrides: Partial<MeterCheckDraft> = {}): MeterCheckDraft {
	return {
		...prefilledMeterCheckDraft(meter(type), 'Nguyễn Văn Khách'),
		readingKwh: '12900',
		readingPhoto: [SHA_A],
		sealIntact: 'yes',
		result: 'accurate',
		errorPercent: '0,8',
		action: 'none',
		code: CODE,
		location: { lat: 21.03, lng: 105.85, accuracyM: 8 },
		...overrides
	};
}

const validPayload = (overrides: Record<string, unknown> = {}) => ({
	meterSerial: 'HN-CT-0004',
	readingKwh: 12_900,
	readingPhoto: SHA_A,
	sealIntact: true,
	result: 'accurate',
	errorPercent: 0.8,
	action: 'none',
	code: CODE,
	signature: { ...SIGNATURE, signerName: 'Nguyễn Văn Khách' },
	...overrides
});

describe('every registry entry', () => {
	it('is the workflow transition of its name, on the job kinds, states and draft it declares, with a label', () => {
		expect(COMMAND_NAMES).toEqual(Object.keys(registry));
		for (const def of fieldCommands) {
			expect(fieldCommand(def.name)).toBe(def);
			expect(TRANSITIONS[def.name].roles).toContain('crew');
			expect([...TRANSITIONS[def.name].from].sort()).toEqual([...def.states].sort());
			expect(def.jobKinds.length).toBeGreaterThan(0);
			expect(def.jobKinds.every((k) => (JOB_KINDS as readonly string[]).includes(k))).toBe(true);
			expect(def.label().length).toBeGreaterThan(0);
			expect(def.wrongJobKind.vi.length).toBeGreaterThan(0);
		}
		expect(fieldCommand('deleteEverything')).toBeUndefined();
		expect(blobsOf('deleteEverything', { photo: SHA_A })).toEqual([]);
	});

	it('names every photo of its payload', () => {
		expect(blobsOf('recordMeterCheck', validPayload({ sealPhoto: SHA_B, replacement: { newPhoto: 'c'.repeat(64), oldFinalPhoto: 'd'.repeat(64) } }))).toEqual([SHA_A, SHA_B, 'c'.repeat(64), 'd'.repeat(64)]);
		expect(blobsOf('submitSurvey', { sitePhotos: [SHA_A], meterPhotos: [SHA_B, 'not a hash'] })).toEqual([SHA_A, SHA_B]);
	});

	it('puts a pending command in its own part of the job panel', () => {
		expect([...sectionsOf(['submitSurvey', 'signOnSite', 'requestRemoteSigning', 'unknown'])]).toEqual(['survey', 'signing']);
	});
});

describe('the schema refuses what the form refuses, with the form’s words', () => {
	const formRefuses = (type: 'mechanical' | 'electronic', overrides: Partial<MeterCheckDraft>) => {
		const result = validateMeterCheck(draft(type, overrides), { meter: meter(type), at: AT, signature: SIGNATURE, stage: 'sign' });
		return result.ok ? {} : result.fields;
	};

	it('clock drift only on an electronic meter', () => {
		expect(formRefuses('mechanical', { result: 'clock_drift', errorPercent: '' }).result).toBe(METER_CHECK_WORDS.clockDriftElectronicOnly);
		const server = parseWith(meterCheckPayloadFor('mechanical'), validPayload({ result: 'clock_drift', errorPercent: null }));
		expect(server.ok ? null : server.refusal.fields.result).toBe(METER_CHECK_WORDS.clockDriftElectronicOnly);
		expect(parseWith(meterCheckPayloadFor('electronic'), validPayload({ result: 'clock_drift', errorPercent: null })).ok).toBe(true);
	});

	it('“fast” needs a positive error, “slow” a negative one', () => {
		expect(formRefuses('electronic', { result: 'fast', errorPercent: '-1' }).errorPercent).toBe(METER_CHECK_WORDS.fastNeedsPositive);
		expect(formRefuses('electronic', { result: 'slow', errorPercent: '1' }).errorPercent).toBe(METER_CHECK_WORDS.slowNeedsNegative);
		const fast = parseCommandPayload('recordMeterCheck', validPayload({ result: 'fast', errorPercent: 0 }));
		const slow = parseCommandPayload('recordMeterCheck', validPayload({ result: 'slow', errorPercent: 0.5 }));
		expect(fast.ok ? null : fast.refusal).toMatchObject({ code: 'invalid_data', fields: { errorPercent: METER_CHECK_WORDS.fastNeedsPositive } });
		expect(slow.ok ? null : slow.refusal).toMatchObject({ code: 'invalid_data', fields: { errorPercent: METER_CHECK_WORDS.slowNeedsNegative } });
		expect(parseCommandPayload('recordMeterCheck', validPayload({ result: 'slow', errorPercent: -0.5 })).ok).toBe(true);
	});

	it('the confirming photo differs from the first (meter check and installation)', () => {
		expect(formRefuses('electronic', { readingKwh: '20000', abnormalConfirmPhoto: [SHA_A] }).abnormalConfirmPhoto).toBe(METER_CHECK_WORDS.confirmPhotoAgain);
		const check = parseCommandPayload('recordMeterCheck', validPayload({ abnormalConfirmPhoto: SHA_A }));
		expect(check.ok ? null : check.refusal.fields.abnormalConfirmPhoto).toBe(METER_CHECK_WORDS.confirmPhotoAgain);
		expect(parseCommandPayload('recordMeterCheck', validPayload({ abnormalConfirmPhoto: SHA_B })).ok).toBe(true);
		const install = registry.recordInstallation.payload.safeParse({
			materials: [{ code: 'HOP-CT-1P', quantity: 1 }],
			meterSerial: 'HN-0001',
			meterReadingKwh: 0,
			meterPhoto: SHA_A,
			sealNumbers: ['S1'],
			beforePhotos: [SHA_A],
			afterPhotos: [SHA_B],
			abnormalConfirmPhoto: SHA_A
		});
		expect(install.success ? null : install.error.issues.find((i) => i.path[0] === 'abnormalConfirmPhoto')?.message).toBe(CONFIRM_PHOTO_AGAIN);
	});

	it('a stale total: the same code and words on the tablet and the server', () => {
		const refusal = checkEstimateTotal({ lines: [], vatPercent: 10, expectedTotal: 1, notes: '' });
		expect(refusal).toMatchObject({ code: 'price_changed', field: 'expectedTotal' });
		expect(refusal!.reason.vi).toContain('Tổng tiền không khớp');
	});
});

describe("a payload's check, kept with the payload", () => {
	it("answers each command's schema for the same object: a valid meter check is no estimate", () => {
		const payload = { meterSerial: 'HN-CT-0004', readingKwh: 12, readingPhoto: SHA_A, sealIntact: true, result: 'accurate', errorPercent: 0.2, action: 'none', notes: '', code: CODE, signature: { ...SIGNATURE, signerName: 'Khách' } };
		const asCheck = parseCommandPayload('recordMeterCheck', payload);
		expect(asCheck.ok).toBe(true);
		expect(parseCommandPayload('submitEstimate', payload).ok).toBe(false);
		// asked again, the same answer for each name
		expect(parseCommandPayload('recordMeterCheck', payload)).toBe(asCheck);
		expect(parseCommandPayload('submitEstimate', payload).ok).toBe(false);
		// an equal payload in another object is checked on its own
		expect(parseCommandPayload('recordMeterCheck', { ...payload, readingKwh: -1 }).ok).toBe(false);
	});
});

describe('the tablet and the server decide alike', () => {
	it('a job of another kind or cancelled: the same code and words', () => {
		for (const def of fieldCommands) {
			for (const kind of JOB_KINDS) {
				for (const status of ['assigned', 'done', 'cancelled'] as const) {
					const job = { ...makeJob('j1'), kind, status };
					const server = jobRefusal(def, job);
					const tablet = checkCommand(job, def.name, job.request.version);
					if (server) expect(tablet).toMatchObject({ ok: false, code: server.code, reason: server.reason });
					else expect(tablet.ok === false && ['wrong_job_kind', 'job_cancelled'].includes(tablet.code)).toBe(false);
				}
			}
		}
	});

	it('random meter check payloads: the tablet’s refusal (schema, then the meter’s rules) is the server’s', () => {
		const photo = fc.constantFrom(SHA_A, SHA_B, 'c'.repeat(64));
		fc.assert(
			fc.property(
				fc.constantFrom('mechanical' as const, 'electronic' as const),
				fc.constantFrom('accurate', 'fast', 'slow', 'stopped', 'damaged', 'clock_drift', 'bogus'),
				fc.option(fc.double({ min: -150, max: 1200, noNaN: true }), { nil: null }),
				fc.option(photo, { nil: null }),
				photo,
				(type, result, errorPercent, confirm, readingPhoto) => {
					const payload = validPayload({ result, errorPercent, abnormalConfirmPhoto: confirm, readingPhoto });
					const def = registry.recordMeterCheck;
					// the tablet: the outbox parses with the entry's schema, then checks the payload against its job's meter
					const parsed = def.payload.safeParse(payload);
					const job = { request: { ...makeJob('j1').request, meter: { ...meter(type), removedAt: null } } };
					const tabletFields = !parsed.success
						? Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]).reverse())
						: (() => {
								const refused = def.checkOnTablet?.(parsed.data, job as never);
								return refused ? { [refused.field]: refused.reason.vi } : {};
							})();
					// the server: the push's screening, then the meter's rules in the command's module
					const screened = parseCommandPayload('recordMeterCheck', payload);
					const serverRefusal = !screened.ok ? screened.refusal : (() => {
						const ruled = parseWith(meterCheckPayloadFor(type), payload);
						return ruled.ok ? null : ruled.refusal;
					})();
					expect(serverRefusal === null).toBe(Object.keys(tabletFields).length === 0);
					if (serverRefusal) {
						for (const [field, words] of Object.entries(serverRefusal.fields)) if (field in tabletFields) expect(tabletFields[field]).toBe(words);
					}
				}
			),
			{ numRuns: 300 }
		);
	});
});
