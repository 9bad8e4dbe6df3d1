// Pages a customer opens: their own portal (/khach-hang, signed in by a code) and, from an SMS or email link with
// no account, the remote-signing portal and the
// reading-day self-reading page. The crew app's layout (header, sync, session, service worker) stays off them.
const CUSTOMER_ROOTS = ['/portal', '/self-reading', '/khach-hang'] as const;

export function isCustomerPage(pathname: string): boolean {
	return CUSTOMER_ROOTS.some((root) => pathname === root || pathname.startsWith(`${root}/`));
}
