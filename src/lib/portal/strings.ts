// What the customer's portal says, in Vietnamese (default) and English. Each string is one {vi, en} pair, so a
// missing translation is a type error. The crew app's own texts live in $lib/client/i18n.svelte.ts.
import type { PortalFailure } from './api';

export type PortalLang = 'vi' | 'en';
export const PORTAL_LANGS: readonly PortalLang[] = ['vi', 'en'];

/** A text in both languages; the page picks one at render time, so a language switch re-renders everything. */
export interface Text {
	vi: string;
	en: string;
}

const STRINGS = {
	'portal.org': { vi: 'Điện lực — Dịch vụ dây sau công tơ', en: 'Power company — wiring after the meter' },
	'portal.title': { vi: 'Hợp đồng dịch vụ dây sau công tơ', en: 'Service contract: wiring after the meter' },
	'portal.docTitle': { vi: 'Ký hợp đồng — Điện lực', en: 'Sign the contract — Power company' },
	'lang.switch': { vi: 'English', en: 'Tiếng Việt' },
	'lang.switchLabel': { vi: 'Chuyển sang tiếng Anh', en: 'Chuyển sang tiếng Việt (switch to Vietnamese)' },

	'load.loading': { vi: 'Đang tải hợp đồng…', en: 'Loading the contract…' },
	'load.invalidTitle': { vi: 'Không mở được hợp đồng', en: 'The contract cannot be opened' },
	'load.failedTitle': { vi: 'Chưa tải được hợp đồng', en: 'The contract has not loaded' },
	'load.retry': { vi: 'Thử lại', en: 'Try again' },
	'load.retrying': { vi: 'Đang thử lại…', en: 'Trying again…' },
	'load.help': { vi: 'Cần hỗ trợ, vui lòng gọi tổng đài chăm sóc khách hàng của Điện lực.', en: 'For help, please call the power company’s customer hotline.' },

	'error.network': {
		vi: 'Không kết nối được máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.',
		en: 'Cannot reach the server. Please check your internet connection and try again.'
	},
	'error.invalidResponse': {
		vi: 'Máy chủ trả lời không đúng định dạng ({status}). Vui lòng thử lại sau.',
		en: 'The server gave an unexpected answer ({status}). Please try again later.'
	},
	'error.server': { vi: 'Máy chủ đang gặp sự cố ({status}). Vui lòng thử lại sau.', en: 'The server has a problem ({status}). Please try again later.' },
	'error.linkInvalid': {
		vi: 'Đường dẫn không hợp lệ hoặc đã hết hạn; vui lòng liên hệ Điện lực để nhận đường dẫn mới',
		en: 'This link is invalid or has expired; please contact the power company for a new link'
	},

	'request.heading': { vi: 'Yêu cầu {code}', en: 'Request {code}' },
	'request.customer': { vi: 'Khách hàng', en: 'Customer' },
	'request.address': { vi: 'Địa điểm thi công', en: 'Work site' },
	'request.state': { vi: 'Trạng thái', en: 'Status' },

	'contract.heading': { vi: 'Nội dung hợp đồng', en: 'The contract' },
	'contract.version': { vi: 'Phiên bản {version}', en: 'Version {version}' },
	'contract.drafted': { vi: 'Ngày lập: {date}', en: 'Drafted: {date}' },
	'contract.vietnameseOnly': {
		vi: '',
		en: 'The contract is legally binding in Vietnamese; its text is shown as issued.'
	},
	'contract.none': {
		vi: 'Hợp đồng chưa được lập. Điện lực sẽ gửi đường dẫn khi hợp đồng sẵn sàng để ký.',
		en: 'The contract has not been drawn up yet. The power company will send a link when it is ready to sign.'
	},
	'contract.hashMismatch': {
		vi: 'Nội dung hợp đồng tải về không khớp với bản gốc. Vui lòng tải lại trang trước khi ký.',
		en: 'The contract text received does not match the original. Please reload the page before signing.'
	},
	'contract.reload': { vi: 'Tải lại trang', en: 'Reload the page' },

	'status.signedTitle': { vi: 'Hợp đồng đã được ký', en: 'The contract is signed' },
	'status.downloadPdf': { vi: 'Tải hợp đồng đã ký (PDF)', en: 'Download the signed contract (PDF)' },
	'status.signedAt': { vi: 'Quý khách đã ký hợp đồng này lúc {time}. Không cần ký lại.', en: 'You signed this contract at {time}. No need to sign again.' },
	'status.signedNoTime': { vi: 'Hợp đồng này đã được ký. Không cần ký lại.', en: 'This contract has been signed. No need to sign again.' },
	'status.notAwaitingTitle': { vi: 'Hợp đồng hiện không chờ quý khách ký', en: 'The contract is not waiting for your signature' },
	'status.notAwaiting': {
		vi: 'Trạng thái yêu cầu: {state}. Quý khách vẫn có thể đọc hợp đồng bên dưới; Điện lực sẽ liên hệ khi cần.',
		en: 'Request status: {state}. You can still read the contract below; the power company will contact you if needed.'
	},

	'sign.heading': { vi: 'Ký hợp đồng', en: 'Sign the contract' },
	'sign.jump': { vi: 'Đến phần ký hợp đồng ↓', en: 'Go to signing ↓' },
	'sign.intro': {
		vi: 'Sau khi đọc hợp đồng, quý khách nhận mã ký qua tin nhắn, ký tên vào khung và nhập mã để xác nhận.',
		en: 'After reading the contract, get a signing code by text message, sign in the box and enter the code to confirm.'
	},
	'code.heading': { vi: '1. Nhận mã ký', en: '1. Get a signing code' },
	'code.send': { vi: 'Gửi mã ký', en: 'Send me a code' },
	'code.resend': { vi: 'Gửi lại mã ký', en: 'Send a new code' },
	'code.sending': { vi: 'Đang gửi mã…', en: 'Sending the code…' },
	'code.wait': { vi: 'Có thể gửi lại sau {seconds} giây', en: 'You can ask again in {seconds} s' },
	'code.sentBoth': {
		vi: 'Mã đã gửi tới số điện thoại và email của quý khách, hiệu lực {minutes} phút.',
		en: 'The code was sent to your phone and email; it is valid for {minutes} minutes.'
	},
	'code.sentSms': { vi: 'Mã đã gửi tới số điện thoại của quý khách, hiệu lực {minutes} phút.', en: 'The code was sent to your phone; it is valid for {minutes} minutes.' },
	'code.sentEmail': { vi: 'Mã đã gửi tới email của quý khách, hiệu lực {minutes} phút.', en: 'The code was sent to your email; it is valid for {minutes} minutes.' },
	'code.sentNowhere': {
		vi: 'Chưa có số điện thoại hoặc email để gửi mã. Vui lòng liên hệ Điện lực.',
		en: 'There is no phone number or email to send the code to. Please contact the power company.'
	},

	'sign.padHeading': { vi: '2. Ký tên', en: '2. Sign' },
	'sign.pad': { vi: 'Ký tên vào khung dưới đây (dùng ngón tay)', en: 'Sign in the box below (with your finger)' },
	'sign.clear': { vi: 'Xóa, ký lại', en: 'Clear and sign again' },
	'sign.name': { vi: 'Họ tên người ký', en: 'Name of the signer' },
	'sign.codeHeading': { vi: '3. Nhập mã và ký', en: '3. Enter the code and sign' },
	'sign.code': { vi: 'Mã ký (6 chữ số)', en: 'Signing code (6 digits)' },
	'sign.submit': { vi: 'Ký hợp đồng', en: 'Sign the contract' },
	'sign.submitting': { vi: 'Đang ký…', en: 'Signing…' },
	'sign.needSignature': { vi: 'Vui lòng ký tên vào khung', en: 'Please sign in the box' },
	'sign.needName': { vi: 'Nhập họ tên người ký', en: 'Enter the signer’s name' },
	'sign.needCode': { vi: 'Vui lòng bấm “Gửi mã ký” để nhận mã', en: 'Please press “Send me a code” to get a code' },
	'sign.fixFields': { vi: 'Vui lòng kiểm tra các ô được đánh dấu.', en: 'Please check the highlighted fields.' },
	'sign.askNewCode': { vi: 'Vui lòng bấm “Gửi mã ký” để nhận mã mới.', en: 'Please press “Send me a code” to get a new code.' },
	'sign.contractChanged': {
		vi: 'Trang đã hiển thị phiên bản {version}; vui lòng đọc lại và bấm “Gửi mã ký” để nhận mã mới trước khi ký.',
		en: 'The page now shows version {version}; please read it again and press “Send me a code” to get a new code before signing.'
	},
	'sign.doneTitle': { vi: 'Ký hợp đồng thành công', en: 'Contract signed' },
	'sign.done': {
		vi: 'Quý khách đã ký hợp đồng thành công. Điện lực sẽ ký xác nhận và thông báo cho quý khách qua tin nhắn. Xin cảm ơn!',
		en: 'You have signed the contract. The power company will countersign it and let you know by text message. Thank you!'
	},

	'correction.open': { vi: 'Yêu cầu chỉnh sửa', en: 'Ask for changes' },
	'correction.heading': { vi: 'Yêu cầu chỉnh sửa hợp đồng', en: 'Ask for changes to the contract' },
	'correction.intro': {
		vi: 'Nếu nội dung hợp đồng chưa đúng, hãy nêu điểm cần sửa. Điện lực sẽ lập phiên bản mới để quý khách ký.',
		en: 'If something in the contract is wrong, tell us what to change. The power company will draw up a new version for you to sign.'
	},
	'correction.comment': { vi: 'Nội dung cần chỉnh sửa', en: 'What should be changed' },
	'correction.tooShort': { vi: 'Nêu nội dung cần chỉnh sửa (ít nhất 5 ký tự)', en: 'Describe what should be changed (at least 5 characters)' },
	'correction.tooLong': { vi: 'Nội dung quá dài (tối đa 2000 ký tự)', en: 'Too long (at most 2000 characters)' },
	'correction.submit': { vi: 'Gửi yêu cầu chỉnh sửa', en: 'Send the request' },
	'correction.submitting': { vi: 'Đang gửi…', en: 'Sending…' },
	'correction.cancel': { vi: 'Hủy', en: 'Cancel' },
	'correction.doneTitle': { vi: 'Đã gửi yêu cầu chỉnh sửa', en: 'Change request sent' },
	'correction.done': {
		vi: 'Điện lực đã nhận yêu cầu chỉnh sửa. Phiên bản hợp đồng đã chỉnh sửa (phiên bản {version}) được gửi tới quý khách qua tin nhắn và hiển thị ngay tại trang này; vui lòng đọc lại trước khi ký.',
		en: 'The power company received your request. The corrected contract (version {version}) is sent to you by text message and shown on this page; please read it again before signing.'
	}
} as const satisfies Record<string, Text>;

export type PortalKey = keyof typeof STRINGS;
export type TextParams = Record<string, string | number>;

/** Fills `{name}` placeholders; an unknown one stays visible so a missing parameter is noticed. */
export function fill(template: string, params?: TextParams): string {
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

/** Both languages of `key`, filled. */
export function text(key: PortalKey, params?: TextParams): Text {
	const entry: Text = STRINGS[key];
	return { vi: fill(entry.vi, params), en: fill(entry.en, params) };
}

/** One language of `key`, filled. */
export function pt(lang: PortalLang, key: PortalKey, params?: TextParams): string {
	return fill(STRINGS[key][lang], params);
}

/** The same words in both languages (a server message we cannot translate). */
export function same(message: string): Text {
	return { vi: message, en: message };
}

/** English for the server's refusals; the Vietnamese is always the server's own message. */
function englishFor(code: string, message: string): string | null {
	const n = /(\d+)/.exec(message)?.[1];
	switch (code) {
		case 'link_invalid':
			return STRINGS['error.linkInvalid'].en;
		case 'too_soon':
			return n ? `A code was just sent; please wait ${n} seconds before asking again` : 'A code was just sent; please wait a minute before asking again';
		case 'too_many_codes':
			return 'Too many codes were sent in the last hour; please try again later';
		case 'wrong_code':
			return n ? `Wrong signing code; ${n} attempts left` : 'Wrong signing code';
		case 'locked_code':
			return n ? `Wrong code ${n} times; the code is locked, please ask for a new one` : 'The code is locked; please ask for a new one';
		case 'expired_code':
			return 'The signing code has expired; please ask for a new one';
		case 'no_code':
			return 'There is no valid signing code for this contract; please ask for a new one';
		case 'contract_changed':
			return 'The contract was updated after you opened this page; please reload and read the new version';
		case 'already_signed':
			return 'The contract has already been signed; there is no need to sign again';
		case 'not_awaiting_signature':
			return 'The contract is not waiting for your signature at the moment';
		case 'too_large':
			return 'The signature is too large; please sign again more simply';
		default:
			return null;
	}
}

/** What to tell the customer about a failed call, in both languages. */
export function failureText(failure: PortalFailure): Text {
	switch (failure.kind) {
		case 'network':
			return text('error.network');
		case 'invalid_response':
			return text('error.invalidResponse', { status: failure.status });
		case 'refused': {
			if (failure.status >= 500) return text('error.server', { status: failure.status });
			return { vi: failure.message, en: englishFor(failure.code, failure.message) ?? failure.message };
		}
	}
}

const VN_OFFSET_MS = 7 * 3_600_000;

/** dd/mm/yyyy of the Vietnamese calendar day (UTC+7, no daylight saving), whatever the phone's time zone. */
export function vnDate(iso: string): string {
	const local = new Date(new Date(iso).getTime() + VN_OFFSET_MS);
	const dd = String(local.getUTCDate()).padStart(2, '0');
	const mm = String(local.getUTCMonth() + 1).padStart(2, '0');
	return `${dd}/${mm}/${local.getUTCFullYear()}`;
}

/** HH:mm dd/mm/yyyy in Vietnam time. */
export function vnDateTime(iso: string): string {
	const local = new Date(new Date(iso).getTime() + VN_OFFSET_MS);
	const hh = String(local.getUTCHours()).padStart(2, '0');
	const min = String(local.getUTCMinutes()).padStart(2, '0');
	return `${hh}:${min} ${vnDate(iso)}`;
}
