// The customer's remote-signing page: no account, the link's token is the only credential.
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) => ({ token: params.token });
