import { createCustomerApi } from '$lib/customer/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
	const api = createCustomerApi({ fetch });
	const [contracts, requests] = await Promise.all([api.contracts(), api.requests()]);
	if (!contracts.ok) return { contracts: null, requests: null, failure: contracts.failure };
	return { contracts: contracts.data.contracts, requests: requests.ok ? requests.data.requests : [], failure: null };
};
