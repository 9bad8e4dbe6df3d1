import { createCustomerApi } from '$lib/customer/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, depends }) => {
	depends('customer:notices');
	const api = createCustomerApi({ fetch });
	const [notices, preferences] = await Promise.all([api.notices(), api.preferences()]);
	if (!notices.ok) return { notices: null, preferences: null, failure: notices.failure };
	// the choices are a section of the page: without them the notices still show
	return { notices: notices.data.notices, preferences: preferences.ok ? preferences.data : null, failure: null };
};
