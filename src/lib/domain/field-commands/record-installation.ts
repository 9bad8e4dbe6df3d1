// Step 8, on an installation job: what was actually installed, with the meter handover evidence.
import { z } from 'zod';
import { m } from '../../paraglide/messages.js';
import { both } from '../../text';
import { draftsAddendumIn, installedContract, reopensSigningIn } from '../installed-contract';
import { sha256Text } from '../installed-contract-sha256';
import { defineCommand, type JobRequest, type MaterialLookup } from './types';
import { hashesIn, loose, materialLines, meterSerial, sha256 } from './shared';

export const installationPayload = z
	.object({
		materials: materialLines(m.crew_field_recordAtLeast1MaterialUsed({}, { locale: 'vi' })),
		meterSerial,
		meterReadingKwh: z
			.number({ error: m.crew_field_enterTheMeterReadingKwh({}, { locale: 'vi' }) })
			.min(0, m.crew_field_theMeterReadingCannotBeNegative({}, { locale: 'vi' }))
			.max(999_999.9, m.crew_field_theReadingHasMoreDigitsThan({}, { locale: 'vi' }))
			.refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-6, { message: m.crew_field_atMost1Decimal({}, { locale: 'vi' }) }),
		meterPhoto: sha256,
		sealNumbers: z.array(z.string().trim().min(1).max(32)).min(1, m.crew_field_enterAtLeast1SealNumber({}, { locale: 'vi' })).max(6),
		beforePhotos: z.array(sha256).min(1, m.crew_field_atLeast1PhotoBeforeThe({}, { locale: 'vi' })).max(10, m.crew_field_atMost10Photos({}, { locale: 'vi' })),
		afterPhotos: z.array(sha256).min(1, m.crew_field_atLeast1PhotoAfterThe({}, { locale: 'vi' })).max(10, m.crew_field_atMost10Photos({}, { locale: 'vi' })),
		notes: z.string().trim().max(2000, m.crew_field_atMost2000Characters({}, { locale: 'vi' })).default(''),
		/** A second photo of the meter face when the handover reading of a registered meter is abnormal. */
		abnormalConfirmPhoto: sha256.nullable().default(null)
	})
	.superRefine((p, ctx) => {
		if (p.abnormalConfirmPhoto !== null && p.abnormalConfirmPhoto === p.meterPhoto) {
			ctx.addIssue({ code: 'custom', path: ['abnormalConfirmPhoto'], message: CONFIRM_PHOTO_AGAIN });
		}
	});
export type InstallationPayload = z.infer<typeof installationPayload>;

/** The confirming photo of an abnormal reading is a second photo, never the first one again (form and server). */
export const CONFIRM_PHOTO_AGAIN = m.crew_field_theConfirmingPhotoMustBeA({}, { locale: 'vi' });

export const recordInstallation = defineCommand({
	name: 'recordInstallation',
	payload: installationPayload,
	jobKinds: ['installation'],
	wrongJobKind: both(m.crew_field_onlyInstallationJobsTakeTheInstallation),
	states: ['contract_drafted', 'awaiting_remote_signature', 'correction_requested', 'customer_signed', 'utility_signed'],
	photos: (payload) => {
		const p = loose(payload);
		return [...hashesIn([p.meterPhoto, p.abnormalConfirmPhoto]), ...hashesIn(p.beforePhotos), ...hashesIn(p.afterPhotos)];
	},
	draft: 'install',
	form: 'install',
	section: 'installation',
	label: m.crew_command_recordInstallation,
	completesJob: false,
	transitionOnly: false,
	// the server completes the request at once when the installation arrives after the countersignature (unless what
	// was installed differs: the effect has then sent the request back to the customer's signature)
	then: { from: 'utility_signed', name: 'complete' },
	// an installation that differs from the contract is signed as an addendum, which the tablet renders offline
	effect: (request, payload, submittedAt, lookup) => {
		const parsed = installationPayload.safeParse(payload);
		if (!parsed.success) return request;
		const contract = installedContractOnTablet(request, parsed.data, submittedAt, lookup);
		if (!contract) return request;
		// signed already: the server sends the request back to the customer's signature (sendInstalledAddendum, one
		// more version of the request), and the tablet shows the same
		if (reopensSigningIn(request.state)) return { ...request, contract, state: 'awaiting_remote_signature', version: request.version + 1 };
		return { ...request, contract };
	}
});

/**
 * The addendum the server drafts when this installation arrives (server/services/field-commands/record-installation.ts),
 * rendered on the tablet from the contract and estimate it holds: same inputs, same text, same SHA-256.
 */
export function installedContractOnTablet(request: JobRequest, installation: Pick<InstallationPayload, 'materials'>, submittedAt: string, lookup: MaterialLookup) {
	const base = request.contract;
	const contracted = request.estimate;
	if (!base || !contracted || !draftsAddendumIn(request.state)) return null;
	const addendum = installedContract({
		requestCode: request.code,
		customerName: request.customer.name,
		base: { version: base.version, sha256: base.sha256 },
		contracted,
		installed: installation.materials,
		installedAt: new Date(submittedAt),
		lookup
	});
	if (!addendum) return null;
	return { version: addendum.version, sha256: sha256Text(addendum.body), body: addendum.body, draftedAt: submittedAt };
}
