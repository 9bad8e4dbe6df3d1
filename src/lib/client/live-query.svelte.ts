// Dexie liveQuery as rune state: the value re-reads whenever the tables it touched change (e.g. a pull lands).
// Create it during component initialisation; the subscription lives as long as the component.
import { liveQuery } from 'dexie';

export class LiveQuery<Key, Value> {
	value = $state<Value | undefined>(undefined);
	/** False until the first result for the current key arrives. */
	loaded = $state(false);
	error = $state<unknown>(null);

	/** `key` is read reactively (e.g. a route param): a new key starts a new subscription. */
	constructor(key: () => Key, query: (key: Key) => Promise<Value>) {
		$effect(() => {
			const current = key();
			this.loaded = false;
			this.error = null;
			const subscription = liveQuery(() => query(current)).subscribe({
				next: (value) => {
					this.value = value;
					this.loaded = true;
					this.error = null;
				},
				error: (error: unknown) => {
					this.error = error;
					this.loaded = true;
				}
			});
			return () => subscription.unsubscribe();
		});
	}
}
