import { createCustomerApi } from '$lib/customer/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, depends, params }) => {
	depends('customer:request');
	const detail = await createCustomerApi({ fetch }).request(params.id);
	return detail.ok ? { detail: detail.data, failure: null } : { detail: null, failure: detail.failure };
};
