// The one language setting of every page (crew app, console, portal, self-reading, map): Vietnamese by default,
// English on request, remembered on this device. Words come from the message catalog (messages/*.json, compiled by
// Paraglide into $lib/paraglide): `import { m } from '$lib/paraglide/messages.js'` then `m.crew_sync_online()`.
// Paraglide's getLocale() is pointed at a rune here, so every message read in a template follows a switch, without
// the page reload Paraglide's own setLocale() would do. In the browser the English comes in its own chunk, loaded
// when the reader chooses English ($lib/english): a switch to English waits for it, and until then a message says
// its Vietnamese.
import { englishLoaded, loadEnglish } from '$lib/english';
import { overwriteGetLocale, overwriteSetLocale, type Locale } from '$lib/paraglide/runtime.js';
import type { Label } from '$lib/domain/workflow';

export type Lang = Locale;
export const LANGS: readonly Lang[] = ['vi', 'en'];
/** Where the choice is kept (the crew app's key; the portal's old key is read once and moved over). */
export const LANG_STORAGE_KEY = 'hien-truong.lang';
const OLD_PORTAL_KEY = 'hien-truong.portal.lang';

import type { Text } from './text';
export { both, same, type Text } from './text';

function storedLang(): Lang {
	try {
		const storage = globalThis.localStorage;
		const saved = storage?.getItem(LANG_STORAGE_KEY) ?? storage?.getItem(OLD_PORTAL_KEY);
		return saved === 'en' ? 'en' : 'vi';
	} catch {
		return 'vi'; // storage blocked (private mode): stay on the default
	}
}

export class I18n {
	lang = $state<Lang>(storedLang());

	/** A domain label ({vi, en}: state names, roles, transitions) in the current language. */
	label = (label: Label): string => label[this.lang];

	/** A {vi, en} text in the current language. */
	show = (value: Text): string => value[this.lang];

	/** The language last asked for: a slower switch to English does not undo a later switch back. */
	#wanted: Lang = this.lang;

	/**
	 * Resolves once the messages can speak the stored language: the root layout awaits it before the first render,
	 * so a reader who chose English sees no Vietnamese first. If the English cannot be fetched, the page still
	 * shows, each message in Vietnamese.
	 */
	ready(): Promise<void> {
		if (this.lang !== 'en' || englishLoaded()) return Promise.resolve();
		return loadEnglish().catch((error: unknown) => console.warn('English messages not loaded', error));
	}

	/** Switches language (to English once its messages are loaded; if they cannot be, the language stays). */
	setLang(lang: Lang): Promise<void> {
		this.#wanted = lang;
		if (lang === 'en' && !englishLoaded()) {
			return loadEnglish().then(
				() => {
					if (this.#wanted === lang) this.#apply(lang);
				},
				(error: unknown) => console.warn('English messages not loaded', error)
			);
		}
		this.#apply(lang);
		return Promise.resolve();
	}

	#apply(lang: Lang): void {
		this.lang = lang;
		try {
			globalThis.localStorage?.setItem(LANG_STORAGE_KEY, lang);
			globalThis.localStorage?.removeItem(OLD_PORTAL_KEY);
		} catch {
			// storage blocked: the switch still holds for this page's life
		}
		if (typeof document !== 'undefined') document.documentElement.lang = lang;
	}

	toggle(): Promise<void> {
		return this.setLang(this.lang === 'vi' ? 'en' : 'vi');
	}
}

export const i18n = new I18n();

overwriteGetLocale(() => i18n.lang);
overwriteSetLocale((locale) => i18n.setLang(locale));
