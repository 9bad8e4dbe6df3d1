import { requireSession } from '$lib/client/guards';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
	await requireSession();
	return { id: params.id };
};
