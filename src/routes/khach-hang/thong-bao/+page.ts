import { createCustomerApi } from '$lib/customer/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, depends }) => {
	depends('customer:notices');
	const notices = await createCustomerApi({ fetch }).notices();
	return notices.ok ? { notices: notices.data.notices, failure: null } : { notices: null, failure: notices.failure };
};
