// What the survey, estimate and installation forms share: the draft restored on open and saved on every change,
// live validation once the crew has tried to submit, the queued command, and throwing the draft away.
// Create it while the form component initialises (it registers onMount and an effect).
import { onMount, tick } from 'svelte';
import { goto } from '$app/navigation';
import type { CommandName, GpsFix } from '$lib/domain/commands';
import { discardDraft, loadDraft, submitFieldCommand, type DraftKind } from '$lib/client/field-work';
import { DraftSaver } from './draft-saver.svelte';
import { errorText, fieldError, type FieldErrors } from './form-utils';

export type FormValidation<Payload> = { ok: true; payload: Payload } | { ok: false; fields: FieldErrors };

export interface FieldFormOptions<Draft, Payload> {
	jobId: string;
	kind: DraftKind;
	command: CommandName;
	/** What the form holds when no draft is stored (also before the stored one is read). */
	prefill: () => Draft;
	/** A stored draft read back; null when it cannot be (then the form is prefilled). */
	fromStored: (data: unknown) => Draft | null;
	validate: (draft: Draft) => FormValidation<Payload>;
	/** Where the command says it was done. */
	location: (payload: Payload) => GpsFix | null;
	allowed: () => boolean;
	/** An untouched form that is not a draft yet (opening the form alone must not claim work in progress). */
	isPristine?: (draft: Draft) => boolean;
	/** What the form holds once its draft is thrown away; the prefill unless said otherwise. */
	cleared?: (current: Draft) => Draft;
	/** The input to focus after a failed submit; the first invalid one in the form unless said otherwise. */
	firstInvalid?: () => HTMLElement | null;
}

export class FieldForm<Draft, Payload> {
	readonly jobId: string;
	readonly saver: DraftSaver;
	draft = $state() as Draft;
	ready = $state(false);
	restoredAt = $state<string | null>(null);
	loadError = $state<string | null>(null);
	attempted = $state(false);
	engineErrors = $state<FieldErrors>({});
	submitting = $state(false);
	submitError = $state<string | null>(null);
	confirmingDiscard = $state(false);
	/** The <form> element, bound by FieldFormShell. */
	element = $state<HTMLFormElement>();

	/** Errors from the shared schema, shown next to each field once the crew has tried to submit. */
	readonly liveErrors = $derived.by((): FieldErrors => {
		if (!this.attempted) return {};
		const result = this.#options.validate(this.draft);
		return result.ok ? {} : result.fields;
	});

	#options: FieldFormOptions<Draft, Payload>;
	/** The draft as last loaded or saved, to skip writing an unchanged form. */
	#lastWritten = '';
	/** A draft of this form is in the store (restored, or written since): from then on every change is written. */
	#draftStored = false;

	constructor(options: FieldFormOptions<Draft, Payload>) {
		this.#options = options;
		this.jobId = options.jobId;
		this.saver = new DraftSaver(options.jobId, options.kind);
		this.draft = options.prefill();

		onMount(() => {
			loadDraft(options.jobId, options.kind)
				.then((stored) => {
					const restored = stored ? options.fromStored(stored.data) : null;
					if (stored && restored) {
						this.draft = restored;
						this.restoredAt = stored.updatedAt;
						this.#draftStored = true;
					} else {
						this.draft = options.prefill();
					}
				})
				.catch((e: unknown) => {
					this.loadError = errorText(e);
					this.draft = options.prefill();
				})
				.finally(() => {
					this.#lastWritten = JSON.stringify(this.draft);
					this.ready = true;
				});
		});

		// Every change lands in the draft: a closed tab or a flat battery loses nothing typed.
		$effect(() => {
			const serialized = JSON.stringify(this.draft);
			if (!this.ready || serialized === this.#lastWritten) return;
			this.#lastWritten = serialized;
			this.engineErrors = {};
			if (!this.#draftStored && options.isPristine?.(this.draft)) return;
			this.#draftStored = true;
			this.saver.save(JSON.parse(serialized));
		});
	}

	get allowed(): boolean {
		return this.#options.allowed();
	}

	/** The message of a field (or of anything under it): the live check first, then what the engine refused. */
	errorOf = (key: string): string | undefined => fieldError(this.liveErrors, key) ?? fieldError(this.engineErrors, key);

	async focusFirstError(): Promise<void> {
		await tick();
		const target = this.#options.firstInvalid ? this.#options.firstInvalid() : this.element?.querySelector<HTMLElement>('[aria-invalid="true"]');
		target?.scrollIntoView({ block: 'center' });
		target?.focus({ preventScroll: true });
	}

	async submit(event: SubmitEvent): Promise<void> {
		event.preventDefault();
		if (this.submitting || !this.allowed) return;
		this.attempted = true;
		this.submitError = null;
		const result = this.#options.validate(this.draft);
		if (!result.ok) {
			await this.focusFirstError();
			return;
		}
		this.submitting = true;
		await this.saver.close(); // a late draft write must not bring back the draft the submit deletes
		try {
			const outcome = await submitFieldCommand({
				name: this.#options.command,
				jobId: this.jobId,
				payload: result.payload,
				location: this.#options.location(result.payload)
			});
			if (outcome.ok) {
				await goto(`/jobs/${encodeURIComponent(this.jobId)}`, { replaceState: true });
				return;
			}
			this.engineErrors = outcome.fields;
			this.saver.reopen();
			await this.focusFirstError();
		} catch (e) {
			this.submitError = errorText(e);
			this.saver.reopen();
		} finally {
			this.submitting = false;
		}
	}

	async discard(): Promise<void> {
		await this.saver.close();
		try {
			await discardDraft(this.jobId, this.#options.kind);
			this.draft = this.#options.cleared ? this.#options.cleared(this.draft) : this.#options.prefill();
			this.#lastWritten = JSON.stringify(this.draft);
			this.#draftStored = false;
			this.restoredAt = null;
			this.attempted = false;
			this.engineErrors = {};
		} catch (e) {
			this.submitError = errorText(e);
		} finally {
			this.saver.reopen();
			this.confirmingDiscard = false;
		}
	}
}
