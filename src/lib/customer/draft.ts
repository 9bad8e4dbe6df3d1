// A filing being typed is kept on this phone (localStorage) at every change, so nothing typed is lost when the
// network fails or the page is closed; it is cleared once the request is filed.
export interface FilingDraft {
	kind: string;
	serviceNumber: number;
	address: string;
	meterSerial: string | null;
	details: Record<string, string>;
	documents: Array<{ kind: string; sha256: string; name: string; mime: string }>;
	note: string;
	savedAt: string;
}

const KEY = 'hien-truong.khach-hang.draft';

function storage(): Storage | null {
	try {
		return globalThis.localStorage ?? null;
	} catch {
		return null; // blocked (private mode): the form still works, without a draft
	}
}

export function loadDraft(kind: string): FilingDraft | null {
	try {
		const raw = storage()?.getItem(`${KEY}.${kind}`);
		if (!raw) return null;
		const draft = JSON.parse(raw) as FilingDraft;
		return draft && draft.kind === kind && typeof draft.address === 'string' && typeof draft.details === 'object' ? draft : null;
	} catch {
		return null;
	}
}

export function saveDraft(draft: Omit<FilingDraft, 'savedAt'>, now = new Date()): boolean {
	try {
		storage()?.setItem(`${KEY}.${draft.kind}`, JSON.stringify({ ...draft, savedAt: now.toISOString() }));
		return true;
	} catch {
		return false; // full or blocked
	}
}

export function clearDraft(kind: string) {
	try {
		storage()?.removeItem(`${KEY}.${kind}`);
	} catch {
		// nothing to clear
	}
}

/** The services with a draft kept on this phone. */
export function draftKinds(): string[] {
	const s = storage();
	if (!s) return [];
	const kinds: string[] = [];
	for (let i = 0; i < s.length; i++) {
		const key = s.key(i);
		if (key?.startsWith(`${KEY}.`)) kinds.push(key.slice(KEY.length + 1));
	}
	return kinds;
}
