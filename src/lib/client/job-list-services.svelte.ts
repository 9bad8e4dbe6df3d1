// The catalog's service names for the job cards. The catalog (79 services with their descriptions) is no part of the
// app's first download: it loads beside the stored jobs, and a card shows its service's name as soon as it is there.
import type { CatalogService } from '$lib/domain/catalog';
import { m } from '$lib/paraglide/messages.js';

class ServiceNames {
	#find = $state.raw<((n: number) => CatalogService | undefined) | null>(null);
	#loading: Promise<void> | null = null;

	/** Starts loading the catalog (once); a name is null until it has arrived. */
	load(): Promise<void> {
		this.#loading ??= import('$lib/domain/catalog').then(
			(catalog) => {
				this.#find = catalog.findService;
			},
			() => {
				this.#loading = null; // a later card tries again
			}
		);
		return this.#loading;
	}

	/** The catalog name (Vietnamese in both languages), "Dịch vụ số N" for a number it lacks; null while loading. */
	nameOf(serviceNumber: number): string | null {
		const find = this.#find;
		if (!find) {
			void this.load();
			return null;
		}
		return find(serviceNumber)?.name ?? m.crew_service_number({ number: serviceNumber });
	}
}

export const serviceNames = new ServiceNames();
