import type { PageLoad } from './$types';

// The (crew) layout has checked the session.
export const load: PageLoad = ({ params }) => ({ id: params.id });
