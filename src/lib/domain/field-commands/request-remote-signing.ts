// Step 10 from the field: the customer is not there (or prefers to sign later online).
import { z } from 'zod';
import { m } from '../../paraglide/messages.js';
import { both } from '../../text';
import { defineCommand } from './types';

export const REMOTE_SIGNING_REASONS = ['customer_absent', 'customer_prefers_online'] as const;

export const remoteSigningPayload = z.object({
	reason: z.enum(REMOTE_SIGNING_REASONS, { error: m.crew_field_chooseAReason({}, { locale: 'vi' }) }),
	note: z.string().trim().max(500).default('')
});
export type RemoteSigningPayload = z.infer<typeof remoteSigningPayload>;

export const requestRemoteSigning = defineCommand({
	name: 'requestRemoteSigning',
	payload: remoteSigningPayload,
	jobKinds: ['installation'],
	wrongJobKind: both(m.crew_field_onlyInstallationJobsTakeTheInstallation),
	states: ['contract_drafted'],
	photos: () => [],
	draft: 'sign',
	form: 'remote',
	section: 'signing',
	label: m.crew_command_requestRemoteSigning,
	completesJob: false,
	transitionOnly: false
});
