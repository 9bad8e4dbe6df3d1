import { requireSession } from '$lib/client/guards';

export async function load(): Promise<void> {
	await requireSession();
}
