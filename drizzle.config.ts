// drizzle-kit reads server/db/schema.ts (the one truth of the database's shape) and writes the SQL migrations the
// start-up runner (server/db/migrate.ts) applies. Change the schema, then: npx drizzle-kit generate --name <what>
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	dialect: 'postgresql',
	schema: './server/db/schema.ts',
	out: './server/db/migrations'
});
