// Step 9, on an installation job: the customer signs on the tablet, confirmed by the code they received.
import { z } from 'zod';
import { checkSigningCode } from '../signing-code';
import { drawnSignature } from '../signing';
import { m } from '../../paraglide/messages.js';
import { both } from '../../text';
import { defineCommand } from './types';
import { sha256 } from './shared';

export const signOnSitePayload = z.object({
	contractVersion: z.number().int().min(1),
	contractSha256: sha256,
	code: z
		.string({ error: m.crew_field_enterTheSigningCode({}, { locale: 'vi' }) })
		.transform((s) => s.replace(/[\s-]/g, ''))
		.superRefine((code, ctx) => {
			const check = checkSigningCode(code);
			if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason.vi });
		}),
	signature: drawnSignature
});
export type SignOnSitePayload = z.infer<typeof signOnSitePayload>;

export const signOnSite = defineCommand({
	name: 'signOnSite',
	payload: signOnSitePayload,
	jobKinds: ['installation'],
	wrongJobKind: both(m.crew_field_onlyInstallationJobsTakeTheInstallation),
	states: ['contract_drafted'],
	photos: () => [],
	draft: 'sign',
	form: 'sign',
	section: 'signing',
	label: m.crew_command_signOnSite,
	completesJob: false,
	transitionOnly: false,
	// a signature is not one until the server accepted its code (the tablet checks only the check digit)
	awaitsCodeWhilePending: true,
	checkOnTablet: (signing, job) => {
		const contract = job.request.contract;
		if (!contract) {
			return { code: 'no_contract', field: '', reason: both(m.crew_field_theRequestHasNoContractOn) };
		}
		if (contract.version !== signing.contractVersion || contract.sha256 !== signing.contractSha256) {
			return {
				code: 'contract_changed',
				field: '',
				reason: both(m.crew_field_theContractOnThisTabletHas)
			};
		}
		return null;
	}
});
