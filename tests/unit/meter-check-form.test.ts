// The meter check form's model (issue 6): prefill, the shared reading checks run as the crew types, the second
// photo an abnormal reading needs, the replacement, the two steps (crew, then customer) and redo round trips.
import { describe, expect, it } from 'vitest';
import { meterCheckPayload } from '$lib/domain/commands';
import { signingCodeFrom } from '$lib/domain/signing-code';
import {
	codeStatus,
	isAbnormal,
	isSigningField,
	meterCheckCandidate,
	meterCheckDraftFrom,
	meterCheckPreview,
	parseSignedDecimal,
	prefilledMeterCheckDraft,
	readingVerdicts,
	resultsFor,
	sameMeterCheckContent,
	validateMeterCheck,
	type CheckedMeter,
	type MeterCheckDraft,
	type SignatureDrawing
} from '../../src/lib/components/field/meter-check-form';

const DAY = 86_400_000;
const AT = new Date('2026-11-23T03:00:00.000Z');
const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const SHA_C = 'c'.repeat(64);
const SHA_D = 'd'.repeat(64);
const SHA_E = 'e'.repeat(64);
const CODE = signingCodeFrom('12345');
const SIGNATURE: SignatureDrawing = { imagePng: 'data:image/png;base64,iVBORw0KGgo=', strokes: [[{ x: 1, y: 2, time: 3 }]] };

/** Six monthly utility readings, 150 kWh a month (5 kWh/day), the last 30 days before AT at 12 750 kWh. */
function meter(type: 'mechanical' | 'electronic' = 'electronic'): CheckedMeter {
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

function draft(overrides: Partial<MeterCheckDraft> = {}): MeterCheckDraft {
	return {
		...prefilledMeterCheckDraft(meter(), 'Nguyễn Văn Khách'),
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

const replacement = {
	action: 'replaced' as const,
	result: 'stopped' as const,
	errorPercent: '',
	oldFinalKwh: '12900,5',
	oldFinalPhoto: [SHA_B],
	newSerial: 'hn-ct-9001',
	newReadingKwh: '0',
	newPhoto: [SHA_C]
};

const sign = { meter: meter(), at: AT, signature: SIGNATURE, stage: 'sign' as const };

describe('prefill and the choices offered', () => {
	it('the new meter defaults to the old one (like for like), the signer to the customer; nothing of the check is filled in', () => {
		const d = prefilledMeterCheckDraft({ phases: 3, type: 'mechanical', registerDigits: 5 }, 'Trần Thị B');
		expect(d).toMatchObject({ newType: 'mechanical', newPhases: '3', newRegisterDigits: '5', signerName: 'Trần Thị B', readingKwh: '', result: '', action: '' });
		expect(prefilledMeterCheckDraft(null).newType).toBe('');
	});

	it('clock drift is offered for electronic meters only', () => {
		expect(resultsFor('electronic')).toContain('clock_drift');
		expect(resultsFor('mechanical')).not.toContain('clock_drift');
		expect(resultsFor('mechanical')).toEqual(['accurate', 'fast', 'slow', 'stopped', 'damaged']);
	});

	it('a signed error is typed the Vietnamese way', () => {
		expect(parseSignedDecimal('-2,5')).toBe(-2.5);
		expect(parseSignedDecimal('+1.25')).toBe(1.25);
		expect(parseSignedDecimal('0')).toBe(0);
		expect(parseSignedDecimal('  ')).toBeUndefined();
		expect(parseSignedDecimal('2,5%')).toBeNaN();
	});

	it('signing fields are told apart from the crew part', () => {
		expect(['code', 'signature', 'signature.strokes', 'signature.signerName'].every(isSigningField)).toBe(true);
		expect(['readingKwh', 'replacement.newSerial', 'abnormalConfirmPhoto'].some(isSigningField)).toBe(false);
	});
});

describe('validateMeterCheck', () => {
	it('a complete check gives the recordMeterCheck payload of the request’s meter, accepted by the shared schema', () => {
		const result = validateMeterCheck(draft(), sign);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.payload).toMatchObject({
			meterSerial: 'HN-CT-0004',
			readingKwh: 12_900,
			readingPhoto: SHA_A,
			sealIntact: true,
			sealPhoto: null,
			result: 'accurate',
			errorPercent: 0.8,
			action: 'none',
			replacement: null,
			abnormalConfirmPhoto: null,
			code: CODE,
			signature: { signerName: 'Nguyễn Văn Khách', imagePng: SIGNATURE.imagePng }
		});
		expect(meterCheckPayload.safeParse(result.payload).success).toBe(true);
	});

	it('step 1 says only what the crew must fix; step 2 also asks for the signature and the code', () => {
		const d = draft({ code: '', readingPhoto: [] });
		const crew = validateMeterCheck(d, { ...sign, signature: null, stage: 'check' });
		expect(crew.ok).toBe(false);
		if (crew.ok) return;
		expect(Object.keys(crew.fields)).toEqual(['readingPhoto']);
		expect(crew.fields.readingPhoto).toBe('Cần 1 ảnh mặt công tơ');

		const all = validateMeterCheck(d, { ...sign, signature: null });
		expect(all.ok).toBe(false);
		if (all.ok) return;
		expect(all.fields['signature.strokes']).toBe('Chưa có chữ ký');
		expect(all.fields['signature.imagePng']).toBeUndefined();
		expect(all.fields.code).toBeDefined();
		expect(all.fields.readingPhoto).toBeDefined();
	});

	it('a complete crew part passes step 1 with no signature yet', () => {
		const crew = validateMeterCheck(draft({ code: '' }), { ...sign, signature: null, stage: 'check' });
		expect(crew.ok).toBe(false);
		if (!crew.ok) expect(crew.fields).toEqual({});
	});

	it('a mistyped code is caught offline by its check digit', () => {
		const typo = CODE.slice(0, 5) + String((Number(CODE[5]) + 1) % 10);
		expect(codeStatus(typo)?.ok).toBe(false);
		expect(codeStatus(CODE)?.ok).toBe(true);
		expect(codeStatus('123')).toBeNull();
		const result = validateMeterCheck(draft({ code: typo }), sign);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.fields.code).toContain('gõ nhầm');
	});

	it('a reading below the previous one is refused with the shared reason, next to the field', () => {
		const result = validateMeterCheck(draft({ readingKwh: '12749' }), sign);
		expect(result.verdicts.reading).toMatchObject({ ok: false, code: 'below_previous' });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.fields.readingKwh).toContain('nhỏ hơn chỉ số lần trước');
	});

	it('a reading longer than the register is refused', () => {
		const result = validateMeterCheck(draft({ readingKwh: '1000000' }), sign);
		expect(result.verdicts.reading).toMatchObject({ ok: false, code: 'too_many_digits' });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.fields.readingKwh).toContain('6 chữ số');
	});

	it('exactly three times the usual use is normal; above it the reading is abnormal and needs a second photo', () => {
		// 30 days at 5 kWh/day usual: 450 kWh is exactly 3×
		const edge = validateMeterCheck(draft({ readingKwh: String(12_750 + 450) }), sign);
		expect(isAbnormal(edge.verdicts)).toBe(false);
		expect(edge.ok).toBe(true);

		const high = draft({ readingKwh: String(12_750 + 451) });
		const flagged = validateMeterCheck(high, sign);
		expect(isAbnormal(flagged.verdicts)).toBe(true);
		expect(flagged.ok).toBe(false);
		if (!flagged.ok) expect(flagged.fields.abnormalConfirmPhoto).toContain('Chỉ số bất thường');
		// the flag is said in step 1 already
		const crew = validateMeterCheck(high, { ...sign, stage: 'check' });
		expect(crew.ok).toBe(false);
		if (!crew.ok) expect(Object.keys(crew.fields)).toEqual(['abnormalConfirmPhoto']);

		const samePhoto = validateMeterCheck({ ...high, abnormalConfirmPhoto: [SHA_A] }, sign);
		expect(samePhoto.ok).toBe(false);
		if (!samePhoto.ok) expect(samePhoto.fields.abnormalConfirmPhoto).toContain('khác ảnh đầu tiên');

		const confirmed = validateMeterCheck({ ...high, abnormalConfirmPhoto: [SHA_D] }, sign);
		expect(confirmed.ok).toBe(true);
		if (confirmed.ok) expect(confirmed.payload.abnormalConfirmPhoto).toBe(SHA_D);
	});

	it('re-entering a normal reading drops a confirmation photo taken for the abnormal one', () => {
		const result = validateMeterCheck(draft({ abnormalConfirmPhoto: [SHA_D] }), sign);
		expect(result.ok).toBe(true);
		if (result.ok) expect(result.payload.abnormalConfirmPhoto).toBeNull();
	});

	it('a broken seal needs its photo; the error is asked for accurate/fast/slow only and must match the direction', () => {
		const seal = validateMeterCheck(draft({ sealIntact: 'no' }), sign);
		expect(seal.ok).toBe(false);
		if (!seal.ok) expect(seal.fields.sealPhoto).toContain('cần ảnh niêm phong');
		const withPhoto = validateMeterCheck(draft({ sealIntact: 'no', sealPhoto: [SHA_E] }), sign);
		expect(withPhoto.ok && withPhoto.payload.sealPhoto).toBe(SHA_E);

		const missing = validateMeterCheck(draft({ errorPercent: '' }), sign);
		expect(missing.ok).toBe(false);
		if (!missing.ok) expect(missing.fields.errorPercent).toBe('Nhập sai số đo được (%)');

		const fast = validateMeterCheck(draft({ result: 'fast', errorPercent: '-3' }), sign);
		expect(fast.ok).toBe(false);
		if (!fast.ok) expect(fast.fields.errorPercent).toContain('lớn hơn 0');
		const slow = validateMeterCheck(draft({ result: 'slow', errorPercent: '-3,5' }), sign);
		expect(slow.ok && slow.payload.errorPercent).toBe(-3.5);

		// stopped: no error is sent even if one was typed before changing the result
		const stopped = validateMeterCheck(draft({ result: 'stopped', errorPercent: '4' }), sign);
		expect(stopped.ok && stopped.payload.errorPercent).toBeNull();
	});

	it('clock drift on a mechanical meter is refused', () => {
		const result = validateMeterCheck(draft({ result: 'clock_drift' }), { ...sign, meter: meter('mechanical') });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.fields.result).toContain('công tơ điện tử');
		expect(validateMeterCheck(draft({ result: 'clock_drift' }), sign).ok).toBe(true);
	});
});

describe('replacement', () => {
	it('a replacement carries the old meter’s final reading and the new meter, each with its photo', () => {
		const result = validateMeterCheck(draft(replacement), sign);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.payload.replacement).toEqual({
			newSerial: 'HN-CT-9001',
			newType: 'electronic',
			newPhases: 1,
			newRegisterDigits: 6,
			newReadingKwh: 0,
			newPhoto: SHA_C,
			oldFinalKwh: 12_900.5,
			oldFinalPhoto: SHA_B
		});
		expect(result.payload.errorPercent).toBeNull();
	});

	it('names every missing part of the replacement', () => {
		const result = validateMeterCheck(draft({ action: 'replaced', result: 'damaged', errorPercent: '' }), { ...sign, stage: 'check' });
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(Object.keys(result.fields).sort()).toEqual(
			[
				'replacement.newPhoto',
				'replacement.newReadingKwh',
				'replacement.newSerial',
				'replacement.oldFinalKwh',
				'replacement.oldFinalPhoto'
			].sort()
		);
		expect(result.fields['replacement.newPhoto']).toBe('Cần 1 ảnh mặt công tơ mới');
	});

	it('the new meter’s first reading is checked against its own register only (replaced): below the old one is fine, too many digits is not', () => {
		const low = validateMeterCheck(draft({ ...replacement, newReadingKwh: '3' }), sign);
		expect(low.verdicts.newReading).toMatchObject({ ok: true, abnormal: false });
		expect(low.ok).toBe(true);

		const long = validateMeterCheck(draft({ ...replacement, newRegisterDigits: '5', newReadingKwh: '100000' }), sign);
		expect(long.verdicts.newReading).toMatchObject({ ok: false, code: 'too_many_digits' });
		expect(long.ok).toBe(false);
		if (!long.ok) expect(long.fields['replacement.newReadingKwh']).toContain('5 chữ số');
	});

	it('the old meter’s final reading is checked like any reading: below the previous one refused, far above flagged', () => {
		const below = validateMeterCheck(draft({ ...replacement, readingKwh: '12700', oldFinalKwh: '12700' }), sign);
		expect(below.ok).toBe(false);
		if (!below.ok) {
			expect(below.fields.readingKwh).toContain('nhỏ hơn chỉ số lần trước');
			expect(below.fields['replacement.oldFinalKwh']).toContain('nhỏ hơn chỉ số lần trước');
		}
		const far = draft({ ...replacement, oldFinalKwh: String(12_750 + 900) });
		const verdicts = readingVerdicts(far, meter(), AT);
		expect(verdicts.reading).toMatchObject({ ok: true, abnormal: false });
		expect(verdicts.oldFinal).toMatchObject({ ok: true, abnormal: true });
		const result = validateMeterCheck(far, sign);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.fields.abnormalConfirmPhoto).toBeDefined();
		expect(validateMeterCheck({ ...far, abnormalConfirmPhoto: [SHA_D] }, sign).ok).toBe(true);
	});

	it('the new meter cannot carry the old serial; the final reading cannot be below the reading just taken', () => {
		const same = validateMeterCheck(draft({ ...replacement, newSerial: 'hn-ct-0004' }), sign);
		expect(same.ok).toBe(false);
		if (!same.ok) expect(same.fields['replacement.newSerial']).toBe('Số sê-ri công tơ mới trùng công tơ cũ');
		const earlier = validateMeterCheck(draft({ ...replacement, oldFinalKwh: '12899' }), sign);
		expect(earlier.ok).toBe(false);
		if (!earlier.ok) expect(earlier.fields['replacement.oldFinalKwh']).toBe('Chỉ số chốt công tơ cũ nhỏ hơn chỉ số vừa đọc');
	});

	it('switching away from a replacement sends none, whatever was typed for it', () => {
		const result = validateMeterCheck(draft({ ...replacement, action: 'adjusted' }), sign);
		expect(result.ok).toBe(true);
		if (result.ok) expect(result.payload.replacement).toBeNull();
	});
});

describe('drafts, redo and the customer’s preview', () => {
	it('a rejected command’s payload goes back into the form as typed values (redo), and validates to the same payload', () => {
		const first = validateMeterCheck(draft({ ...replacement, notes: 'Công tơ không quay', abnormalConfirmPhoto: [] }), sign);
		expect(first.ok).toBe(true);
		if (!first.ok) return;
		const back = meterCheckDraftFrom(JSON.parse(JSON.stringify(first.payload)), prefilledMeterCheckDraft(meter()));
		expect(back).not.toBeNull();
		expect(back).toMatchObject({ readingKwh: '12900', oldFinalKwh: '12900,5', newSerial: 'HN-CT-9001', newPhases: '1', sealIntact: 'yes', code: CODE, signerName: 'Nguyễn Văn Khách' });
		const again = validateMeterCheck(back!, sign);
		expect(again.ok && again.payload).toEqual(first.payload);
	});

	it('a stored draft reads back; garbage does not', () => {
		const d = draft({ sealIntact: 'no', sealPhoto: [SHA_E] });
		expect(meterCheckDraftFrom(JSON.parse(JSON.stringify(d)))).toEqual(d);
		expect(meterCheckDraftFrom(null)).toBeNull();
		expect(meterCheckDraftFrom('x')).toBeNull();
		expect(meterCheckDraftFrom({ result: 'exploded', action: 42 })).toMatchObject({ result: '', action: '' });
	});

	it('opening the form with only a GPS fix is not a draft', () => {
		const base = prefilledMeterCheckDraft(meter(), 'A');
		expect(sameMeterCheckContent(base, { ...base, location: { lat: 1, lng: 2, accuracyM: 3 } })).toBe(true);
		expect(sameMeterCheckContent(base, { ...base, readingKwh: '1' })).toBe(false);
	});

	it('the customer reads the check as it will be recorded, abnormal flag and reason included', () => {
		const high = draft({ ...replacement, readingKwh: String(12_750 + 600), oldFinalKwh: String(12_750 + 600), abnormalConfirmPhoto: [SHA_D] });
		const preview = meterCheckPreview(high, meter(), AT);
		expect(preview).toMatchObject({
			meterSerial: 'HN-CT-0004',
			readingKwh: 13_350,
			abnormal: true,
			abnormalConfirmPhoto: SHA_D,
			result: 'stopped',
			errorPercent: null,
			replacement: { newSerial: 'HN-CT-9001', newReadingKwh: 0, oldFinalKwh: 13_350 }
		});
		expect(preview?.abnormalReason).toContain('Bất thường');
		expect(meterCheckPreview(draft({ readingPhoto: [] }), meter(), AT)).toBeNull();
	});

	it('the candidate leaves missing values undefined so the schema names them', () => {
		const c = meterCheckCandidate(prefilledMeterCheckDraft(meter()), meter(), null, false);
		expect(c).toMatchObject({ meterSerial: 'HN-CT-0004', readingKwh: undefined, readingPhoto: undefined, sealIntact: undefined, result: undefined, action: undefined, replacement: null });
	});
});
