// The customer's payment page for one request: the portal link's token is the only credential.
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) => ({ token: params.token });
