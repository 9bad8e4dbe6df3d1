// The request detail's data, read by SvelteKit's load (in the browser: the app is a static SPA). The page re-runs
// it with invalidate(requestDetailKey) when the live stream says something changed, after an action, or on "Thử
// lại"; SvelteKit drops the answer of a load that a newer one has overtaken. A failed read is data, not an error
// page: the page keeps what it last showed and says why it could not refresh.
import { consoleApi, errorText } from '$lib/console/client';
import { REQUEST_DETAIL_DEPENDENCY } from '$lib/console/detail';
import type { RequestDetail } from '$lib/console/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, parent, depends }) => {
	depends(REQUEST_DETAIL_DEPENDENCY);
	await parent(); // the console layout's session guard first: the call carries the session's token
	const id = params.id;
	try {
		return { id, detail: (await consoleApi.detail(id)) as RequestDetail | null, error: null as string | null };
	} catch (error) {
		return { id, detail: null as RequestDetail | null, error: errorText(error) as string | null };
	}
};
