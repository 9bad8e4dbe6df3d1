// What the request detail's section components share: the load dependency that refreshes them, the photo
// viewer's context, photo groups as labelled thumbnails, and the words for the server's values (the timeline's
// are $lib/history-words's).
import { createContext } from 'svelte';
import type { RequestState } from '$lib/domain/workflow';
import { stateLabel } from '$lib/client/labels';
import { m } from '$lib/paraglide/messages.js';
import type { BlobUrls, PhotoGroup, PhotoGroupKey, ThumbItem } from './files';
import type { ReadingDispute } from './meter';

/** The dependency of the detail's load: `invalidate(REQUEST_DETAIL_DEPENDENCY)` re-reads the request. */
export const REQUEST_DETAIL_DEPENDENCY = 'console:request-detail';

/** The photos of the page: their object URLs (with the supervisor's token) and the full-size viewer. */
export interface DetailPhotos {
	urls: BlobUrls;
	open: (item: ThumbItem, url: string, trigger: HTMLElement) => void;
}
export const [detailPhotos, setDetailPhotos] = createContext<DetailPhotos>();

export const PHOTO_GROUP_MESSAGES: Record<PhotoGroupKey, () => string> = {
	site: m.common_survey_sitePhotos,
	meter: m.common_survey_meterPhotos,
	abnormalConfirm: m.common_check_abnormalPhoto,
	installMeter: m.common_field_newMeterPhoto,
	newMeter: m.common_field_newMeterPhoto,
	before: m.console_detail_photoGroup_before,
	after: m.console_detail_photoGroup_after,
	reading: m.common_field_readingPhoto,
	seal: m.console_detail_photoGroup_seal,
	oldFinal: m.common_field_oldFinalPhoto,
	disputeUtility: m.console_detail_photoGroup_disputeUtility,
	disputeCustomer: m.console_detail_photoGroup_disputeCustomer
};

export type ThumbGroup = { key: PhotoGroupKey; items: ThumbItem[] };

/** Photo groups as thumbnails, each named by its group and number ("Ảnh hiện trường 2"). */
export function thumbsOf(groups: PhotoGroup[]): ThumbGroup[] {
	return groups.map((g) => ({
		key: g.key,
		items: g.photos.map((sha256, i) => ({ sha256, label: m.console_detail_photo_label({ group: PHOTO_GROUP_MESSAGES[g.key](), n: i + 1 }) }))
	}));
}

/** The two readings of a reading complaint, as thumbnails (a reading may have come without a photo). */
export function disputeThumbs(dispute: ReadingDispute): ThumbItem[] {
	return [
		...(dispute.utility.photo ? [{ sha256: dispute.utility.photo, label: m.console_detail_photoGroup_disputeUtility() }] : []),
		...(dispute.customer.photo ? [{ sha256: dispute.customer.photo, label: m.console_detail_photoGroup_disputeCustomer() }] : [])
	];
}

/** A state's name for this request's service ('' for none). */
export function requestStateLabel(state: RequestState | null, serviceNumber: number | undefined): string {
	return state ? stateLabel(state, serviceNumber) : '';
}

/** The console's word for a server value (party, channel, status), or the value itself when there is none. */
export function wordOr(messages: Record<string, () => string>, value: string): string {
	return Object.prototype.hasOwnProperty.call(messages, value) ? messages[value]!() : value;
}

/** "21.02850, 105.85420" */
export function latLngText(location: { lat: number; lng: number }): string {
	return `${location.lat.toFixed(5)}, ${location.lng.toFixed(5)}`;
}
