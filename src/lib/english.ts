// The English messages' loader. Here, where every compiled message carries its English (the API server, vitest,
// svelte-check), there is nothing to load. The browser build replaces this module (scripts/messages/lazy-english.js):
// there the English is one chunk, imported when the reader chooses English, so a Vietnamese tablet never downloads it.

/** Whether the English of every message is at hand. */
export function englishLoaded(): boolean {
	return true;
}

/** Brings the English of every message; rejects if it cannot be fetched (offline before it was ever cached). */
export function loadEnglish(): Promise<void> {
	return Promise.resolve();
}
