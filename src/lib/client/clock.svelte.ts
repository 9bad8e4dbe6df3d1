// A reactive "now" so deadline colours and day headings move on while a page stays open all day.
export class Clock {
	now = $state(new Date());

	/** Ticks every `ms`; returns the stop function. */
	start(ms = 30_000): () => void {
		this.now = new Date();
		const id = setInterval(() => (this.now = new Date()), ms);
		return () => clearInterval(id);
	}
}
