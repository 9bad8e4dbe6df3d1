// Links that hand off to the tablet's phone, mail and map apps.

/** tel: URI with only the characters a dialer understands (digits and a leading +). */
export function telHref(phone: string): string {
	const trimmed = phone.trim();
	const digits = trimmed.replace(/[^\d]/g, '');
	return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}

export function mailtoHref(email: string): string {
	return `mailto:${encodeURIComponent(email.trim()).replace(/%40/g, '@')}`;
}

/** geo: URI (RFC 5870) with a query so Android map apps drop a labelled pin and offer directions. */
export function geoHref(location: { lat: number; lng: number }, label: string): string {
	const point = `${location.lat},${location.lng}`;
	return `geo:${point}?q=${point}(${encodeURIComponent(label)})`;
}

/** Coordinates as the crew reads them aloud: 6 decimals is about 10 cm. */
export function formatCoordinates(location: { lat: number; lng: number }): string {
	return `${location.lat.toFixed(6)}, ${location.lng.toFixed(6)}`;
}
