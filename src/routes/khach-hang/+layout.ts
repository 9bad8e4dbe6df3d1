// The customers' own portal: who is signed in on this phone (the httpOnly cookie), read from the server. Not signed
// in: the sign-in page. No crew session, no IndexedDB, none of the crew's code (see src/routes/+layout.ts).
import { redirect } from '@sveltejs/kit';
import { createCustomerApi, isSignedOut } from '$lib/customer/api';
import type { LayoutLoad } from './$types';

export const CUSTOMER_ME = 'customer:me';
export const SIGN_IN_PATH = '/khach-hang/dang-nhap';

export const load: LayoutLoad = async ({ url, depends, fetch }) => {
	depends(CUSTOMER_ME);
	const signInPage = url.pathname === SIGN_IN_PATH;
	const me = await createCustomerApi({ fetch }).me();
	if (me.ok) {
		if (signInPage) redirect(307, '/khach-hang');
		return { me: me.data, failure: null };
	}
	if (isSignedOut(me.failure)) {
		if (!signInPage) redirect(307, `${SIGN_IN_PATH}?next=${encodeURIComponent(url.pathname)}`);
		return { me: null, failure: null };
	}
	return { me: null, failure: signInPage ? null : me.failure };
};
