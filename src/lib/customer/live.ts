// The signed-in customer's live stream (GET /api/customer/events): a change to one of their requests or notices asks
// the page to read again. The browser sends the session cookie with it and retries a dropped stream by itself.
import { eventsUrl } from './api';

export function listenForChanges(handlers: { changed: () => void; ended: () => void }): () => void {
	if (typeof EventSource === 'undefined') return () => {};
	const source = new EventSource(eventsUrl());
	source.addEventListener('changed', () => handlers.changed());
	source.addEventListener('session_ended', () => {
		source.close();
		handlers.ended();
	});
	return () => source.close();
}
