// The state of one portal page (one link): load the request and its contract, send a signing code, sign,
// or ask for changes. Messages are kept as {vi, en} texts so a language switch never loses them.
import type { CodeSent, PortalApi, PortalFailure, PortalView } from './api';
import { sha256Hex } from './api';
import { checkCorrectionComment, checkSignForm, signErrorsFromServer, type Drawing, type SignFieldErrors } from './forms';
import { failureText, type Text } from './strings';
import { checkSigningCode, normalizeSigningCode, SIGNING_CODE_LENGTH } from '$lib/domain/signing-code';
import { m } from '$lib/paraglide/messages.js';
import { both } from '$lib/i18n.svelte';
import { CORRECTION_MIN_CHARS } from '$lib/domain/correction';

/** The server sends at most one code a minute; the button waits that long after a code went out. */
export const RESEND_WAIT_SECONDS = 60;

/** Two messages as one, each language joined with its own sentence break. */
export function joinText(first: Text, second: Text): Text {
	const join = (a: string, b: string) => `${a}${/[.!?…]$/.test(a) ? '' : '.'} ${b}`;
	return { vi: join(first.vi, second.vi), en: join(first.en, second.en) };
}

const refusedWith = (failure: PortalFailure, ...codes: string[]) => failure.kind === 'refused' && codes.includes(failure.code);

export interface PortalPageOptions {
	api: PortalApi;
	/** Milliseconds since the epoch; injected for tests. */
	now?: () => number;
	/** SHA-256 of the shown text; null where the browser has no WebCrypto (the server's hash is used then). */
	hash?: (text: string) => Promise<string | null>;
}

export class PortalPage {
	readonly #api: PortalApi;
	readonly #now: () => number;
	readonly #hash: (text: string) => Promise<string | null>;

	view = $state<PortalView | null>(null);
	/** Why there is no page to show (only while `view` is null). */
	loadFailure = $state<PortalFailure | null>(null);
	loading = $state(false);
	/** A refresh failed while the page was already shown: the page stays, with this notice. */
	refreshError = $state<Text | null>(null);
	/** The hash of the contract text as this phone received it; what a signature is for. */
	shownSha256 = $state<string | null>(null);
	hashMismatch = $state(false);

	codeBusy = $state(false);
	codeSent = $state<CodeSent | null>(null);
	codeError = $state<Text | null>(null);
	/** Epoch ms before which "send a code" stays disabled. */
	resendAt = $state<number | null>(null);

	signature = $state<Drawing | null>(null);
	signerName = $state('');
	code = $state('');
	signErrors = $state<SignFieldErrors>({});
	signError = $state<Text | null>(null);
	signBusy = $state(false);
	/** Signed on this page just now: the confirmation stays on screen. */
	signedNow = $state(false);

	correctionOpen = $state(false);
	comment = $state('');
	commentError = $state<Text | null>(null);
	correctionError = $state<Text | null>(null);
	correctionBusy = $state(false);
	/** The new contract version after a correction request sent from this page. */
	correctedTo = $state<number | null>(null);

	constructor(options: PortalPageOptions) {
		this.#api = options.api;
		this.#now = options.now ?? (() => Date.now());
		this.#hash = options.hash ?? sha256Hex;
	}

	/** The link itself is unusable (unknown, expired, malformed): nothing to retry. */
	get invalidLink(): boolean {
		const f = this.loadFailure;
		return f?.kind === 'refused' && (f.status === 404 || f.status === 400);
	}

	get loadFailureText(): Text | null {
		const f = this.loadFailure;
		if (!f) return null;
		// a malformed token is answered with the validator's generic text: say what it means for the customer
		if (f.kind === 'refused' && f.status === 400) return both(m.portal_error_linkInvalid);
		return failureText(f);
	}

	/** Signed just now counts even if the page could not be reloaded afterwards. */
	get canSign(): boolean {
		return Boolean(this.view?.canSign && this.view.contract && !this.hashMismatch && !this.signedNow);
	}

	/** A code's check digit is wrong as soon as all 6 digits are typed: said before anything is sent. */
	get liveCodeError(): Text | null {
		const typed = normalizeSigningCode(this.code);
		if (typed.length !== SIGNING_CODE_LENGTH || !/^\d+$/.test(typed)) return null;
		const check = checkSigningCode(typed);
		return check.ok ? null : check.reason;
	}

	secondsUntilResend(now = this.#now()): number {
		return this.resendAt === null ? 0 : Math.max(0, Math.ceil((this.resendAt - now) / 1000));
	}

	/** First load, and the "try again" button. */
	async open(): Promise<void> {
		this.loading = true;
		try {
			const result = await this.#api.view();
			if (result.ok) {
				await this.#show(result.data);
				this.loadFailure = null;
				this.refreshError = null;
			} else if (this.view && !(result.failure.kind === 'refused' && result.failure.status === 404)) {
				this.refreshError = failureText(result.failure);
			} else {
				this.view = null;
				this.loadFailure = result.failure;
			}
		} finally {
			this.loading = false;
		}
	}

	async #show(view: PortalView): Promise<void> {
		const before = this.view?.contract?.sha256 ?? null;
		const contract = view.contract;
		const shown = contract ? ((await this.#hash(contract.body)) ?? contract.sha256) : null;
		if (before !== null && contract?.sha256 !== before) this.#resetForNewContract();
		if (!this.signerName.trim()) this.signerName = view.request.customerName;
		this.view = view;
		this.shownSha256 = shown;
		this.hashMismatch = Boolean(contract && shown !== contract.sha256);
	}

	/** A new contract version needs a new code (codes belong to one version) and a new signature. */
	#resetForNewContract(): void {
		this.codeSent = null;
		this.codeError = null;
		this.resendAt = null;
		this.code = '';
		this.signature = null;
		this.signErrors = {};
	}

	async sendCode(): Promise<void> {
		if (this.codeBusy || !this.canSign || this.secondsUntilResend() > 0) return;
		this.codeBusy = true;
		this.codeError = null;
		try {
			const result = await this.#api.sendCode();
			if (result.ok) {
				this.codeSent = result.data;
				this.resendAt = this.#now() + RESEND_WAIT_SECONDS * 1000;
				this.signError = null;
				return;
			}
			const failure = result.failure;
			this.codeError = failureText(failure);
			if (failure.kind === 'refused' && failure.status === 429) {
				this.resendAt = this.#now() + (failure.retryAfterSeconds ?? RESEND_WAIT_SECONDS) * 1000;
			} else if (failure.kind === 'refused' && (failure.status === 409 || failure.status === 404)) {
				await this.open();
			}
		} finally {
			this.codeBusy = false;
		}
	}

	setCode(value: string): void {
		this.code = value;
		delete this.signErrors.code;
	}

	setSignature(value: Drawing | null): void {
		this.signature = value;
		if (value) delete this.signErrors.signature;
	}

	setSignerName(value: string): void {
		this.signerName = value;
		if (value.trim()) delete this.signErrors.signerName;
	}

	async sign(): Promise<void> {
		const contract = this.view?.contract;
		if (!contract || !this.canSign || this.signBusy) return;
		this.signError = null;
		const check = checkSignForm({ contractSha256: this.shownSha256 ?? contract.sha256, code: this.code, signature: this.signature, signerName: this.signerName });
		if (!check.ok) {
			const errors = { ...check.errors };
			// nothing typed and no code asked for yet: say how to get one
			if (errors.code && !this.codeSent && !normalizeSigningCode(this.code)) errors.code = both(m.portal_sign_needCode);
			this.signErrors = errors;
			// the drawing and the name sit above the button, maybe off screen: say so next to it too
			if (errors.signature || errors.signerName) this.signError = both(m.portal_sign_fixFields);
			return;
		}
		this.signErrors = {};
		this.signBusy = true;
		try {
			const result = await this.#api.sign(check.body);
			if (result.ok) {
				this.signedNow = true;
				this.code = '';
				await this.open();
				return;
			}
			await this.#signRefused(result.failure);
		} finally {
			this.signBusy = false;
		}
	}

	async #signRefused(failure: PortalFailure): Promise<void> {
		if (failure.kind !== 'refused') {
			this.signError = failureText(failure);
			return;
		}
		if (failure.code === 'wrong_code') {
			this.signErrors = { code: failureText(failure) };
		} else if (refusedWith(failure, 'locked_code', 'expired_code', 'no_code')) {
			this.codeSent = null;
			this.code = '';
			this.signError = joinText(failureText(failure), both(m.portal_sign_askNewCode));
		} else if (failure.code === 'contract_changed') {
			await this.open();
			this.signError = joinText(failureText(failure), both(m.portal_sign_contractChanged, { version: this.view?.contract?.version ?? '' }));
		} else if (failure.code === 'invalid_input') {
			this.signErrors = signErrorsFromServer(failure.fields);
			this.signError = Object.keys(this.signErrors).length > 0 ? both(m.portal_sign_fixFields) : failureText(failure);
		} else if (failure.status === 409 || failure.status === 404) {
			await this.open();
			this.signError = failureText(failure);
		} else {
			this.signError = failureText(failure);
		}
	}

	openCorrection(): void {
		this.correctionOpen = true;
		this.correctionError = null;
	}

	closeCorrection(): void {
		this.correctionOpen = false;
		this.commentError = null;
		this.correctionError = null;
	}

	setComment(value: string): void {
		this.comment = value;
		if (this.commentError && checkCorrectionComment(value).ok) this.commentError = null;
	}

	async requestCorrection(): Promise<void> {
		if (!this.canSign || this.correctionBusy) return;
		this.correctionError = null;
		const check = checkCorrectionComment(this.comment);
		if (!check.ok) {
			this.commentError = check.error;
			return;
		}
		this.commentError = null;
		this.correctionBusy = true;
		try {
			const result = await this.#api.requestCorrection(check.comment);
			if (result.ok) {
				this.correctedTo = result.data.contractVersion;
				this.correctionOpen = false;
				this.comment = '';
				this.signError = null;
				await this.open();
				return;
			}
			const failure = result.failure;
			if (failure.kind === 'refused' && failure.fields.comment) {
				this.commentError = { vi: failure.fields.comment, en: both(m.portal_correction_tooShortN, { min: CORRECTION_MIN_CHARS }).en };
			} else {
				this.correctionError = failureText(failure);
				if (failure.kind === 'refused' && (failure.status === 409 || failure.status === 404)) await this.open();
			}
		} finally {
			this.correctionBusy = false;
		}
	}
}
