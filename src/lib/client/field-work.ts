// The field-work API the pages use (issue 3): drafts, photos, queued commands, optimistic job views, materials.
// Bound to the app's store and sync singletons; the logic lives in outbox.ts and is unit-tested there.
import { localStore, sync } from './app';
import { createFieldWork, randomUuid } from './outbox';

export type { Draft, DraftKind, OutboxCommand, StoredPhoto } from './store';
export type { EffectiveJob } from './optimistic';
export { UnknownCommandError } from './outbox';

const fieldWork = createFieldWork({
	store: localStore,
	now: () => new Date(),
	newId: randomUuid,
	onEnqueued: () => sync.requestSync(),
	onChanged: () => void sync.refreshCounts().catch(() => undefined),
	onStorageError: (error) => sync.reportStorageError(error)
});

export const {
	loadDraft,
	saveDraft,
	discardDraft,
	savePhoto,
	getPhoto,
	listPhotos,
	submitFieldCommand,
	listCommands,
	getEffectiveJob,
	listEffectiveJobs,
	redoRejected,
	dismissRejected,
	listMaterials,
	vatPercentToday,
	replaceCommandPhoto
} = fieldWork;
