// Service worker registration through workbox-window, and the "new version" prompt.
import type { Workbox } from 'workbox-window';

export class AppUpdate {
	/** A new service worker has installed and waits for the user's go-ahead. */
	updateWaiting = $state(false);
	applying = $state(false);
	/** The page is controlled by a service worker, so its precache (the whole app) is complete. */
	offlineReady = $state(false);

	#workbox: Workbox | null = null;
	#registering = false;

	/** Registers /service-worker.js (a classic script in production builds). No-op without SW support. */
	async register(scriptUrl = '/service-worker.js'): Promise<void> {
		if (!('serviceWorker' in navigator) || this.#registering) return;
		this.#registering = true;
		// workbox-window loads after the first page has shown, never before it
		const { Workbox } = await import('workbox-window');
		const workbox = new Workbox(scriptUrl);
		this.#workbox = workbox;

		// A page no service worker controlled yet has nothing stale to reload when one takes over.
		const hadController = Boolean(navigator.serviceWorker.controller);
		workbox.addEventListener('waiting', () => (this.updateWaiting = true));
		workbox.addEventListener('controlling', (event) => {
			// The first install also fires 'controlling' (clientsClaim); reload only for an update the user asked for,
			// or one another tab applied while this page ran the old version.
			if (this.applying || (event.isExternal && hadController)) window.location.reload();
		});
		const markReady = () => {
			if (!navigator.serviceWorker.controller) return;
			this.offlineReady = true;
			// For e2e tests and support staff: the app shell is cached and the page can go offline.
			document.documentElement.dataset.offlineReady = 'true';
		};
		navigator.serviceWorker.addEventListener('controllerchange', markReady);
		markReady();

		try {
			await workbox.register();
		} catch (error) {
			console.warn('[sw] registration failed', error);
		}
	}

	/** Activates the waiting version; the page reloads once it controls the page. */
	apply(): void {
		if (!this.#workbox || this.applying) return;
		this.applying = true;
		this.#workbox.messageSkipWaiting();
	}

	/** Asks the browser to look for a new service worker (cheap: a conditional GET of the script). */
	checkForUpdate(): void {
		void this.#workbox?.update().catch(() => {
			// offline or server down: try again on the next trigger
		});
	}
}
