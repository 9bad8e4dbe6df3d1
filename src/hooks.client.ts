// Client hooks load before any page or layout module, so what is set here holds before any zod schema is built.
import '$lib/zod-config';
