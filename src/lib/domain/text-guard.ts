// One check for every piece of text a client sends (body fields and their keys, path and query parameters):
// PostgreSQL cannot store a NUL character in text or jsonb, and a lone UTF-16 surrogate (what cutting a string
// through an emoji leaves) is not valid Unicode. Both are refused before anything reaches the database, with the
// field named in words. Shared by the server (every route, every pushed command) and usable by the tablet.
import type { Label } from './workflow';

const INVALID_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Deeper than any body or payload the API defines (a signature's stroke point is 5 levels down in a command). */
export const MAX_JSON_DEPTH = 32;

export type FieldPath = Array<string | number>;

export function isStorableText(text: string): boolean {
	return !INVALID_TEXT.test(text);
}

export type JsonProblem = { kind: 'invalid_text'; path: FieldPath } | { kind: 'too_deep'; path: FieldPath };

/**
 * The first place in a parsed JSON value that cannot be stored: a key or a string holding NUL or a lone surrogate,
 * or nesting deeper than MAX_JSON_DEPTH (which would overflow the stack when stored as jsonb). Null: all clean.
 * Walks with its own stack, so hostile nesting cannot overflow it.
 */
export function findJsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonProblem | null {
	const stack: Array<{ value: unknown; path: FieldPath }> = [{ value, path: [] }];
	while (stack.length > 0) {
		const { value: current, path } = stack.pop()!;
		if (typeof current === 'string') {
			if (!isStorableText(current)) return { kind: 'invalid_text', path };
			continue;
		}
		if (typeof current !== 'object' || current === null) continue;
		if (path.length >= maxDepth) return { kind: 'too_deep', path };
		if (Array.isArray(current)) {
			for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: [...path, i] });
			continue;
		}
		const entries = Object.entries(current);
		for (let i = entries.length - 1; i >= 0; i--) {
			const [key, child] = entries[i]!;
			if (!isStorableText(key)) return { kind: 'invalid_text', path: [...path, key] };
			stack.push({ value: child, path: [...path, key] });
		}
	}
	return null;
}

/**
 * What the crew, a supervisor or a customer calls each field, by its path without list positions
 * ("lines.code" for lines[3].code), else by its last name. Keys are the field names of the shared schemas.
 */
const FIELD_LABELS: Record<string, Label> = {
	// login, intake, dispatch, payments, portal, meters
	username: { vi: 'tên đăng nhập', en: 'username' },
	password: { vi: 'mật khẩu', en: 'password' },
	serviceNumber: { vi: 'dịch vụ', en: 'service' },
	customer: { vi: 'khách hàng', en: 'customer' },
	'customer.name': { vi: 'họ tên khách hàng', en: 'customer name' },
	'customer.phone': { vi: 'số điện thoại', en: 'phone number' },
	'customer.email': { vi: 'email', en: 'email' },
	address: { vi: 'địa chỉ', en: 'address' },
	documents: { vi: 'tài liệu kèm theo', en: 'attached documents' },
	crewId: { vi: 'tổ', en: 'crew' },
	scheduledAt: { vi: 'thời gian hẹn', en: 'appointment time' },
	amount: { vi: 'số tiền', en: 'amount' },
	receiptNo: { vi: 'số biên lai', en: 'receipt number' },
	requestCode: { vi: 'mã yêu cầu', en: 'request code' },
	transactionId: { vi: 'mã giao dịch', en: 'transaction id' },
	provider: { vi: 'cổng thanh toán', en: 'payment provider' },
	comment: { vi: 'nội dung cần chỉnh sửa', en: 'correction' },
	kwh: { vi: 'chỉ số công tơ', en: 'meter reading' },
	takenAt: { vi: 'thời điểm ghi chỉ số', en: 'reading time' },
	photoSha256: { vi: 'ảnh', en: 'photo' },
	readingDate: { vi: 'ngày ghi chỉ số', en: 'reading day' },
	contractSha256: { vi: 'hợp đồng đã đọc', en: 'contract read' },
	lat: { vi: 'vị trí', en: 'position' },
	lng: { vi: 'vị trí', en: 'position' },
	accuracyM: { vi: 'độ chính xác vị trí', en: 'position accuracy' },
	at: { vi: 'thời điểm', en: 'time' },
	// push envelope
	deviceId: { vi: 'mã thiết bị', en: 'device id' },
	commands: { vi: 'danh sách lệnh', en: 'commands' },
	commandId: { vi: 'mã lệnh', en: 'command id' },
	seq: { vi: 'số thứ tự lệnh', en: 'command number' },
	name: { vi: 'tên lệnh', en: 'command name' },
	requestId: { vi: 'yêu cầu', en: 'request' },
	jobId: { vi: 'công việc', en: 'job' },
	baseVersion: { vi: 'phiên bản yêu cầu đã xem', en: 'request version seen' },
	deviceTime: { vi: 'giờ trên máy tính bảng', en: 'tablet time' },
	payload: { vi: 'nội dung lệnh', en: 'command content' },
	// field command payloads
	customerPresent: { vi: 'khách hàng có mặt', en: 'customer present' },
	siteCondition: { vi: 'điều kiện hiện trường', en: 'site condition' },
	distanceM: { vi: 'khoảng cách', en: 'distance' },
	phases: { vi: 'số pha', en: 'phases' },
	expectedLoadKw: { vi: 'công suất dự kiến', en: 'expected load' },
	route: { vi: 'cách đi dây', en: 'cable route' },
	obstacles: { vi: 'vật cản', en: 'obstacles' },
	notes: { vi: 'ghi chú', en: 'notes' },
	note: { vi: 'ghi chú', en: 'note' },
	location: { vi: 'vị trí', en: 'position' },
	sitePhotos: { vi: 'ảnh hiện trường', en: 'site photos' },
	meterPhotos: { vi: 'ảnh công tơ', en: 'meter photos' },
	lines: { vi: 'dòng vật tư', en: 'material lines' },
	'lines.code': { vi: 'mã vật tư', en: 'material code' },
	'materials.code': { vi: 'mã vật tư', en: 'material code' },
	quantity: { vi: 'số lượng', en: 'quantity' },
	vatPercent: { vi: 'thuế VAT', en: 'VAT' },
	expectedTotal: { vi: 'tổng tiền dự toán', en: 'estimate total' },
	materials: { vi: 'vật tư đã dùng', en: 'materials used' },
	meterSerial: { vi: 'số sê-ri công tơ', en: 'meter serial' },
	meterReadingKwh: { vi: 'chỉ số công tơ', en: 'meter reading' },
	meterPhoto: { vi: 'ảnh công tơ', en: 'meter photo' },
	sealNumbers: { vi: 'số niêm phong', en: 'seal numbers' },
	beforePhotos: { vi: 'ảnh trước thi công', en: 'photos before the work' },
	afterPhotos: { vi: 'ảnh sau thi công', en: 'photos after the work' },
	abnormalConfirmPhoto: { vi: 'ảnh xác nhận chỉ số bất thường', en: 'photo confirming the abnormal reading' },
	contractVersion: { vi: 'phiên bản hợp đồng', en: 'contract version' },
	code: { vi: 'mã xác nhận', en: 'confirmation code' },
	signature: { vi: 'chữ ký', en: 'signature' },
	'signature.imagePng': { vi: 'ảnh chữ ký', en: 'signature image' },
	'signature.strokes': { vi: 'nét chữ ký', en: 'signature strokes' },
	'signature.signerName': { vi: 'họ tên người ký', en: 'signer name' },
	reason: { vi: 'lý do', en: 'reason' },
	readingKwh: { vi: 'chỉ số công tơ', en: 'meter reading' },
	readingPhoto: { vi: 'ảnh chỉ số công tơ', en: 'reading photo' },
	sealIntact: { vi: 'niêm phong', en: 'seal' },
	sealPhoto: { vi: 'ảnh niêm phong', en: 'seal photo' },
	result: { vi: 'kết quả kiểm tra', en: 'test result' },
	errorPercent: { vi: 'sai số', en: 'error' },
	action: { vi: 'xử lý', en: 'action' },
	replacement: { vi: 'công tơ thay mới', en: 'replacement meter' },
	'replacement.newSerial': { vi: 'số sê-ri công tơ mới', en: 'new meter serial' },
	'replacement.newType': { vi: 'loại công tơ mới', en: 'new meter type' },
	'replacement.newPhases': { vi: 'số pha công tơ mới', en: 'new meter phases' },
	'replacement.newRegisterDigits': { vi: 'số chữ số mặt số công tơ mới', en: 'new meter register digits' },
	'replacement.newReadingKwh': { vi: 'chỉ số công tơ mới', en: 'new meter reading' },
	'replacement.newPhoto': { vi: 'ảnh công tơ mới', en: 'new meter photo' },
	'replacement.oldFinalKwh': { vi: 'chỉ số chốt công tơ cũ', en: 'old meter final reading' },
	'replacement.oldFinalPhoto': { vi: 'ảnh chỉ số chốt công tơ cũ', en: 'old meter final reading photo' },
	// path parameters
	id: { vi: 'mã trong địa chỉ', en: 'id in the address' },
	token: { vi: 'đường dẫn', en: 'link' },
	serial: { vi: 'số sê-ri công tơ', en: 'meter serial' },
	sha256: { vi: 'mã ảnh', en: 'photo id' },
	// query parameters
	q: { vi: 'từ khóa tìm kiếm', en: 'search' },
	state: { vi: 'trạng thái', en: 'state' },
	service: { vi: 'dịch vụ', en: 'service' },
	overdue: { vi: 'quá hạn', en: 'overdue' },
	page: { vi: 'trang', en: 'page' },
	pageSize: { vi: 'số dòng mỗi trang', en: 'page size' },
	cursor: { vi: 'mốc đồng bộ', en: 'sync cursor' },
	access_token: { vi: 'phiên đăng nhập', en: 'session' },
	pollMs: { vi: 'chu kỳ cập nhật', en: 'update interval' }
};

const UNKNOWN_FIELD: Label = { vi: 'một trường dữ liệu', en: 'a field' };

/**
 * A field named in words, with its position in a list when it is in one ("mã vật tư (dòng 4)"). A key nobody
 * defined is never echoed back: it is hostile input, possibly the very text being refused.
 */
export function fieldLabel(path: FieldPath): Label {
	const names = path.filter((p): p is string => typeof p === 'string');
	const positions = path.filter((p): p is number => typeof p === 'number');
	const label = FIELD_LABELS[names.join('.')] ?? (names.length > 0 ? FIELD_LABELS[names[names.length - 1]!] : undefined);
	if (!label) return UNKNOWN_FIELD;
	const last = positions[positions.length - 1];
	if (last === undefined) return label;
	return { vi: `${label.vi} (mục ${last + 1})`, en: `${label.en} (item ${last + 1})` };
}

/** The refusal of a field's text, in both languages. */
export function invalidTextReason(path: FieldPath): Label {
	const field = fieldLabel(path);
	return {
		vi: `Trường “${field.vi}” có ký tự không hợp lệ (ký tự rỗng hoặc biểu tượng cảm xúc bị cắt dở); vui lòng nhập lại`,
		en: `The field “${field.en}” holds an invalid character (a NUL or half of an emoji); please enter it again`
	};
}

export function tooDeepReason(path: FieldPath): Label {
	const field = fieldLabel(path);
	return {
		vi: `Trường “${field.vi}” lồng nhau quá sâu, không phải dữ liệu của ứng dụng`,
		en: `The field “${field.en}” is nested too deeply to be the app's data`
	};
}

export function jsonProblemReason(problem: JsonProblem): Label {
	return problem.kind === 'invalid_text' ? invalidTextReason(problem.path) : tooDeepReason(problem.path);
}

/**
 * The key a refusal's `fields` map uses, as zod issues do ("lines.3.code"; "_" for the whole value). A hostile key
 * is cut short (by code points: never through an emoji), and one that is itself unstorable is replaced, since the refusal is stored too.
 */
export function fieldKey(path: FieldPath): string {
	if (path.length === 0) return '_';
	return path.map((p) => (typeof p === 'number' ? String(p) : isStorableText(p) ? Array.from(p).slice(0, 64).join('') : '?')).join('.');
}
