// The maps' own text, Vietnamese by default and English when the app is switched to English.
import { format, i18n, type Lang, type MessageParams } from '$lib/client/i18n.svelte';
import { ageParts, type Risk } from './model';

const vi = {
	'map.title': 'Bản đồ',
	'map.zoomIn': 'Phóng to',
	'map.zoomOut': 'Thu nhỏ',
	'map.nav': 'Bản đồ',
	'map.supervisorTitle': 'Bản đồ tổ công tác',
	'map.crewTitle': 'Bản đồ công việc của tổ',
	'map.loading': 'Đang tải bản đồ…',
	'map.loadFailed': 'Không tải được dữ liệu bản đồ ({detail}).',
	'map.tilesFailed': 'Không tải được nền bản đồ; các điểm công việc vẫn hiển thị.',
	'map.filterCrew': 'Tổ công tác',
	'map.filterRisk': 'Hạn xử lý',
	'map.allCrews': 'Tất cả các tổ',
	'map.allRisks': 'Tất cả',
	'map.risk.overdue': 'Quá hạn',
	'map.risk.due_soon': 'Sắp đến hạn',
	'map.risk.ok': 'Còn hạn',
	'map.risk.none': 'Không có hạn',
	'map.jobCount': '{shown} việc trên bản đồ',
	'map.withoutLocation': '{count} việc chưa có vị trí',
	'map.cluster': '{count} việc ở gần nhau — bấm để phóng to',
	'map.crewAt': '{crew}: vị trí {age}',
	'map.crewNoPosition': 'chưa có vị trí',
	'map.age.now': 'vừa xong',
	'map.age.minutes': '{n} phút trước',
	'map.age.hours': '{n} giờ trước',
	'map.age.days': '{n} ngày trước',
	'map.stale': '(cũ)',
	'map.card.code': 'Mã yêu cầu',
	'map.card.customer': 'Khách hàng',
	'map.card.state': 'Trạng thái',
	'map.card.crew': 'Tổ',
	'map.card.scheduled': 'Lịch hẹn',
	'map.card.address': 'Địa chỉ',
	'map.card.open': 'Mở',
	'map.card.close': 'Đóng',
	'map.card.reassign': 'Giao tổ khác',
	'map.card.reassignTo': 'Giao cho tổ',
	'map.card.chooseCrew': 'Chọn tổ…',
	'map.card.reassignSubmit': 'Giao',
	'map.card.reassigning': 'Đang giao…',
	'map.card.reassigned': 'Đã giao công việc cho {crew}.',
	'map.card.reassignFailed': 'Không giao được: {message}',
	'map.card.noOtherCrew': 'Không có tổ nào khác trong đơn vị.',
	'map.live': 'Cập nhật trực tiếp',
	'map.liveLost': 'Mất kết nối cập nhật trực tiếp, đang thử lại…',
	'map.routeToday': 'Lộ trình hôm nay: {count} điểm',
	'map.noJobs': 'Không có công việc nào có vị trí để hiển thị.',
	'map.legend': 'Chú giải',
	'map.crewLegend': 'Vị trí tổ (mờ: cũ hơn {minutes} phút)',
	'map.offline': 'Đang ngoại tuyến: bản đồ dùng dữ liệu và nền đã lưu trên máy.',
	'map.neverSynced': 'Chưa tải công việc về máy. Hãy kết nối mạng và đồng bộ.',
	'ping.sharing': 'Đang chia sẻ vị trí',
	'ping.last': 'lần cuối {time}',
	'ping.waiting': 'chưa gửi',
	'ping.failed': 'không lấy được vị trí'
};

const en: Record<keyof typeof vi, string> = {
	'map.title': 'Map',
	'map.zoomIn': 'Zoom in',
	'map.zoomOut': 'Zoom out',
	'map.nav': 'Map',
	'map.supervisorTitle': 'Crew map',
	'map.crewTitle': 'Map of the crew’s jobs',
	'map.loading': 'Loading the map…',
	'map.loadFailed': 'Could not load the map data ({detail}).',
	'map.tilesFailed': 'Map background could not be loaded; the job markers are still shown.',
	'map.filterCrew': 'Crew',
	'map.filterRisk': 'Deadline',
	'map.allCrews': 'All crews',
	'map.allRisks': 'All',
	'map.risk.overdue': 'Overdue',
	'map.risk.due_soon': 'Due soon',
	'map.risk.ok': 'On time',
	'map.risk.none': 'No deadline',
	'map.jobCount': '{shown} jobs on the map',
	'map.withoutLocation': '{count} jobs without a location',
	'map.cluster': '{count} jobs close together — tap to zoom in',
	'map.crewAt': '{crew}: position {age}',
	'map.crewNoPosition': 'no position yet',
	'map.age.now': 'just now',
	'map.age.minutes': '{n} min ago',
	'map.age.hours': '{n} h ago',
	'map.age.days': '{n} days ago',
	'map.stale': '(old)',
	'map.card.code': 'Request',
	'map.card.customer': 'Customer',
	'map.card.state': 'State',
	'map.card.crew': 'Crew',
	'map.card.scheduled': 'Scheduled',
	'map.card.address': 'Address',
	'map.card.open': 'Open',
	'map.card.close': 'Close',
	'map.card.reassign': 'Give to another crew',
	'map.card.reassignTo': 'Give to crew',
	'map.card.chooseCrew': 'Choose a crew…',
	'map.card.reassignSubmit': 'Assign',
	'map.card.reassigning': 'Assigning…',
	'map.card.reassigned': 'The job was given to {crew}.',
	'map.card.reassignFailed': 'Could not reassign: {message}',
	'map.card.noOtherCrew': 'No other crew in the unit.',
	'map.live': 'Live updates',
	'map.liveLost': 'Live updates lost, retrying…',
	'map.routeToday': 'Today’s route: {count} stops',
	'map.noJobs': 'No jobs with a location to show.',
	'map.legend': 'Legend',
	'map.crewLegend': 'Crew position (faded: older than {minutes} min)',
	'map.offline': 'Offline: the map uses the data and background saved on this tablet.',
	'map.neverSynced': 'No jobs on this tablet yet. Connect and sync.',
	'ping.sharing': 'Sharing location',
	'ping.last': 'last {time}',
	'ping.waiting': 'not sent yet',
	'ping.failed': 'no position fix'
};

export type MapTextKey = keyof typeof vi;

const DICTIONARIES: Record<Lang, Record<MapTextKey, string>> = { vi, en };

/** A map string in `lang` (by default the app's current language, so templates follow a switch). */
export function mapText(key: MapTextKey, params?: MessageParams, lang: Lang = i18n.lang): string {
	return format(DICTIONARIES[lang][key], params);
}

/** "5 phút trước" / "5 min ago" for a position `ageMs` old. */
export function ageText(ageMs: number, lang: Lang = i18n.lang): string {
	const age = ageParts(ageMs);
	if (age.unit === 'now') return mapText('map.age.now', undefined, lang);
	return mapText(`map.age.${age.unit}`, { n: age.n }, lang);
}

export function riskLabel(risk: Risk, lang: Lang = i18n.lang): string {
	return mapText(`map.risk.${risk}`, undefined, lang);
}
