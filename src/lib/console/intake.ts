// The intake form's values → the body of POST /api/requests, with the checks only the form can make.
import type { IntakeBody } from '$lib/domain/board';
import { isMeterCheckService } from '$lib/domain/workflow';

/** The body of POST /api/requests as the console sends it: the meter serial only for a meter check. */
export type IntakeRequest = Omit<IntakeBody, 'meterSerial'> & { meterSerial?: string | null };

export interface IntakeForm {
	serviceNumber: number | null;
	name: string;
	phone: string;
	email: string;
	address: string;
	lat: string;
	lng: string;
	/** Meter checks (services 41, 42) only: the serial of the meter to check. */
	meterSerial: string;
}

export const EMPTY_INTAKE: IntakeForm = Object.freeze({ serviceNumber: null, name: '', phone: '', email: '', address: '', lat: '', lng: '', meterSerial: '' }) as IntakeForm;

/** Whether the form asks for a meter serial: the chosen service is a meter check. */
export function asksMeterSerial(form: Pick<IntakeForm, 'serviceNumber'>): boolean {
	return form.serviceNumber !== null && isMeterCheckService(form.serviceNumber);
}

function parseCoordinate(value: string): number | null {
	const n = Number(value.trim().replace(',', '.'));
	return value.trim() !== '' && Number.isFinite(n) ? n : null;
}

/**
 * The request body, or the field errors found before sending (only what the server cannot tell apart: a half
 * location). Everything else — service, name, phone, email, address, the meter serial of a meter check — the server
 * checks and names by field.
 */
export function intakeBodyOf(
	form: IntakeForm,
	messages: { locationPair: string },
	documents: readonly string[] = []
): { body: IntakeRequest; errors: null } | { body: null; errors: Record<string, string> } {
	const lat = parseCoordinate(form.lat);
	const lng = parseCoordinate(form.lng);
	const bothEmpty = form.lat.trim() === '' && form.lng.trim() === '';
	if (!bothEmpty && (lat === null || lng === null)) return { body: null, errors: { location: messages.locationPair } };
	return {
		errors: null,
		body: {
			// left out when none is chosen, so the server names the field
			serviceNumber: form.serviceNumber as number,
			customer: { name: form.name, phone: form.phone, email: form.email.trim() === '' ? null : form.email.trim() },
			address: form.address,
			location: bothEmpty ? null : { lat: lat!, lng: lng! },
			documents: [...new Set(documents)],
			// only for a meter check; an empty one is sent as null so the server names the field
			...(asksMeterSerial(form) ? { meterSerial: form.meterSerial.trim() === '' ? null : form.meterSerial.trim() } : {})
		}
	};
}

/** A file attached at intake, uploaded as soon as it is chosen. */
export interface AttachedDocument {
	id: string;
	name: string;
	size: number;
	status: 'uploading' | 'done' | 'error';
	sha256: string | null;
	/** Why the upload failed (the server's own message when it gave one). */
	message: string | null;
}

/** At most this many documents per request (the server's limit). */
export const MAX_DOCUMENTS = 20;

/**
 * The hashes to send with the request, or why it cannot be sent yet: a file still uploading, or one that failed
 * (the supervisor removes it or tries again, so nothing is left out silently), or more than the server accepts.
 */
export function documentHashes(documents: readonly AttachedDocument[]): { hashes: string[]; blocked: null } | { hashes: null; blocked: 'uploading' | 'failed' | 'tooMany' } {
	if (documents.some((d) => d.status === 'uploading')) return { hashes: null, blocked: 'uploading' };
	if (documents.some((d) => d.status === 'error')) return { hashes: null, blocked: 'failed' };
	const hashes = [...new Set(documents.flatMap((d) => (d.sha256 ? [d.sha256] : [])))];
	if (hashes.length > MAX_DOCUMENTS) return { hashes: null, blocked: 'tooMany' };
	return { hashes, blocked: null };
}
