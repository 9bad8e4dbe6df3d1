// What the customer's self-reading page says (seed 004), in Vietnamese (default) and English. Same shape as the
// remote-signing portal's strings ($lib/portal/strings): each string is one {vi, en} pair, so a missing translation
// is a type error, and the language itself is the portal's (one choice per phone for every customer page).
import type { PortalFailure } from '$lib/portal/api';
import { fill, type PortalLang, type Text, type TextParams } from '$lib/portal/strings';

export type { Text, TextParams };

const STRINGS = {
	'page.org': { vi: 'Điện lực — Chăm sóc khách hàng', en: 'Power company — Customer care' },
	'page.title': { vi: 'Tự ghi chỉ số công tơ', en: 'Send your own meter reading' },
	'page.docTitle': { vi: 'Tự ghi chỉ số công tơ — Điện lực', en: 'Send your meter reading — Power company' },

	'load.loading': { vi: 'Đang tải thông tin công tơ…', en: 'Loading your meter…' },
	'load.invalidTitle': { vi: 'Không mở được đường dẫn', en: 'This link cannot be opened' },
	'load.failedTitle': { vi: 'Chưa tải được thông tin công tơ', en: 'Your meter has not loaded' },
	'load.retry': { vi: 'Thử lại', en: 'Try again' },
	'load.retrying': { vi: 'Đang thử lại…', en: 'Trying again…' },
	'load.help': { vi: 'Cần hỗ trợ, vui lòng gọi tổng đài chăm sóc khách hàng của Điện lực.', en: 'For help, please call the power company’s customer hotline.' },

	'error.network': {
		vi: 'Không kết nối được máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại; chỉ số và ảnh quý khách đã nhập vẫn được giữ.',
		en: 'Cannot reach the server. Please check your internet connection and try again; the reading and photo you entered are kept.'
	},
	'error.invalidResponse': {
		vi: 'Máy chủ trả lời không đúng định dạng ({status}). Vui lòng thử lại sau.',
		en: 'The server gave an unexpected answer ({status}). Please try again later.'
	},
	'error.server': { vi: 'Máy chủ đang gặp sự cố ({status}). Vui lòng thử lại sau.', en: 'The server has a problem ({status}). Please try again later.' },
	'error.linkInvalid': {
		vi: 'Đường dẫn không hợp lệ hoặc đã hết hạn. Vui lòng liên hệ Điện lực nếu quý khách cần gửi chỉ số.',
		en: 'This link is invalid or has expired. Please contact the power company if you need to send a reading.'
	},
	'error.alreadySent': {
		vi: 'Quý khách đã gửi chỉ số cho ngày ghi này. Mỗi đường dẫn chỉ gửi được một lần.',
		en: 'You have already sent a reading for this reading day. Each link can be used once.'
	},
	'error.photoTooLarge': { vi: 'Ảnh quá lớn; vui lòng chụp lại.', en: 'The photo is too large; please take it again.' },
	'error.photoType': { vi: 'Chỉ nhận ảnh JPEG hoặc WebP; vui lòng chụp lại.', en: 'Only JPEG or WebP photos are accepted; please take it again.' },
	'error.photoCorrupted': {
		vi: 'Ảnh bị hỏng khi gửi; vui lòng bấm “Thử gửi lại”.',
		en: 'The photo was damaged on the way; please press “Try sending again”.'
	},

	'meter.heading': { vi: 'Công tơ của quý khách', en: 'Your meter' },
	'meter.customer': { vi: 'Khách hàng', en: 'Customer' },
	'meter.serial': { vi: 'Số công tơ', en: 'Meter number' },
	'meter.type': { vi: 'Loại công tơ', en: 'Meter type' },
	'meter.typeValue': { vi: '{kind}, {phases} pha, mặt số {digits} chữ số', en: '{kind}, {phases}-phase, {digits}-digit register' },
	'meter.mechanical': { vi: 'Cơ', en: 'Mechanical' },
	'meter.electronic': { vi: 'Điện tử', en: 'Electronic' },
	'meter.readingDate': { vi: 'Ngày ghi chỉ số', en: 'Reading day' },
	'meter.last': { vi: 'Chỉ số lần trước', en: 'Last reading' },
	'meter.lastValue': { vi: '{kwh} kWh (ngày {date})', en: '{kwh} kWh (on {date})' },
	'meter.lastNone': { vi: 'Chưa có', en: 'None yet' },

	'form.heading': { vi: 'Gửi chỉ số', en: 'Send your reading' },
	'form.intro': {
		vi: 'Chụp ảnh rõ mặt số công tơ, nhập chỉ số (kWh) đọc được rồi bấm “Gửi chỉ số”. Điện lực sẽ đối chiếu với chỉ số ghi cùng ngày.',
		en: 'Take a clear photo of the meter face, type the reading (kWh) you see and press “Send the reading”. The power company compares it with its own reading of the same day.'
	},
	'photo.heading': { vi: '1. Ảnh mặt công tơ', en: '1. Photo of the meter face' },
	'photo.take': { vi: 'Chụp ảnh mặt công tơ', en: 'Take a photo of the meter face' },
	'photo.retake': { vi: 'Chụp lại ảnh', en: 'Take the photo again' },
	'photo.processing': { vi: 'Đang xử lý ảnh…', en: 'Preparing the photo…' },
	'photo.ready': { vi: 'Đã có ảnh ({size} KB)', en: 'Photo ready ({size} KB)' },
	'photo.alt': { vi: 'Ảnh mặt công tơ quý khách vừa chụp', en: 'The photo of the meter face you took' },
	'photo.needed': { vi: 'Vui lòng chụp ảnh mặt công tơ', en: 'Please take a photo of the meter face' },
	'photo.failed': { vi: 'Không đọc được ảnh; vui lòng chụp lại. ({error})', en: 'The photo could not be read; please take it again. ({error})' },

	'kwh.heading': { vi: '2. Chỉ số đọc được', en: '2. The reading' },
	'kwh.label': { vi: 'Chỉ số công tơ (kWh)', en: 'Meter reading (kWh)' },
	'kwh.hint': {
		vi: 'Nhập các chữ số trên mặt công tơ, ví dụ 012345 hoặc 12345,6.',
		en: 'Type the digits on the meter face, e.g. 012345 or 12345.6.'
	},
	'kwh.needed': { vi: 'Vui lòng nhập chỉ số công tơ', en: 'Please type the meter reading' },
	'kwh.format': {
		vi: 'Chỉ số chỉ gồm chữ số (tối đa 2 chữ số thập phân), không dùng dấu phân cách hàng nghìn',
		en: 'Use digits only (at most 2 decimals), without thousands separators'
	},
	'kwh.belowPrevious': {
		vi: 'Chỉ số {kwh} kWh nhỏ hơn chỉ số lần trước ({last} kWh, ngày {date}). Vui lòng đọc lại mặt công tơ.',
		en: 'The reading {kwh} kWh is below the last reading ({last} kWh, on {date}). Please read the meter again.'
	},
	'kwh.tooManyDigits': {
		vi: 'Chỉ số {kwh} có nhiều chữ số hơn mặt số công tơ ({digits} chữ số). Vui lòng đọc lại mặt công tơ.',
		en: 'The reading {kwh} has more digits than the meter’s register ({digits} digits). Please read the meter again.'
	},
	'kwh.invalid': { vi: 'Chỉ số phải là số không âm', en: 'The reading must be a non-negative number' },

	'submit.button': { vi: 'Gửi chỉ số', en: 'Send the reading' },
	'submit.uploading': { vi: 'Đang gửi ảnh…', en: 'Sending the photo…' },
	'submit.sending': { vi: 'Đang gửi chỉ số…', en: 'Sending the reading…' },
	'submit.retry': { vi: 'Thử gửi lại', en: 'Try sending again' },
	'submit.fix': { vi: 'Vui lòng kiểm tra các mục được đánh dấu.', en: 'Please check the highlighted items.' },

	'done.title': { vi: 'Đã gửi chỉ số', en: 'Reading sent' },
	'done.body': {
		vi: 'Điện lực đã nhận chỉ số {kwh} kWh của công tơ {serial}. Xin cảm ơn quý khách!',
		en: 'The power company received the reading {kwh} kWh for meter {serial}. Thank you!'
	},
	'done.match': {
		vi: 'Chỉ số của quý khách khớp với chỉ số Điện lực ghi cùng ngày, hoặc sẽ được đối chiếu khi Điện lực ghi chỉ số.',
		en: 'Your reading matches the power company’s reading of the same day, or will be compared with it once the company reads the meter.'
	},
	'done.complaintTitle': { vi: 'Điện lực đã mở kiến nghị {code}', en: 'The power company opened complaint {code}' },
	'done.complaint': {
		vi: 'Chỉ số quý khách gửi khác chỉ số Điện lực ghi cùng ngày. Điện lực đã tiếp nhận kiến nghị {code} và sẽ trả lời quý khách trong 1 ngày làm việc. Vui lòng giữ mã này khi liên hệ.',
		en: 'The reading you sent differs from the power company’s reading of the same day. The company opened complaint {code} and will answer you within 1 working day. Please keep this code when you get in touch.'
	},
	'sent.title': { vi: 'Chỉ số đã được gửi', en: 'The reading has been sent' },

	'check.heading': { vi: 'Nghi ngờ công tơ chạy không đúng?', en: 'Do you think the meter is wrong?' },
	'check.intro': {
		vi: 'Quý khách có thể đề nghị Điện lực kiểm tra công tơ. Điện lực sẽ hẹn lịch kiểm tra và gửi mã xác nhận kết quả qua tin nhắn.',
		en: 'You can ask the power company to check the meter. The company will arrange a visit and text you a code to confirm the result.'
	},
	'check.button': { vi: 'Đề nghị kiểm tra công tơ', en: 'Ask for a meter check' },
	'check.sending': { vi: 'Đang gửi đề nghị…', en: 'Sending the request…' },
	'check.retry': { vi: 'Thử gửi lại đề nghị', en: 'Try sending the request again' },
	'check.created': {
		vi: 'Điện lực đã tiếp nhận yêu cầu kiểm tra công tơ {code}. Điện lực sẽ hẹn lịch và gửi mã xác nhận kết quả qua tin nhắn.',
		en: 'The power company received meter check request {code}. It will arrange a visit and text you a code to confirm the result.'
	},
	'check.existing': {
		vi: 'Công tơ này đã có yêu cầu kiểm tra {code} đang được xử lý; quý khách không cần đề nghị lại.',
		en: 'A check of this meter is already under way (request {code}); there is no need to ask again.'
	}
} as const satisfies Record<string, Text>;

export type SelfReadingKey = keyof typeof STRINGS;

/** Both languages of `key`, filled. */
export function srText(key: SelfReadingKey, params?: TextParams): Text {
	const entry: Text = STRINGS[key];
	return { vi: fill(entry.vi, params), en: fill(entry.en, params) };
}

/** One language of `key`, filled. */
export function sr(lang: PortalLang, key: SelfReadingKey, params?: TextParams): string {
	return fill(STRINGS[key][lang], params);
}

/** English for the server's refusals; the Vietnamese is always the server's own message. */
function englishFor(code: string): string | null {
	switch (code) {
		case 'link_invalid':
			return STRINGS['error.linkInvalid'].en;
		case 'already_sent':
			return STRINGS['error.alreadySent'].en;
		case 'below_previous':
			return 'The reading is below the meter’s previous reading; please read the meter again';
		case 'too_many_digits':
			return 'The reading has more digits than the meter’s register; please read the meter again';
		case 'invalid_reading':
			return STRINGS['kwh.invalid'].en;
		case 'hash_mismatch':
			return STRINGS['error.photoCorrupted'].en;
		case 'unsupported_type':
			return STRINGS['error.photoType'].en;
		case 'too_large':
			return STRINGS['error.photoTooLarge'].en;
		case 'meter_removed':
			return 'This meter has been replaced; please contact the power company';
		default:
			return null;
	}
}

/** The link itself is unusable: unknown or expired (404, whatever the code), or malformed (the validator's 400 on the token). */
export function isLinkInvalid(failure: PortalFailure): boolean {
	if (failure.kind !== 'refused') return false;
	return failure.code === 'link_invalid' || failure.status === 404 || (failure.status === 400 && 'token' in failure.fields);
}

/** What to tell the customer about a failed call, in both languages. */
export function failureText(failure: PortalFailure): Text {
	switch (failure.kind) {
		case 'network':
			return srText('error.network');
		case 'invalid_response':
			return srText('error.invalidResponse', { status: failure.status });
		case 'refused': {
			if (failure.status >= 500) return srText('error.server', { status: failure.status });
			if (isLinkInvalid(failure)) return srText('error.linkInvalid');
			if (failure.code === 'already_sent') return srText('error.alreadySent');
			return { vi: failure.message, en: englishFor(failure.code) ?? failure.message };
		}
	}
}

/** 1234567.5 → "1.234.567,5" (vi) or "1,234,567.5" (en): how a reading is shown back to the customer. */
export function formatKwh(kwh: number, lang: PortalLang): string {
	return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 }).format(kwh);
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy' (a calendar day, no time zone involved). */
export function dayMonthYear(isoDate: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
	return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}
