import { createCustomerApi } from '$lib/customer/api';
import type { PageLoad } from './$types';

export const CUSTOMER_REQUESTS = 'customer:requests';

export const load: PageLoad = async ({ fetch, depends, parent }) => {
	depends(CUSTOMER_REQUESTS);
	const { me } = await parent();
	if (!me) return { requests: null, failure: null };
	const list = await createCustomerApi({ fetch }).requests();
	return list.ok ? { requests: list.data.requests, failure: null } : { requests: null, failure: list.failure };
};
