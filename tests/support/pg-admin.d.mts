/** One statement on the PostgreSQL server of `adminUrl` over a connection of its own. */
export function adminQuery(adminUrl: string, sql: string): Promise<void>;
