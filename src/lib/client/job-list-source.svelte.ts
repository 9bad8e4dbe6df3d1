// The crew's job list as stored on this tablet, live: the pulled jobs with the crew's own unsynced work replayed on
// them (optimistic.ts), re-read whenever a pull lands or a command is queued (Dexie liveQuery).
// Light on purpose, the list being the app's first page: the replay (the command registry and its schemas) loads only
// when the tablet holds commands, and the jobs are kept as plain objects (no deep reactive proxies for 2,000 jobs).
import { liveQuery } from 'dexie';
import type { JobView } from '$lib/domain/api';
import type { EffectiveJob } from './optimistic';
import type { LocalStore, OutboxCommand } from './store';

/** A job without commands of the crew on it, as the replay would show it. */
export function unchangedJob(job: JobView): EffectiveJob {
	// jobs stored before issue 3 have no survey/estimate fields
	const request = { ...job.request, survey: job.request.survey ?? null, estimate: job.request.estimate ?? null };
	return { ...job, request, pending: [], rejected: [], installation: null };
}

/** The jobs as the crew sees them; the replay module is loaded for the jobs that have commands, and only then. */
export async function effectiveJobs(jobs: readonly JobView[], commands: readonly OutboxCommand[], store: LocalStore): Promise<EffectiveJob[]> {
	if (commands.length === 0) return jobs.map(unchangedJob);
	const [{ effectiveJob }, { materialLookup }] = await Promise.all([import('./optimistic'), import('./materials-cache')]);
	const lookup = await materialLookup(store);
	const worked = new Set(commands.map((c) => c.jobId));
	return jobs.map((job) => (worked.has(job.id) ? effectiveJob(job, commands, lookup) : unchangedJob(job)));
}

/** Jobs read first, for the first screen: a few cards' worth, with room for closed jobs among the earliest. */
export const FIRST_JOBS = 40;

/**
 * Only the app's cold start reads a screenful first: there the first frame waits on the read. A return to the list
 * later (its code is in by then) reads all at once, as a crew coming back from a job may scroll or tab straight on.
 */
let coldStart = true;

export class JobListSource {
	/** All the jobs; null until the first read of all of them for the current user. */
	jobs = $state.raw<EffectiveJob[] | null>(null);
	/**
	 * Until all are read: the first FIRST_JOBS jobs in the list's order (scheduledAt), for the first screen. Reading
	 * 2,000 jobs takes a tablet hundreds of ms; these come in a few. A prefix of the list: no count, no search over it.
	 */
	first = $state.raw<EffectiveJob[] | null>(null);
	error = $state.raw<unknown>(null);
	readonly loaded = $derived(this.jobs !== null || this.error !== null);

	/** `owner` is read reactively (the signed-in user): a new one starts a new subscription. */
	constructor(owner: () => string | null, store: LocalStore) {
		$effect(() => {
			void owner();
			this.jobs = null;
			this.first = null;
			this.error = null;
			let latest = 0;
			let closed = false;
			let subscription: { unsubscribe(): void } | null = null;
			const showAll = (shown: EffectiveJob[]) => {
				this.jobs = shown;
				this.first = null;
			};
			const readAll = () => {
				if (closed) return;
				// only Dexie reads inside the querier (so liveQuery tracks them); the replay runs outside it
				subscription = liveQuery(() => Promise.all([store.listJobs(), store.listCommands()])).subscribe({
					next: ([jobs, commands]) => {
						const read = ++latest;
						if (commands.length === 0) {
							showAll(jobs.map(unchangedJob));
							return;
						}
						effectiveJobs(jobs, commands, store).then(
							(shown) => {
								if (!closed && read === latest) showAll(shown);
							},
							(error: unknown) => {
								if (!closed && read === latest) this.error = error;
							}
						);
					},
					error: (error: unknown) => {
						this.error = error;
					}
				});
			};
			if (coldStart) {
				coldStart = false;
				// The first screenful, drawn before all the jobs are read: only then does the long read start, so that
				// turning 2,000 stored jobs into objects does not hold the first frame back.
				Promise.all([store.listFirstJobs(FIRST_JOBS), store.listCommands()])
					.then(([jobs, commands]) => effectiveJobs(jobs, commands, store))
					.then(
						(shown) => {
							if (closed || this.jobs !== null) return;
							performance.mark('ht:first-jobs'); // a cold start's phase, for the first-card bench
							this.first = shown;
							afterNextFrame(readAll);
						},
						() => readAll() // the full read says what went wrong
					);
			} else {
				readAll();
			}
			return () => {
				closed = true;
				subscription?.unsubscribe();
			};
		});
	}
}

/**
 * Runs `work` once the next frame is drawn (a timer queued from the frame's callback runs after its paint), or after
 * 100 ms at the latest: a tab in the background draws no frames, and its list must still be read.
 */
function afterNextFrame(work: () => void): void {
	let done = false;
	const once = () => {
		if (done) return;
		done = true;
		work();
	};
	if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0));
	setTimeout(once, 100);
}
