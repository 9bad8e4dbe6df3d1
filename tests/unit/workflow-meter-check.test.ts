import { describe, expect, it } from 'vitest';
import { blobsOf, meterCheckPayload, type MeterCheckInput } from '../../src/lib/domain/commands';
import { signingCodeFrom } from '../../src/lib/domain/signing-code';
import { applyTransition, availableTransitions, isMeterCheckService, STATE_LABELS, stateLabelFor, TRANSITIONS, transitionLabelFor } from '../../src/lib/domain/workflow';

const sha = (c: string) => c.repeat(64);

function payload(overrides: Partial<MeterCheckInput> = {}): MeterCheckInput {
	return {
		meterSerial: 'ct-0001',
		readingKwh: 1234.5,
		readingPhoto: sha('a'),
		sealIntact: true,
		result: 'accurate',
		errorPercent: 0.5,
		action: 'none',
		code: signingCodeFrom('12345'),
		signature: { imagePng: 'data:image/png;base64,AAAA', strokes: [[{ x: 1, y: 1, time: 0 }]], signerName: 'Đỗ Thị Mai' },
		...overrides
	};
}

const fieldsOf = (input: MeterCheckInput) => {
	const parsed = meterCheckPayload.safeParse(input);
	return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('the meter check workflow (services 41, 42)', () => {
	const scheduled = { state: 'survey_scheduled' as const, version: 2, installed: false };

	it('is dispatched, then checked on site, which closes it', () => {
		expect(isMeterCheckService(41) && isMeterCheckService(42) && !isMeterCheckService(2)).toBe(true);
		expect(availableTransitions({ ...scheduled, serviceNumber: 41 }, 'crew')).toEqual(['recordMeterCheck']);
		const done = applyTransition({ ...scheduled, serviceNumber: 42 }, 'recordMeterCheck', 'crew');
		expect(done).toMatchObject({ ok: true, to: 'completed', request: { version: 3, serviceNumber: 42 } });
		expect(applyTransition({ state: 'submitted', version: 1, installed: false, serviceNumber: 41 }, 'scheduleSurvey', 'supervisor').ok).toBe(true);
	});

	it('names a dispatched meter check as such, and every other state as the wiring workflow does', () => {
		expect(stateLabelFor('survey_scheduled', 41)).toEqual({ vi: 'Đã hẹn kiểm tra công tơ', en: 'Meter check scheduled' });
		expect(stateLabelFor('survey_scheduled', 2)).toBe(STATE_LABELS.survey_scheduled);
		expect(stateLabelFor('survey_scheduled')).toBe(STATE_LABELS.survey_scheduled);
		expect(stateLabelFor('completed', 42)).toBe(STATE_LABELS.completed);
		expect(transitionLabelFor('scheduleSurvey', 41)).toEqual({ vi: 'Hẹn kiểm tra công tơ', en: 'Schedule the meter check' });
		expect(transitionLabelFor('scheduleSurvey', 2)).toBe(TRANSITIONS.scheduleSurvey.label);
		expect(transitionLabelFor('recordMeterCheck', 41)).toBe(TRANSITIONS.recordMeterCheck.label);
	});

	it('refuses the wiring steps on a meter check, and the meter check on a wiring request', () => {
		const survey = applyTransition({ ...scheduled, serviceNumber: 41 }, 'submitSurvey', 'crew');
		expect(survey).toMatchObject({ ok: false, code: 'not_in_workflow' });
		if (!survey.ok) expect(survey.reason.vi).toBe('Thao tác "Gửi khảo sát" không thuộc quy trình "Kiểm tra công tơ tại hiện trường" của dịch vụ số 41');
		expect(applyTransition({ ...scheduled, serviceNumber: 2 }, 'recordMeterCheck', 'crew')).toMatchObject({ ok: false, code: 'not_in_workflow' });
		// only the crew records it
		expect(applyTransition({ ...scheduled, serviceNumber: 41 }, 'recordMeterCheck', 'supervisor')).toMatchObject({ ok: false, code: 'forbidden_role' });
	});
});

describe('the meter check command', () => {
	it('takes a complete check and normalises the serial and the code', () => {
		const parsed = meterCheckPayload.parse(payload({ code: '123 45' + signingCodeFrom('12345').slice(5) }));
		expect(parsed).toMatchObject({ meterSerial: 'CT-0001', code: signingCodeFrom('12345'), sealPhoto: null, replacement: null, abnormalConfirmPhoto: null });
	});

	it('asks for what each answer needs: a seal photo, the error, the new meter', () => {
		expect(fieldsOf(payload({ sealIntact: false }))).toEqual({ sealPhoto: 'Niêm phong không còn nguyên: cần ảnh niêm phong' });
		expect(fieldsOf(payload({ result: 'slow', errorPercent: null }))).toEqual({ errorPercent: 'Nhập sai số đo được (%)' });
		// a stopped meter has no error to measure
		expect(fieldsOf(payload({ result: 'stopped', errorPercent: null }))).toEqual({});
		expect(fieldsOf(payload({ action: 'replaced' }))).toHaveProperty('replacement');
		expect(fieldsOf(payload({ readingKwh: 1.25 }))).toEqual({ readingKwh: 'Chỉ số tối đa 1 chữ số thập phân' });
		expect(fieldsOf(payload({ code: '123456' }))).toHaveProperty('code');
	});

	it('checks a replacement against the meter it replaces, and lists every photo for upload', () => {
		const replacement = { newSerial: 'CT-0001', newType: 'electronic' as const, newPhases: 1 as const, newRegisterDigits: 6, newReadingKwh: 0, newPhoto: sha('b'), oldFinalKwh: 1200, oldFinalPhoto: sha('c') };
		expect(fieldsOf(payload({ action: 'replaced', replacement }))).toEqual({
			'replacement.newSerial': 'Số sê-ri công tơ mới trùng công tơ cũ',
			'replacement.oldFinalKwh': 'Chỉ số chốt công tơ cũ nhỏ hơn chỉ số vừa đọc'
		});
		const good = payload({ action: 'replaced', replacement: { ...replacement, newSerial: 'CT-0002', oldFinalKwh: 1235 }, sealIntact: false, sealPhoto: sha('d'), abnormalConfirmPhoto: sha('e') });
		expect(fieldsOf(good)).toEqual({});
		expect(blobsOf('recordMeterCheck', good).sort()).toEqual([sha('a'), sha('b'), sha('c'), sha('d'), sha('e')]);
	});
});
