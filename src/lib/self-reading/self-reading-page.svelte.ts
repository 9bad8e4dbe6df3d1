// The state of one self-reading page (one link, seed 004): load the meter, take the photo, type the reading,
// check it, upload the photo, send the reading. Messages are kept as {vi, en} texts so a language switch never
// loses them, and nothing the customer typed or photographed is dropped when a send fails.
import type { CompressedPhoto, CompressOptions } from '$lib/client/photo';
import type { MeterCheckAsked, SelfReadingApi, SelfReadingFailure, SelfReadingSubmitted, SelfReadingView } from './api';
import { parseKwh, readingNote, readingProblem } from './reading';
import { failureText, isLinkInvalid, type Text } from './strings';
import { m } from '$lib/paraglide/messages.js';
import { both } from '$lib/i18n.svelte';

export type Compress = (file: Blob, options: CompressOptions) => Promise<Pick<CompressedPhoto, 'blob' | 'sha256' | 'size'>>;

export interface SelfReadingPageOptions {
	api: SelfReadingApi;
	/** Shrinks and stamps the camera photo (the crew's $lib/client/photo compressPhoto in the browser). */
	compress: Compress;
	/** Now; injected for tests. */
	now?: () => Date;
}

export interface TakenPhoto {
	blob: Blob;
	sha256: string;
	size: number;
}

export type SendPhase = 'idle' | 'uploading' | 'sending';

export class SelfReadingPage {
	readonly #api: SelfReadingApi;
	readonly #compress: Compress;
	readonly #now: () => Date;

	view = $state<SelfReadingView | null>(null);
	/** Why there is no page to show (only while `view` is null). */
	loadFailure = $state<SelfReadingFailure | null>(null);
	loading = $state(false);

	photo = $state<TakenPhoto | null>(null);
	photoBusy = $state(false);
	photoError = $state<Text | null>(null);

	kwhInput = $state('');
	/**
	 * Sending was tried with this input: every rule is said. Before that, only what more typing cannot fix ("1" on
	 * the way to 12345 is no error), and nothing on leaving the field (see readingProblem).
	 */
	kwhChecked = $state(false);
	/** The server's refusal of the reading; cleared when the reading is typed again. */
	kwhServerError = $state<Text | null>(null);

	phase = $state<SendPhase>('idle');
	/** Next to the send button: why the send did not go through. */
	sendError = $state<Text | null>(null);
	/** The send failed on the way (network, server down): the button says "try again", everything stays filled. */
	canRetry = $state(false);

	/** The server's answer to this page's reading. */
	sent = $state<(SelfReadingSubmitted & { kwh: number }) | null>(null);
	/** A reading was already sent on this link (on load, or a 409 when sending). */
	alreadySent = $state(false);

	/** A meter check asked from this page (service 41): the request opened, or the one already open. */
	meterCheck = $state<MeterCheckAsked | null>(null);
	meterCheckBusy = $state(false);
	meterCheckError = $state<Text | null>(null);
	meterCheckCanRetry = $state(false);

	/** The photo the server already has, so a retry does not send it twice. */
	#uploaded: string | null = null;

	constructor(options: SelfReadingPageOptions) {
		this.#api = options.api;
		this.#compress = options.compress;
		this.#now = options.now ?? (() => new Date());
	}

	get invalidLink(): boolean {
		return this.loadFailure !== null && isLinkInvalid(this.loadFailure);
	}

	get loadFailureText(): Text | null {
		return this.loadFailure ? failureText(this.loadFailure) : null;
	}

	get busy(): boolean {
		return this.phase !== 'idle';
	}

	/** The form is shown: a live link, nothing sent yet. */
	get canSend(): boolean {
		return this.view !== null && !this.alreadySent && this.sent === null;
	}

	/** What is wrong with the typed reading, checked on the phone (null while it may be sent, or may still become right). */
	get kwhError(): Text | null {
		if (this.kwhServerError) return this.kwhServerError;
		if (!this.view) return null;
		return readingProblem(this.view, this.kwhInput, this.#now(), { typing: !this.kwhChecked });
	}

	/** A word on a reading that may be sent (a register rollover), or null. */
	get kwhNote(): Text | null {
		if (!this.view || this.kwhError) return null;
		return readingNote(this.view, this.kwhInput, this.#now());
	}

	/** First load, and the "try again" button. */
	async open(): Promise<void> {
		this.loading = true;
		try {
			const result = await this.#api.view();
			if (result.ok) {
				this.view = result.data;
				this.loadFailure = null;
				if (result.data.submitted && this.sent === null) this.alreadySent = true;
			} else {
				this.view = null;
				this.loadFailure = result.failure;
			}
		} finally {
			this.loading = false;
		}
	}

	/** A photo from the camera or the gallery: shrunk and stamped like the crew's, named by its SHA-256. */
	async takePhoto(file: Blob): Promise<void> {
		if (this.busy) return;
		this.photoBusy = true;
		this.photoError = null;
		try {
			const photo = await this.#compress(file, { stamp: { capturedAt: this.#now(), location: null, requestCode: '' } });
			this.photo = { blob: photo.blob, sha256: photo.sha256, size: photo.size };
		} catch (error) {
			this.photoError = both(m.selfReading_photo_failed, { error: error instanceof Error ? error.message : String(error) });
		} finally {
			this.photoBusy = false;
		}
	}

	setKwh(value: string): void {
		this.kwhInput = value;
		this.kwhChecked = false;
		this.kwhServerError = null;
	}

	async send(): Promise<void> {
		if (!this.canSend || this.busy || this.photoBusy) return;
		this.sendError = null;
		this.kwhChecked = true;
		const parsed = parseKwh(this.kwhInput);
		const problem = this.kwhError;
		if (!this.photo) this.photoError = both(m.selfReading_photo_needed);
		if (!this.photo || problem || !parsed.ok) {
			this.canRetry = false;
			this.sendError = both(m.selfReading_submit_fix);
			return;
		}
		const photo = this.photo;
		try {
			if (this.#uploaded !== photo.sha256) {
				this.phase = 'uploading';
				const uploaded = await this.#api.uploadPhoto(photo.sha256, photo.blob);
				if (!uploaded.ok) return await this.#refused(uploaded.failure, 'photo');
				this.#uploaded = photo.sha256;
			}
			this.phase = 'sending';
			const result = await this.#api.submit({ kwh: parsed.kwh, photoSha256: photo.sha256 });
			if (!result.ok) return await this.#refused(result.failure, 'reading');
			this.sent = { ...result.data, kwh: parsed.kwh };
			this.canRetry = false;
		} finally {
			this.phase = 'idle';
		}
	}

	/** The customer doubts the meter itself: ask for a check (one open check per meter; asking twice names it). */
	async askMeterCheck(): Promise<void> {
		if (!this.view || this.meterCheckBusy || this.meterCheck) return;
		this.meterCheckBusy = true;
		this.meterCheckError = null;
		try {
			const result = await this.#api.askMeterCheck();
			if (result.ok) {
				this.meterCheck = result.data;
				this.meterCheckCanRetry = false;
				return;
			}
			const failure = result.failure;
			if (isLinkInvalid(failure)) {
				this.view = null;
				this.loadFailure = failure;
				return;
			}
			this.meterCheckCanRetry = failure.kind !== 'refused' || failure.status >= 500 || failure.status === 429;
			this.meterCheckError = failureText(failure);
		} finally {
			this.meterCheckBusy = false;
		}
	}

	async #refused(failure: SelfReadingFailure, step: 'photo' | 'reading'): Promise<void> {
		const message = failureText(failure);
		const onTheWay = failure.kind !== 'refused' || failure.status >= 500 || failure.code === 'hash_mismatch' || failure.status === 429;
		if (onTheWay) {
			this.canRetry = true;
			this.sendError = message;
			return;
		}
		this.canRetry = false;
		if (isLinkInvalid(failure)) {
			// the link died while the page was open (expired): nothing can be sent on it any more
			this.view = null;
			this.loadFailure = failure;
			return;
		}
		if (failure.code === 'already_sent' || failure.status === 409) {
			this.alreadySent = true;
			this.sendError = null;
			return;
		}
		if (step === 'photo' || failure.fields.photoSha256) {
			this.photoError = message;
			this.sendError = both(m.selfReading_submit_fix);
			return;
		}
		if (failure.status === 422 || failure.fields.kwh) {
			this.kwhServerError = failure.fields.kwh ? { vi: failure.fields.kwh, en: message.en } : message;
			this.sendError = both(m.selfReading_submit_fix);
			return;
		}
		this.sendError = message;
	}
}
