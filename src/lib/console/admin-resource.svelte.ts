// What every administration tab does with what it shows: read it, say a failure in words, run a change and read again.
// One rune class instead of the same load/act pair copied into each tab.
import { errorText } from './client';

export class AdminResource<T> {
	data = $state<T | null>(null);
	/** The last failure, in words (never a code or a field name). */
	error = $state('');
	/** What the last change did, in words, when the tab says it. */
	saved = $state('');

	#read: () => Promise<T>;
	#loaded: (data: T) => void;

	constructor(read: () => Promise<T>, loaded: (data: T) => void = () => {}) {
		this.#read = read;
		this.#loaded = loaded;
	}

	load = async (): Promise<void> => {
		try {
			const data = await this.#read();
			this.data = data;
			this.#loaded(data);
		} catch (e) {
			this.error = errorText(e);
		}
	};

	/** Runs a change; then reads again, or keeps the failure's words on screen. `done` is said after a success. */
	act = async (run: () => Promise<unknown>, done = ''): Promise<void> => {
		this.error = '';
		this.saved = '';
		try {
			await run();
			this.saved = done;
			await this.load();
		} catch (e) {
			this.error = errorText(e);
		}
	};
}
