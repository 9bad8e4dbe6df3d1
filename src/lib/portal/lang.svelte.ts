// The portal's language: Vietnamese by default, English on request, remembered on this phone.
// Same pattern as the crew app's switch ($lib/client/i18n.svelte.ts), with its own storage key and strings.
import { pt, type PortalKey, type PortalLang, type Text, type TextParams } from './strings';

export const PORTAL_LANG_KEY = 'hien-truong.portal.lang';

function storedLang(): PortalLang {
	try {
		return globalThis.localStorage?.getItem(PORTAL_LANG_KEY) === 'en' ? 'en' : 'vi';
	} catch {
		return 'vi'; // storage blocked (private mode): stay on the default
	}
}

export class PortalLanguage {
	lang = $state<PortalLang>(storedLang());

	/** The text of `key` in the current language; reading it in a template follows switches. */
	t = (key: PortalKey, params?: TextParams): string => pt(this.lang, key, params);

	/** A {vi, en} text (a message kept by the page) in the current language. */
	show = (value: Text): string => value[this.lang];

	setLang(lang: PortalLang): void {
		this.lang = lang;
		try {
			globalThis.localStorage?.setItem(PORTAL_LANG_KEY, lang);
		} catch {
			// storage blocked: the switch still holds while the page is open
		}
	}

	toggle(): void {
		this.setLang(this.lang === 'vi' ? 'en' : 'vi');
	}
}

export const portalLang = new PortalLanguage();
