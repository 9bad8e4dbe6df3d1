// The one language setting of every page (crew app, console, portal, self-reading, map): Vietnamese by default,
// English on request, remembered on this device. Words come from the message catalog (messages/*.json, compiled by
// Paraglide into $lib/paraglide): `import { m } from '$lib/paraglide/messages.js'` then `m.crew_sync_online()`.
// Paraglide's getLocale() is pointed at a rune here, so every message read in a template follows a switch, without
// the page reload Paraglide's own setLocale() would do.
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

	setLang(lang: Lang): void {
		this.lang = lang;
		try {
			globalThis.localStorage?.setItem(LANG_STORAGE_KEY, lang);
			globalThis.localStorage?.removeItem(OLD_PORTAL_KEY);
		} catch {
			// storage blocked: the switch still holds for this page's life
		}
		if (typeof document !== 'undefined') document.documentElement.lang = lang;
	}

	toggle(): void {
		this.setLang(this.lang === 'vi' ? 'en' : 'vi');
	}
}

export const i18n = new I18n();

overwriteGetLocale(() => i18n.lang);
overwriteSetLocale((locale) => i18n.setLang(locale));
