// The portal's two forms, checked on the phone before anything is sent: the signature (drawing, name, a code
// whose check digit is right) and the correction comment. The server checks again; this only saves a round trip
// and tells the customer at once, in their language, which field to fix.
import { checkSigningCode } from '$lib/domain/signing-code';
import { portalSignBody, type PortalSignBody } from '$lib/domain/signing';
import { CORRECTION_MAX_CHARS, CORRECTION_MIN_CHARS, correctionTextProblem } from '$lib/domain/correction';
import { firstIssuePerField } from '$lib/zod-issues';
import { same, type Text } from './strings';
import { m } from '$lib/paraglide/messages.js';
import { both } from '$lib/i18n.svelte';

/** What the signature pad hands over (structurally SignaturePad's DrawnSignatureValue). */
export interface Drawing {
	imagePng: string;
	strokes: Array<Array<{ x: number; y: number; time: number }>>;
}

export type SignField = 'signature' | 'signerName' | 'code';
export type SignFieldErrors = Partial<Record<SignField, Text>>;

export interface SignInput {
	contractSha256: string;
	code: string;
	signature: Drawing | null;
	signerName: string;
}

export type SignCheck = { ok: true; body: PortalSignBody } | { ok: false; errors: SignFieldErrors };

/** The field of the form a server (or schema) path belongs to. */
function fieldOf(path: string): SignField | null {
	if (path === 'code') return 'code';
	if (path === 'signature.signerName') return 'signerName';
	if (path === 'signature' || path.startsWith('signature.')) return 'signature';
	return null;
}

export function checkSignForm(input: SignInput): SignCheck {
	const errors: SignFieldErrors = {};
	if (!input.signature || input.signature.strokes.length === 0) errors.signature = both(m.portal_sign_needSignature);
	if (!input.signerName.trim()) errors.signerName = both(m.portal_sign_needName);
	const code = checkSigningCode(input.code);
	if (!code.ok) errors.code = code.reason;
	if (Object.keys(errors).length > 0 || !input.signature) return { ok: false, errors };

	const parsed = portalSignBody.safeParse({
		contractSha256: input.contractSha256,
		code: code.ok ? code.code : input.code,
		signature: { imagePng: input.signature.imagePng, strokes: input.signature.strokes, signerName: input.signerName.trim() }
	});
	if (parsed.success) return { ok: true, body: parsed.data };
	for (const { key, issue } of firstIssuePerField(parsed.error.issues, (path) => fieldOf(path.join('.')) ?? 'signature')) errors[key] ??= same(issue.message);
	return { ok: false, errors };
}

/** The server's per-field messages (a 400 invalid_input) on the form's fields. */
export function signErrorsFromServer(fields: Record<string, string>): SignFieldErrors {
	const errors: SignFieldErrors = {};
	for (const [path, message] of Object.entries(fields)) {
		const field = fieldOf(path);
		if (field) errors[field] ??= same(message);
	}
	return errors;
}

export type CommentCheck = { ok: true; comment: string } | { ok: false; error: Text };

/** 10–1000 characters the contract can print (no emoji); the server checks the same rules (src/lib/domain/correction.ts). */
export function checkCorrectionComment(comment: string): CommentCheck {
	const problem = correctionTextProblem(comment);
	if (problem === null) return { ok: true, comment: comment.trim().normalize('NFC') };
	if (problem === 'too_short') return { ok: false, error: both(m.portal_correction_tooShortN, { min: CORRECTION_MIN_CHARS }) };
	if (problem === 'too_long') return { ok: false, error: both(m.portal_correction_tooLongN, { max: CORRECTION_MAX_CHARS }) };
	return { ok: false, error: both(m.portal_correction_undrawable) };
}
