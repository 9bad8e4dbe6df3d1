// Saves a form's draft on every change, one write at a time (the latest state wins), and tells the crew
// whether it is saved. A failed write (storage full) is shown, never swallowed.
import { saveDraft, type DraftKind } from '$lib/client/field-work';
import { errorText, isQuotaError } from './form-utils';

export type DraftSaveStatus = 'idle' | 'saving' | 'saved' | 'error';

export class DraftSaver {
	status = $state<DraftSaveStatus>('idle');
	/** Device time of the last successful write, ISO. */
	savedAt = $state<string | null>(null);
	error = $state<string | null>(null);
	quota = $state(false);

	#jobId: string;
	#kind: DraftKind;
	#next: { data: unknown } | null = null;
	#running: Promise<void> | null = null;
	#closed = false;

	constructor(jobId: string, kind: DraftKind) {
		this.#jobId = jobId;
		this.#kind = kind;
	}

	/** Queues `data` (a plain snapshot) to be written; writes in flight are not interrupted. */
	save(data: unknown): void {
		if (this.#closed) return;
		this.#next = { data };
		this.status = 'saving';
		this.#running ??= this.#drain();
	}

	/**
	 * Finishes the queued writes (the latest state lands) and accepts no more: called before submitting, which
	 * deletes the draft, so no late write can bring it back.
	 */
	async close(): Promise<void> {
		this.#closed = true;
		await this.#running;
	}

	/** Accepts writes again (a submit that did not go through). */
	reopen(): void {
		this.#closed = false;
	}

	async #drain(): Promise<void> {
		try {
			while (this.#next) {
				const { data } = this.#next;
				this.#next = null;
				try {
					await saveDraft(this.#jobId, this.#kind, data);
					this.savedAt = new Date().toISOString();
					this.error = null;
					this.quota = false;
					if (!this.#next) this.status = 'saved';
				} catch (error) {
					this.status = 'error';
					this.quota = isQuotaError(error);
					this.error = errorText(error);
				}
			}
		} finally {
			this.#running = null;
		}
	}
}
