// The customer's self-reading page (seed 004), opened from the reading-day SMS or email: no account, the link's
// token is the only credential.
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) => ({ token: params.token });
