// The installation's handover reading (issue 6 §2): the server checks it against the register when the meter is
// already there, and rejects an abnormal one without a second photo. The crew answers in the installation form:
// the rejected payload comes back with its photo slot, the second photo goes with the command and its blobs.
import { describe, expect, it } from 'vitest';
import { blobsOf } from '$lib/domain/commands';
import { installationLines } from '$lib/components/field/command-text';
import { materialLookup } from '$lib/components/field/estimate-form';
import { emptyInstallDraft, installDraftFrom, validateInstall, type InstallDraft } from '$lib/components/field/install-form';
import { SHA_A, SHA_B, SHA_C } from './client-fixtures';

const SHA_D = 'd'.repeat(64);
const lookup = materialLookup(undefined);

function draft(overrides: Partial<InstallDraft> = {}): InstallDraft {
	return {
		...emptyInstallDraft(),
		materials: [{ code: 'CB-BV-1P-40', quantity: '1' }],
		meterSerial: 'HN-CT-0006',
		meterReadingKwh: '3500',
		meterPhoto: [SHA_A],
		sealNumbers: ['NP-1'],
		beforePhotos: [SHA_B],
		afterPhotos: [SHA_C],
		...overrides
	};
}

describe('installation handover reading confirmed by a second photo', () => {
	it('a new form has no second photo and sends none', () => {
		expect(emptyInstallDraft().abnormalConfirmPhoto).toEqual([]);
		const result = validateInstall(draft(), lookup);
		expect(result.ok && result.payload.abnormalConfirmPhoto).toBeNull();
	});

	it('the second photo goes with the command and is uploaded with the others', () => {
		const result = validateInstall(draft({ abnormalConfirmPhoto: [SHA_D] }), lookup);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.payload.abnormalConfirmPhoto).toBe(SHA_D);
		expect(blobsOf('recordInstallation', result.payload).sort()).toEqual([SHA_A, SHA_B, SHA_C, SHA_D]);
		expect(installationLines(result.payload).join('\n')).toContain('Ảnh thứ hai xác nhận chỉ số bàn giao');
	});

	it('the meter face photo again is not a confirmation', () => {
		const result = validateInstall(draft({ abnormalConfirmPhoto: [SHA_A] }), lookup);
		expect(result).toEqual({ ok: false, fields: { abnormalConfirmPhoto: 'Ảnh xác nhận phải là một ảnh chụp lại, khác ảnh đầu tiên' } });
	});

	it('a rejected payload ("Làm lại") comes back with its second photo, or with an empty slot to fill', () => {
		const sent = validateInstall(draft({ abnormalConfirmPhoto: [SHA_D] }), lookup);
		expect(sent.ok).toBe(true);
		if (!sent.ok) return;
		expect(installDraftFrom(JSON.parse(JSON.stringify(sent.payload)))?.abnormalConfirmPhoto).toEqual([SHA_D]);
		expect(installDraftFrom({ ...sent.payload, abnormalConfirmPhoto: null })?.abnormalConfirmPhoto).toEqual([]);
		// drafts stored before this field existed still read
		const { abnormalConfirmPhoto: _gone, ...old } = draft();
		expect(installDraftFrom(old)?.abnormalConfirmPhoto).toEqual([]);
	});
});
