// The EVNCPC service catalog (seed 002): 79 services, STT 1–79, in the seed's order.
// Transcribed from /work/shared/seeds/002_7486b45b22a7f16e.txt; the Vietnamese text is the seed's own
// wording (typos included). Conventions:
// - section: the đề mục the service sits under; in group 1 prefixed with the lettered heading
//   (A–D, trailing period dropped) as "<lettered heading> — <đề mục>", because the đề mục names
//   repeat under B and C; collapsed to one segment when both are the same (D).
// - costSplit: the "Điện lực" and "Khách hàng" columns. Where the seed leaves the Điện lực cell
//   empty (a non-breaking-space placeholder in the source) the text belongs to Khách hàng, so
//   "Miễn phí" (free of charge to the customer) is stored as customer, with utility ''.
// - processingTime: "Cung cấp ngay." → immediate; "Theo hợp đồng." → per_contract;
//   "Thời gian do 2 bên thỏa thuận" → by_agreement; "NN giờ" → hours; "NN ngày làm việc" → working_days.
import type { CatalogService } from './catalog';

export const CATALOG_DATA: CatalogService[] = [
	{
		number: 1,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện hạ áp — KH mua điện sinh hoạt (01 pha, 03 pha)',
		name: 'Cấp điện hạ áp sinh hoạt (SH): thành phố (TP), thị xã (TX), thị trấn (TT)',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH đăng ký gắn mới công tơ 01 pha/03 pha cho mục đích sinh hoạt khu vực TP, TX, TT (tại địa chỉ đăng ký chưa có công tơ cho mục đích sinh hoạt).'
	},
	{
		number: 2,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện hạ áp — KH mua điện sinh hoạt (01 pha, 03 pha)',
		name: 'Cấp điện hạ áp sinh hoạt nông thôn',
		processingTime: { kind: 'working_days', value: 5 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH đăng ký gắn mới công tơ 01 pha/03 pha cho mục đích sinh hoạt khu vực nông thôn (tại địa chỉ đăng ký chưa có công tơ cho mục đích sinh hoạt).'
	},
	{
		number: 3,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện hạ áp — KH mua điện sinh hoạt (01 pha, 03 pha)',
		name: 'Cấp điện hạ áp sinh hoạt có lắp thêm cột/cáp ngầm/TI',
		processingTime: { kind: 'working_days', value: 7 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH đăng ký gắn mới công tơ 01 pha/03 pha cho mục đích SH khu vực TP, TX, TT hoặc nông thôn (tại địa chỉ đăng ký chưa có công tơ cho mục đích sinh hoạt) mà ĐL có thực hiện đầu tư một trong các hạng mục sau để phục vụ việc cấp điện mới:\n- Trồng trụ trước công tơ.\n- Kéo đường dây ngầm/nổi trước công tơ\n- Lắp đặt TI phục vụ việc đo đếm.\n- Các nội dung khác nếu có.'
	},
	{
		number: 4,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện hạ áp — KH mua điện sinh hoạt (01 pha, 03 pha), sử dụng chung công tơ',
		name: 'Cấp điện hạ áp SH, sử dụng chung công tơ: TP, TX, TT',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH đại diện cho khu tập thể, cụm dân cư đăng ký gắn mới công tơ 01 pha/03 pha cho mục đích sinh hoạt khu vực TP, TX, TT (tại địa chỉ đăng ký chưa có công tơ cho mục đích sinh hoạt).'
	},
	{
		number: 5,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện hạ áp — KH mua điện sinh hoạt (01 pha, 03 pha), sử dụng chung công tơ',
		name: 'Cấp điện hạ áp SH, sử dụng chung công tơ: Nông thôn',
		processingTime: { kind: 'working_days', value: 5 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: '- KH đại diện cho khu tập thể, cụm dân cư đăng ký gắn mới công tơ 01 pha/03 pha cho mục đích sinh hoạt khu vực nông thôn (tại địa chỉ đăng ký chưa có công tơ cho mục đích sinh hoạt).'
	},
	{
		number: 6,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện hạ áp — KH mua điện sinh hoạt (01 pha, 03 pha), sử dụng chung công tơ',
		name: 'Cấp điện hạ áp SH, sử dụng chung công tơ, có lắp thêm cột/cáp ngầm/TI',
		processingTime: { kind: 'working_days', value: 7 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH đại diện cho khu tập thể, cụm dân cư đăng ký gắn mới công tơ 01 pha/03 pha cho mục đích sinh hoạt khu vực TP, TX, TT hoặc nông thôn (tại địa chỉ đăng ký chưa có công tơ cho mục đích sinh hoạt) mà ĐL có thực hiện đầu tư một trong các hạng mục sau để phục vụ việc cấp điện mới:\n- Trồng trụ trước công tơ.\n- Kéo đường dây ngầm/nổi trước công tơ\n- Lắp đặt TI phục vụ việc đo đếm.\n- Các nội dung khác nếu có.'
	},
	{
		number: 7,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện hạ áp — KH tách công tơ dùng chung',
		name: 'Tách công tơ dùng chung hạ áp SH: TP, TX, TT',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH ở khu vực TP, TX, TT có nhu cầu tách riêng công tơ để sử dụng.'
	},
	{
		number: 8,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện hạ áp — KH tách công tơ dùng chung',
		name: 'Tách công tơ dùng chung hạ áp SH: Nông thôn',
		processingTime: { kind: 'working_days', value: 5 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: '- KH ở khu vực nông thôn có nhu cầu tách riêng công tơ để sử dụng.'
	},
	{
		number: 9,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện hạ áp — KH tách công tơ dùng chung',
		name: 'Tách công tơ dùng chung hạ áp SH, có lắp thêm cột/cáp ngầm/TI',
		processingTime: { kind: 'working_days', value: 7 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH có nhu cầu tách riêng công tơ để sử dụng mà ĐL có thực hiện đầu tư một trong các hạng mục sau để phục vụ việc tách công tơ dùng chung:\n- Trồng trụ trước công tơ.\n- Kéo đường dây ngầm/nổi trước công tơ\n- Lắp đặt TI phục vụ việc đo đếm.\n- Các nội dung khác nếu có.'
	},
	{
		number: 10,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện hạ áp — KH mua điện NSH (01 pha, 03 pha), có công suất cực đại < 40kW',
		name: 'Cấp điện hạ áp ngoài sinh hoạt (NSH) < 40kW: TP, TX, TT',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: '- KH đăng ký gắn mới công tơ 01 pha/03 pha cho mục đích NSH khu vực TP, TX, TT có công suất đăng ký cực đại < 40kW (tại địa chỉ đăng ký chưa có công tơ cho mục đích NSH).'
	},
	{
		number: 11,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện hạ áp — KH mua điện NSH (01 pha, 03 pha), có công suất cực đại < 40kW',
		name: 'Cấp điện hạ áp NSH < 40kW: Nông thôn',
		processingTime: { kind: 'working_days', value: 5 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: '- KH đăng ký gắn mới công tơ 01 pha/03 pha cho mục đích NSH khu vực nông thôn có công suất đăng ký cực đại < 40kW (tại địa chỉ đăng ký chưa có công tơ cho mục đích NSH).'
	},
	{
		number: 12,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện hạ áp — KH mua điện NSH (01 pha, 03 pha), có công suất cực đại < 40kW',
		name: 'Cấp điện hạ áp NSH < 40kW có lắp thêm cột/cáp ngầm/TI',
		processingTime: { kind: 'working_days', value: 7 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH đăng ký gắn mới công tơ 01 pha/03 pha cho mục đích NSH khu vực TP, TX, TT hoặc nông thôn có công suất đăng ký cực đại < 40kW mà ĐL có thực hiện đầu tư một trong các hạng mục sau để phục vụ việc cấp điện mới:\n- Trồng trụ trước công tơ.\n- Kéo đường dây ngầm/nổi trước công tơ\n- Lắp đặt TI phục vụ việc đo đếm.\n- Các nội dung khác nếu có.'
	},
	{
		number: 13,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện hạ áp — KH mua điện NSH (01 pha, 03 pha), có công suất cực đại ≥ 40kW',
		name: 'Cấp điện hạ áp NSH ≥ 40kW: TP, TX, TT',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH đăng ký gắn mới công tơ 01 pha/03 pha cho mục đích NSH khu vực TP, TX, TT có công suất đăng ký cực đại ≥ 40kW (tại địa chỉ đăng ký chưa có công tơ cho mục đích NSH).'
	},
	{
		number: 14,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện hạ áp — KH mua điện NSH (01 pha, 03 pha), có công suất cực đại ≥ 40kW',
		name: 'Cấp điện hạ áp NSH ≥ 40kW: Nông thôn',
		processingTime: { kind: 'working_days', value: 5 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: '- KH đăng ký gắn mới công tơ 01 pha/03 pha cho mục đích NSH khu vực nông thôn có công suất đăng ký cực đại ≥40kW (tại địa chỉ đăng ký chưa có công tơ cho mục đích NSH).'
	},
	{
		number: 15,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện hạ áp — KH mua điện NSH (01 pha, 03 pha), có công suất cực đại ≥ 40kW',
		name: 'Cấp điện hạ áp NSH ≥ 40kW có lắp thêm cột/cáp ngầm/TI',
		processingTime: { kind: 'working_days', value: 7 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH đăng ký gắn mới công tơ 01 pha/03 pha có công suất đăng ký cực đại ≥ 40kW (tại địa chỉ đăng ký chưa có công tơ cho mục đích NSH) mà ĐL có thực hiện đầu tư một trong các hạng mục sau để phục vụ việc cấp mới:\n- Trồng trụ trước công tơ.\n- Kéo đường dây ngầm/nổi trước công tơ\n- Lắp đặt TI phục vụ việc đo đếm.\n- Các nội dung khác nếu có.'
	},
	{
		number: 16,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện hạ áp — KH mua điện ngắn hạn NSH (01 pha, 03 pha)',
		name: 'Cấp điện hạ áp NSH ngắn hạn: TP, TX, TT',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: '- KH đăng ký gắn mới công tơ 01 pha, 03 pha cho mục đích NSH sử dụng dưới 12 tháng khu vực TP,TX,TT (tại địa chỉ đăng ký chưa có công tơ hoặc có công tơ khác mục đích sử dụng với công tơ đăng ký).'
	},
	{
		number: 17,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện hạ áp — KH mua điện ngắn hạn NSH (01 pha, 03 pha)',
		name: 'Cấp điện hạ áp NSH ngắn hạn: Nông thôn',
		processingTime: { kind: 'working_days', value: 5 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: '- KH đăng ký gắn mới công tơ 01 pha, 03 pha cho mục đích NSH sử dụng dưới 12 tháng khu vực nông thôn (tại địa chỉ đăng ký chưa có công tơ hoặc có công tơ khác mục đích sử dụng với công tơ đăng ký).'
	},
	{
		number: 18,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện hạ áp — KH mua điện ngắn hạn NSH (01 pha, 03 pha)',
		name: 'Cấp điện hạ áp NSH ngắn hạn có lắp thêm cột/cáp ngầm/TI',
		processingTime: { kind: 'working_days', value: 7 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: '- KH đăng ký gắn mới công tơ 01 pha, 03 pha cho mục đích NSH sử dụng dưới 12 tháng mà ĐL có thực hiện đầu tư một trong các hạng mục sau để phục vụ việc cấp mới:\n- Trồng trụ trước công tơ.\n- Kéo đường dây ngầm/nổi trước công tơ\n- Lắp đặt TI phục vụ việc đo đếm.\n- Các nội dung khác nếu có.'
	},
	{
		number: 19,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện trung áp (trường hợp công trình điện do khách hàng đầu tư) — KH mua điện sinh hoạt',
		name: 'Cấp điện trung áp SH',
		processingTime: { kind: 'working_days', value: 7 },
		costSplit: {
			utility: 'Từ lưới điện đến điểm đấu nối đã thỏa thuận và thiết bị đo đếm.',
			customer: 'Từ điểm đấu nối đã thỏa thuận đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH có nhu cầu mua điện cho mục đích sinh hoạt qua đường dây và trạm biến áp do KH tự đầu tư.'
	},
	{
		number: 20,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện trung áp (trường hợp công trình điện do khách hàng đầu tư) — KH mua điện NSH',
		name: 'Cấp điện trung áp NSH công suất ≤ 2.000 kVA',
		processingTime: { kind: 'working_days', value: 7 },
		costSplit: {
			utility: 'Từ lưới điện đến điểm đấu nối đã thỏa thuận và thiết bị đo đếm.',
			customer: 'Từ điểm đấu nối đã thỏa thuận đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH có nhu cầu mua điện cho mục đích NSH qua đường dây và trạm biến áp do KH tự đầu tư có công suất trạm ≤ 2.000 kVA.'
	},
	{
		number: 21,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện trung áp (trường hợp công trình điện do khách hàng đầu tư) — KH mua điện NSH',
		name: 'Cấp điện trung áp NSH công suất > 2.000 kVA',
		processingTime: { kind: 'working_days', value: 7 },
		costSplit: {
			utility: 'Từ lưới điện đến điểm đấu nối đã thỏa thuận và thiết bị đo đếm.',
			customer: 'Từ điểm đấu nối đã thỏa thuận đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH có nhu cầu mua điện cho mục đích NSH qua đường dây và trạm biến áp do KH tự đầu tư có công suất trạm > 2.000 kVA.'
	},
	{
		number: 22,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện trung áp (trường hợp công trình điện do khách hàng đầu tư) — KH mua buôn điện nông thôn',
		name: 'Cấp điện trung áp mua buôn ĐNT',
		processingTime: { kind: 'working_days', value: 7 },
		costSplit: {
			utility: 'Từ lưới điện đến điểm đấu nối đã thỏa thuận và thiết bị đo đếm.',
			customer: 'Từ điểm đấu nối đã thỏa thuận đến địa điểm sử dụng điện của KH.'
		},
		description: 'Các đơn vị bán lẻ điện nông thôn có nhu cầu mua điện từ lưới điện của Điện lực để bán trực tiếp đến KH sử dụng điện. (công trình điện do KH đầu tư).'
	},
	{
		number: 23,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện trung áp (trường hợp công trình điện do ngành điện đầu tư) — KH mua điện sinh hoạt',
		name: 'Cấp điện trung áp SH',
		processingTime: { kind: 'working_days', value: 30 },
		costSplit: {
			utility: 'Từ lưới điện đến điểm đấu nối đã thỏa thuận và thiết bị đo đếm.',
			customer: 'Từ điểm đấu nối đã thỏa thuận đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH có nhu cầu mua điện cho mục đích sinh hoạt qua đường dây và trạm biến áp do ngành điện đầu tư.'
	},
	{
		number: 24,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện trung áp (trường hợp công trình điện do ngành điện đầu tư) — KH mua điện NSH',
		name: 'Cấp điện trung áp NSH công suất ≤ 2.000 kVA',
		processingTime: { kind: 'working_days', value: 30 },
		costSplit: {
			utility: 'Từ lưới điện đến điểm đấu nối đã thỏa thuận và thiết bị đo đếm.',
			customer: 'Từ điểm đấu nối đã thỏa thuận đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH có nhu cầu mua điện cho mục đích NSH qua đường dây và trạm biến áp do ngành điện đầu tư có công suất trạm ≤ 2.000 kVA.'
	},
	{
		number: 25,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện trung áp (trường hợp công trình điện do ngành điện đầu tư) — KH mua điện NSH',
		name: 'Cấp điện trung áp NSH công suất > 2.000 kVA',
		processingTime: { kind: 'working_days', value: 30 },
		costSplit: {
			utility: 'Từ lưới điện đến điểm đấu nối đã thỏa thuận và thiết bị đo đếm.',
			customer: 'Từ điểm đấu nối đã thỏa thuận đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH có nhu cầu mua điện cho mục đích NSH qua đường dây và trạm biến áp do ngành điện đầu tư có công suất trạm > 2.000 kVA.'
	},
	{
		number: 26,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện trung áp (trường hợp công trình điện do ngành điện đầu tư) — KH mua buôn điện nông thôn',
		name: 'Cấp điện trung áp mua buôn ĐNT',
		processingTime: { kind: 'working_days', value: 30 },
		costSplit: {
			utility: 'Từ lưới điện đến điểm đấu nối đã thỏa thuận và thiết bị đo đếm.',
			customer: 'Từ điểm đấu nối đã thỏa thuận đến địa điểm sử dụng điện của KH.'
		},
		description: 'Các đơn vị bán lẻ điện nông thôn có nhu cầu mua điện từ lưới điện của Điện lực để bán trực tiếp đến KH sử dụng điện (công trình điện do ĐL đầu tư).'
	},
	{
		number: 27,
		group: 1,
		groupName: 'Dịch vụ cung cấp điện mới',
		section: 'KH mua điện cao áp, siêu cao áp',
		name: 'Cấp điện cao áp, siêu cao áp.',
		processingTime: { kind: 'by_agreement' },
		costSplit: {
			utility: 'Do hai bên thỏa thuận.',
			customer: 'Do hai bên thỏa thuận.'
		},
		description: '- KH có nhu cầu mua điện từ lưới 110kV của Công ty TNHH MTV Đà Nẵng , công ty Cổ phần Điện lực Khánh Hòa hoặc của Tổng công ty ĐL Miền Trung.\n- KH có nhu cầu mua điện từ lưới điện truyền tải (110kV, 220kV,500kV) và từ thanh cái của các đơn vị đơn vị phát điện trực thuộc hoặc công ty con do EVN nắm giữ 100% vốn điều lệ.'
	},
	{
		number: 28,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Thay đổi CS sử dụng điện/thay đổi loại công tơ 01 pha, 03 pha',
		name: 'Thay đổi công suất sử dụng điện (CSSDĐ): TP, TX, TT',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: 'Các chi phí còn lại, đã trừ chi phí thuộc trách nhiệm của khách hàng.',
			customer: '- Lưới điện hạ áp: Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH nếu đường dây cũ bị quá tải sau khi tăng công suất.\n- Lưới điện trung áp: từ điểm đấu nối đến địa điểm sử dụng điện của KH.'
		},
		description: '- KH ở khu vực TP, TX, TT đang sử dụng công tơ 01 pha/03 pha có nhu cầu thay đổi công suất sử dụng.'
	},
	{
		number: 29,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Thay đổi CS sử dụng điện/thay đổi loại công tơ 01 pha, 03 pha',
		name: 'Thay đổi CSSDĐ: Nông thôn',
		processingTime: { kind: 'working_days', value: 5 },
		costSplit: {
			utility: 'Các chi phí còn lại, đã trừ chi phí thuộc trách nhiệm của khách hàng.',
			customer: '- Lưới điện hạ áp: Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH nếu đường dây cũ bị quá tải sau khi tăng công suất.\n- Lưới điện trung áp: từ điểm đấu nối đến địa điểm sử dụng điện của KH.'
		},
		description: '- KH ở khu vực nông thôn đang sử dụng công tơ 01pha/03pha có nhu cầu thay đổi công suất sử dụng.'
	},
	{
		number: 30,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Thay đổi CS sử dụng điện/thay đổi loại công tơ 01 pha, 03 pha',
		name: 'Thay đổi CSSDĐ có lắp thêm TI',
		processingTime: { kind: 'working_days', value: 7 },
		costSplit: {
			utility: 'Các chi phí còn lại, đã trừ chi phí thuộc trách nhiệm của khách hàng.',
			customer: '- Lưới điện hạ áp: Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH nếu đường dây cũ bị quá tải sau khi tăng công suất.\n- Lưới điện trung áp: từ điểm đấu nối đến địa điểm sử dụng điện của KH.'
		},
		description: '- KH đang sử dụng công tơ 01pha/03 pha có nhu cầu thay đổi công suất sử dụng có lắp thêm TI.'
	},
	{
		number: 31,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Thay đổi CS sử dụng điện KH SX, KD, DV có công suất sử dụng cực đại ≥ 40 kW',
		name: 'Thay đổi CSSDĐ ≥ 40kW: TP, TX, TT',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: 'Các chi phí còn lại, đã trừ chi phí thuộc trách nhiệm của khách hàng.',
			customer: '- Lưới điện hạ áp: Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH nếu đường dây cũ bị quá tải sau khi tăng công suất.\n- Lưới điện trung áp: từ điểm đấu nối đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH ở khu vực TP, TX, TT đang sử dụng công tơ 01 pha/03 pha có công suất sử dụng cực đại ≥ 40kW có nhu cầu thay đổi công suất sử dụng.'
	},
	{
		number: 32,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Thay đổi CS sử dụng điện KH SX, KD, DV có công suất sử dụng cực đại ≥ 40 kW',
		name: 'Thay đổi CSSDĐ ≥ 40kW: Nông thôn',
		processingTime: { kind: 'working_days', value: 5 },
		costSplit: {
			utility: 'Các chi phí còn lại, đã trừ chi phí thuộc trách nhiệm của khách hàng.',
			customer: '- Lưới điện hạ áp: Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH nếu đường dây cũ bị quá tải sau khi tăng công suất.\n- Lưới điện trung áp: từ điểm đấu nối đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH ở khu vực nông thôn đang sử dụng công tơ 01 pha/03 pha có công suất sử dụng cực đại ≥ 40kW có nhu cầu thay đổi công suất sử dụng.'
	},
	{
		number: 33,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Thay đổi CS sử dụng điện KH SX, KD, DV có công suất sử dụng cực đại ≥ 40 kW',
		name: 'Thay đổi CSSDĐ ≥ 40kW có lắp thêm TI',
		processingTime: { kind: 'working_days', value: 7 },
		costSplit: {
			utility: 'Các chi phí còn lại, đã trừ chi phí thuộc trách nhiệm của khách hàng.',
			customer: '- Lưới điện hạ áp: Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH nếu đường dây cũ bị quá tải sau khi tăng công suất.\n- Lưới điện trung áp: từ điểm đấu nối đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH đang sử dụng công tơ 01 pha/03 pha có công suất sử dụng cực đại ≥ 40kW có nhu cầu thay đổi công suất sử dụng cần lắp thêm/thay đổi TI.'
	},
	{
		number: 34,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Thay đổi vị trí thiết bị đo đếm',
		name: 'Thay đổi vị trí thiết bị đo đếm',
		processingTime: { kind: 'working_days', value: 7 },
		costSplit: {
			utility: '',
			customer: 'Toàn bộ chi phí (trừ chi phí tháo/lắp công tơ)'
		},
		description: '- KH yêu cầu di dời công tơ từ trong nhà ra ngoài trụ hoặc ngược lại.\n- KH yêu cầu di dời dời hệ thống đo đếm từ vị trí này sang vị trí khác.'
	},
	{
		number: 35,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Thay đổi mục đích sử dụng điện',
		name: 'Thay đổi mục đích SDĐ từ NSH sang SH',
		processingTime: { kind: 'working_days', value: 1 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí'
		},
		description: 'KH có nhu cầu thay đổi mục đích sử dụng điện từ NSH sang SH.'
	},
	{
		number: 36,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Thay đổi mục đích sử dụng điện',
		name: 'Thay đổi mục đích SDĐ NSH phải thay đổi giá bán điện',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí'
		},
		description: 'KH đang sử dụng điện NSH có yêu cầu thay đổi mục đích sử dụng điện dẫn đến thay đổi giá bán điện cụ thể:\n- KH thay đổi từ mục đích NSH này sang mục đích NSH khác.\n- KH có nhu cầu thỏa thuận lại tỷ lệ mục đích sử dụng điện (tại địa điểm yêu cầu đã có công tơ, mục đích sử dụng không thay đổi, chỉ thay đổi tỷ lệ mục đích sử dụng điện).'
	},
	{
		number: 37,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Thay đổi mục đích sử dụng điện',
		name: 'Thay đổi mục đích sử dụng điện từ SH sang NSH',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí'
		},
		description: 'KH có nhu cầu thay đổi mục đích sử dụng điện từ SH sang NSH.'
	},
	{
		number: 38,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Thay đổi định mức sử dụng điện',
		name: 'Thay đổi định mức SDĐ',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí'
		},
		description: '- KH có nhu cầu thay đổi định mức số hộ (tăng/giảm)\n- KH đăng ký thay đổi định mức cho người ở trọ (báo tăng hoặc giảm số lượng người ở cùng địa chỉ).'
	},
	{
		number: 39,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Thay đổi chủ thể HĐMBĐ',
		name: 'Thay đổi chủ thể HĐMBĐ khách hàng SH',
		processingTime: { kind: 'working_days', value: 2 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí'
		},
		description: 'KH sử dụng điện cho mục đích SH có nhu cầu thay đổi tên trên HĐMBĐ, trên hóa đơn tiền điện.'
	},
	{
		number: 40,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Thay đổi chủ thể HĐMBĐ',
		name: 'Thay đổi chủ thể HĐMBĐ khách hàng NSH',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí'
		},
		description: 'KH sử dụng điện cho mục đích NSH có nhu cầu thay đổi tên trên hợp đồng; thay đổi tên trên hóa đơn tiền điện.'
	},
	{
		number: 41,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Kiểm tra',
		name: 'Kiểm tra công tơ',
		processingTime: { kind: 'working_days', value: 1 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí'
		},
		description: '- KH cảm thấy công tơ hoạt động không chính xác và có nhu cầu kiểm tra công tơ.\n- KH nhận định công tơ bị hư, ngưng, đĩa không quay (chỉ số không tăng) hoặc KH cúp CB dưới công tơ nhưng công tơ vẫn quay (các thiết bị không hoạt động).\n- Nghi ngờ công tơ chạy nhanh, chậm, công tơ điện tử bị lệch giờ.\n- Nếu KH báo điện năng tiêu thụ tăng cao gấp nhiều lần nhưng KH không thay đổi thiết bị sử dụng điện.\n- KH mới mua lại nhà, Công ty, nhà xưởng... (mới đổi chủ sở hữu công tơ) đề nghị Điện lực kiểm tra lại công tơ trước khi sử dụng.'
	},
	{
		number: 42,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Kiểm tra',
		name: 'Kiểm tra thiết bị đo đếm khác',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí'
		},
		description: '- KH nghi ngờ hệ thống đo đếm hoạt động không chính xác hoặc hư hỏng và có nhu cầu kiểm tra.\n- KH mới mua lại nhà, Công ty, nhà xưởng... (mới đổi chủ sở hữu công tơ) đề nghị Điện lực kiểm tra lại toàn bộ hệ thống đo đếm trước khi sử dụng.'
	},
	{
		number: 43,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Kiểm tra',
		name: 'Kiểm định công tơ và thiết bị đo đếm khác',
		processingTime: { kind: 'working_days', value: 15 },
		costSplit: {
			utility: 'Toàn bộ chi phí: nếu thiết bị đo đếm sau kiểm định không đạt yêu cầu kỹ thuật về đo lường.',
			customer: 'Toàn bộ chi phí: nếu thiết bị đo đếm sau kiểm định đạt yêu cầu kỹ thuật về đo lường.'
		},
		description: 'Sau khi liên hệ ĐL kiểm tra hệ thống đo đếm KH không đồng ý với kết quả của ĐL/CTĐL, KH đề nghị tổ chức kiểm định độc lập thực hiện.'
	},
	{
		number: 44,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Cấp điện lại khi KH đã tạm ngừng sử dụng điện',
		name: 'Cấp điện trở lại khi KH tạm ngừng sử dụng: Thành thị',
		processingTime: { kind: 'hours', value: 2 },
		costSplit: {
			utility: '',
			customer: '01. Mất điện do nợ: thanh toán tiền điện của kỳ quá hạn và phí đóng cắt, lãi chậm trả nếu có.\n02. Cấp điện lại theo yêu cầu: miễn phí do KH đã thanh toán khi yêu cầu cắt điện.'
		},
		description: '- KH bị mất điện do nợ khu vực thành thị đã thanh toán đầy đủ tiền điện và phí đóng cắt.\n- KH tạm ngưng sử dụng điện khu vực thành thị trong một thời gian ngắn có yêu cầu đóng điện lại'
	},
	{
		number: 45,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Cấp điện lại khi KH đã tạm ngừng sử dụng điện',
		name: 'Cấp điện trở lại khi KH tạm ngừng sử dụng: Nông thôn',
		processingTime: { kind: 'hours', value: 8 },
		costSplit: {
			utility: '',
			customer: '01. Mất điện do nợ: thanh toán tiền điện của kỳ quá hạn và phí đóng cắt, lãi chậm trả nếu có.\n02. Cấp điện lại theo yêu cầu: miễn phí do KH đã thanh toán khi yêu cầu cắt điện.'
		},
		description: '- KH bị mất điện do nợ khu vực nông thôn đã thanh toán đầy đủ tiền điện và phí đóng cắt.\n- KH tạm ngưng sử dụng điện khu vực nông thôn trong một thời gian ngắn có yêu cầu đóng điện lại'
	},
	{
		number: 46,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Cấp điện trở lại khi KH bị tạm ngừng sử dụng do yêu cầu của cơ quan nhà nước',
		name: 'Cấp điện trở lại khi KH bị tạm ngừng sử dụng do yêu cầu của cơ quan nhà nước: Thành thị',
		processingTime: { kind: 'hours', value: 2 },
		costSplit: {
			utility: '',
			customer: 'Chi phí ngừng và cấp điện trở lại theo QĐ 8474-QĐ-BCT ngày 23/9/2014.'
		},
		description: 'KH sử dụng điện khu vực thành thị đã chấm dứt các hành vi vi phạm quy định của Luật Điện lực, pháp luật về bảo vệ môi trường như: vi phạm sử dụng điện, vi phạm an toàn điện, phá hoạt công trình điện, phá hoại môi trường… và đã tiến hành khắc phục hậu quả đồng thời có yêu cầu cấp điện trở lại của cơ quan có thẩm quyền.'
	},
	{
		number: 47,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Cấp điện trở lại khi KH bị tạm ngừng sử dụng do yêu cầu của cơ quan nhà nước',
		name: 'Cấp điện trở lại khi KH bị tạm ngừng sử dụng do yêu cầu của cơ quan nhà nước: Nông thôn',
		processingTime: { kind: 'hours', value: 8 },
		costSplit: {
			utility: '',
			customer: 'Chi phí ngừng và cấp điện trở lại theo QĐ 8474-QĐ-BCT ngày 23/9/2014.'
		},
		description: 'KH sử dụng điện khu vực nông thôn đã chấm dứt các hành vi vi phạm quy định của Luật Điện lực, pháp luật về bảo vệ môi trường như: vi phạm sử dụng điện, vi phạm an toàn điện, phá hoạt công trình điện, phá hoại môi trường… và đã tiến hành khắc phục hậu quả đồng thời có yêu cầu cấp điện trở lại của cơ quan có thẩm quyền.'
	},
	{
		number: 48,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Thay đổi thông tin đã đăng ký',
		name: 'Thay đổi thông tin đã đăng ký',
		processingTime: { kind: 'working_days', value: 1 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí'
		},
		description: '- KH có nhu cầu thay đổi thông tin nhỏ trong HĐMBĐ như số điện thoại, email…\n- KH đề nghị ghi đầy đủ (không viết tắt) tên, địa chỉ, …của Công ty trên hóa đơn (HĐMBĐ đúng nhưng hóa đơn ghi sai)'
	},
	{
		number: 49,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Thay đổi thông tin đã đăng ký',
		name: 'Thay đổi thông tin đã đăng ký có ký phụ lục HĐMBĐ',
		processingTime: { kind: 'working_days', value: 2 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí'
		},
		description: 'KH có nhu cầu thay đổi thông tin trên HĐMBĐ gồm: Thay địa chỉ cũ (số cũ qua số mới), mã số thuế….và những thông tin khác có thể hiện trên hóa đơn, trên HĐMBĐ (Trừ trường hợp thay đổi chủ thể trên HĐMBĐ).'
	},
	{
		number: 50,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Thay đổi hình thức thanh toán tiền điện',
		name: 'Thay đổi hình thức thanh toán tiền điện',
		processingTime: { kind: 'working_days', value: 1 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí'
		},
		description: 'KH có nhu cầu thay đổi hình thức thanh toán đã ký trong HĐMBĐ: UNT/UNC; trích nợ tự động; tại quầy Ngân hàng/ĐL; máy ATM/ Internet Banking/Mobile Banking/SMS Banking; tổ chức trung gian hoặc các hình thức khác.'
	},
	{
		number: 51,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Xử lý báo mất điện',
		name: 'An toàn điện',
		processingTime: { kind: 'hours', value: 2 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: 'Các trường hợp khách hàng báo mất an toàn trong việc sử dụng điện như:\n- Dây điện bị đứt hay bị rớt trên đường, trên mái nhà…\n- Dây viễn thông bị rớt xuống thấp có độ võng\n- Trụ điện, dây điện bị hở hay tróc vỏ cách điện, gây chạm điện, rò điện.\n- Trụ điện bị nghiêng, ngã, cong, gãy...\n- Điện áp đột ngột tăng cao có khả năng hoặc gây cháy các thiết bị điện (đề nghị KH tắt aptomat và ngưng sử điện để đảm bảo an toàn). Điện áp chập chờn, không ổn định.\n- Máy biến áp bị chảy dầu, bị khô hết dầu.\n- Công tơ bị đấu lệch pha (dẫn đến hiện tượng tụt áp) (Đề nghị KH cúp cầu dao và tạm ngưng sử dụng điện)\n- Công tơ xẹt lửa, bị bốc cháy (Đề nghị KH cúp cầu dao và tạm ngưng sử dụng điện)\n- KH phản ánh có người lạ (không phải nhân viên ĐL) trèo lên cột điện, dây điện hay tự ý vào trạm điện\n- Cháy dây điện, cháy các thiết bị khác trên trụ điện\n- Cháy nhà.\n- Aptomat thường xuyên bị nhảy (KH không dùng thêm thiết điện nào).\n- Aptomat bị hỏng không tự động đóng cắt được.\n- Và các trường hợp mất an toàn về điện (cho thiết bị và con người) khác.'
	},
	{
		number: 52,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Xử lý báo mất điện',
		name: 'Báo mất điện',
		processingTime: { kind: 'hours', value: 2 },
		costSplit: {
			utility: 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).',
			customer: 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.'
		},
		description: 'KH thông báo địa điểm sử dụng điện của KH bị mất điện yêu cầu ĐL đến sửa chữa.'
	},
	{
		number: 53,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Xử lý báo mất điện',
		name: 'Báo sự cố',
		processingTime: { kind: 'hours', value: 2 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí'
		},
		description: '- KH báo mất điện nhiều nhà.\n- KH báo đứt chì đầu nhánh rẽ, bật máy cắt gây mất điện cả khu vực.'
	},
	{
		number: 54,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Gia hạn HĐMBĐ',
		name: 'Gia hạn hợp đồng mua bán điện (HĐMBĐ)',
		processingTime: { kind: 'working_days', value: 1 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí'
		},
		description: 'HĐMBĐ của KH đã hết hạn, KH muốn gia hạn để tiếp tục sử dụng.'
	},
	{
		number: 55,
		group: 2,
		groupName: 'Dịch vụ trong quá trình thực hiện HĐMBĐ',
		section: 'Chấm dứt HĐMBĐ',
		name: 'Chấm dứt HĐMBĐ',
		processingTime: { kind: 'working_days', value: 2 },
		costSplit: {
			utility: '',
			customer: 'KH thanh toán hết các khoản nợ: tiền điện, công suất phản kháng, tiền bồi thường…'
		},
		description: '- KH không có nhu cầu tiếp tục sử dụng điện\n- KH có nhu cầu thanh lý hợp HĐMBĐ để bán nhà/đất/công ty...'
	},
	{
		number: 56,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Tra cứu thông tin',
		name: 'Tra cứu lịch ngừng, giảm cung cấp điện',
		processingTime: { kind: 'immediate' },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: 'KH tra cứu lịch ngừng cung cấp điện'
	},
	{
		number: 57,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Tra cứu thông tin',
		name: 'Tra cứu thủ tục cấp điện',
		processingTime: { kind: 'immediate' },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: 'KH tra cứu thủ tục về các dịch vụ cấp điện mới'
	},
	{
		number: 58,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Tra cứu thông tin',
		name: 'Tra cứu thủ tục liên quan đến HĐMBĐ',
		processingTime: { kind: 'immediate' },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: 'Khách hàng hỏi thông tin về thủ tục, hồ sơ của các loại dịch vụ điện liên quan đến HĐMBĐ như: thủ tục thanh lý, gia hạn HĐMBĐ, thay đổi công suất sử dụng điện, thay đổi vị trí thiết bị đo đếm…'
	},
	{
		number: 59,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Tra cứu thông tin',
		name: 'Tra cứu chỉ số công tơ, hóa đơn tiền điện',
		processingTime: { kind: 'immediate' },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: 'KH tra cứu chỉ số công tơ, hóa đơn tiền điện đã phát hành'
	},
	{
		number: 60,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Tra cứu thông tin',
		name: 'Tra cứu nợ tiền điện',
		processingTime: { kind: 'immediate' },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: 'KH tra cứu nợ tiền điện các hóa đơn đã phát hành'
	},
	{
		number: 61,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Tra cứu thông tin',
		name: 'Tra cứu điểm thu và hình thức thu tiền điện',
		processingTime: { kind: 'immediate' },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: 'KH tra cứu điểm thu tiền điện của ĐL/Bưu cục/Ngân hàng và các hình thức thu tiền điện'
	},
	{
		number: 62,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Tra cứu thông tin',
		name: 'Tra cứu khác',
		processingTime: { kind: 'immediate' },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: '- KH gọi nhầm tổng đài\n- KH nhá máy\n- KH gọi vào không trao đổi\n- KH đang trao đổi gác máy đột ngột\n- Các kiến nghị/thắc mắc ngoài danh mục giải đáp-kiến nghị đã được giải đáp tại TT.\n- Các tra cứu khác ngoài danh mục dịch vụ tra cứu.\nKhách hàng hỏi thông tin liên quan đến hệ thống điện năng lượng mặt trời, mua bán năng lượng điện mặt trời'
	},
	{
		number: 63,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Tư vấn sử dụng điện',
		name: 'Tư vấn lựa chọn dây dẫn, thiết bị điện trong gia đình',
		processingTime: { kind: 'immediate' },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: 'KH có nhu cầu tư vấn lựa chọn tiết diện dây dẫn và các thiết bị điện trong gia đình.'
	},
	{
		number: 64,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Tư vấn sử dụng điện',
		name: 'Tư vấn sử dụng điện an toàn',
		processingTime: { kind: 'immediate' },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: 'KH có nhu cầu tư vấn việc sử dụng điện an toàn trong gia đình, công ty, doanh nghiệp.'
	},
	{
		number: 65,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Tư vấn sử dụng điện',
		name: 'Tư vấn sử dụng điện tiết kiệm, hiệu quả',
		processingTime: { kind: 'immediate' },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: 'KH có nhu cầu tư vấn việc sử dụng điện tiết kiệm, hiệu quả trong gia đình, công ty, doanh nghiệp.'
	},
	{
		number: 66,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Tư vấn thiết kế, xây dựng, nghiệm thu, bảo trì/bảo dưỡng, vận hành công trình điện',
		name: 'Tư vấn lắp đặt dây dẫn từ sau công tơ đến nhà KH',
		processingTime: { kind: 'per_contract' },
		costSplit: {
			utility: '',
			customer: 'Theo hợp đồng.'
		},
		description: 'Khách hàng hỏi/đề nghị ĐL làm dịch vụ cho KH liên quan đến việc kéo dây sau công tơ đến nhà khách hàng.'
	},
	{
		number: 67,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Tư vấn thiết kế, xây dựng, nghiệm thu, bảo trì/bảo dưỡng, vận hành công trình điện',
		name: 'Tư vấn thiết kế, xây lắp công trình điện',
		processingTime: { kind: 'per_contract' },
		costSplit: {
			utility: '',
			customer: 'Theo hợp đồng.'
		},
		description: 'Khách hàng hỏi/đề nghị ĐL làm dịch vụ cho KH các vấn đề liên quan đến tư vấn, thiết kế, xây lắp công trình điện.'
	},
	{
		number: 68,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Tư vấn thiết kế, xây dựng, nghiệm thu, bảo trì/bảo dưỡng, vận hành công trình điện',
		name: 'Tư vấn nghiệm thu công trình điện',
		processingTime: { kind: 'per_contract' },
		costSplit: {
			utility: '',
			customer: 'Theo hợp đồng.'
		},
		description: 'Khách hàng hỏi/đề nghị ĐL làm dịch vụ cho KH liên quan đến nghiệm thu công trình điện.'
	},
	{
		number: 69,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Tư vấn thiết kế, xây dựng, nghiệm thu, bảo trì/bảo dưỡng, vận hành công trình điện',
		name: 'Bảo trì/Bảo dưỡng công trình điện.',
		processingTime: { kind: 'per_contract' },
		costSplit: {
			utility: '',
			customer: 'Theo hợp đồng.'
		},
		description: 'Khách hàng hỏi/đề nghị ĐL làm dịch vụ cho KH liên quan đến bảo trì/bảo dưỡng công trình điện'
	},
	{
		number: 70,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Tư vấn thiết kế, xây dựng, nghiệm thu, bảo trì/bảo dưỡng, vận hành công trình điện',
		name: 'Tư vấn vận hành công trình điện',
		processingTime: { kind: 'per_contract' },
		costSplit: {
			utility: '',
			customer: 'Theo hợp đồng.'
		},
		description: 'Khách hàng hỏi/đề nghị ĐL làm dịch vụ cho KH liên quan đến vận hành công trình điện.'
	},
	{
		number: 71,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Giải đáp kiến nghị của khách hàng',
		name: 'Giải đáp - kiến nghị mất điện',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: '- KH kiến nghị việc thường xuyên mất điện do sự cố; lịch cắt điện công tác dày (> 1 lần/tuần);'
	},
	{
		number: 72,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Giải đáp kiến nghị của khách hàng',
		name: 'Giải đáp - kiến nghị thủ tục cấp điện',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: 'KH kiến nghị việc không được cấp điện theo quy định (thời gian, thủ tục…)'
	},
	{
		number: 73,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Giải đáp kiến nghị của khách hàng',
		name: 'Giải đáp - kiến nghị giá bán điện',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: 'KH kiến nghị việc áp giá bán điện không hợp lý, sai sót…'
	},
	{
		number: 74,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Giải đáp kiến nghị của khách hàng',
		name: 'Giải đáp - kiến nghị hóa đơn tiền điện',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: '- Hóa đơn tiền điện tháng tăng/giảm đột biến (kiểm tra chỉ số trên hóa đơn không có khác biệt nhiều so với chỉ số thực tế trên công tơ để loại trừ trường hợp công tơ bị hư).\n- ĐL phát hành hóa đơn không đúng kỳ hạn.\n- KH không xem hoặc tải được hóa đơn trên trang web, ứng dụng CSKH.\n- KH đã thanh toán nhưng ĐL chưa xóa nợ\n- Sai các thông tin trên hóa đơn.'
	},
	{
		number: 75,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Giải đáp kiến nghị của khách hàng',
		name: 'Giải đáp - kiến nghị ghi chỉ số công tơ',
		processingTime: { kind: 'working_days', value: 1 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: 'KH có yêu cầu phải điều chỉnh hóa đơn do ghi sai chỉ số, ghi phỏng chỉ số, ghi sai ngày theo lịch trình...'
	},
	{
		number: 76,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Giải đáp kiến nghị của khách hàng',
		name: 'Giải đáp - kiến nghị thông tin về thiết bị đo đếm',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: 'Tất cả các kiến nghị của Khách hàng về thiết bị đo đếm (trừ các nội dung trong nhóm 2 mục VII-kiểm tra TBĐĐ)'
	},
	{
		number: 77,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Giải đáp kiến nghị của khách hàng',
		name: 'Giải đáp - kiến nghị các loại chi phí',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: 'KH chưa đồng ý, chưa rõ thông tin về các khoản phí ĐL thu mà ĐTV chưa biết.'
	},
	{
		number: 78,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Giải đáp kiến nghị của khách hàng',
		name: 'Giải đáp-kiến nghị các vấn đề liên quan đến cung cấp điện và sử dụng điện',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: '- Các tình huống KH kiến nghị các vấn đề liên quan đến việc sử dụng điện/cấp điện nằm ngoài những loại dịch vụ đang được áp dụng.\n- Các kiến nghị liên quan đến hệ thống điện NLMT.'
	},
	{
		number: 79,
		group: 3,
		groupName: 'Dịch vụ hỗ trợ',
		section: 'Giải đáp kiến nghị của khách hàng',
		name: 'Kiến nghị thái độ của Cán bộ nhân viên',
		processingTime: { kind: 'working_days', value: 3 },
		costSplit: {
			utility: '',
			customer: 'Miễn phí.'
		},
		description: '- Nhân viên các Điện lực có dấu hiệu tiêu cực, vòi vĩnh, nhũng nhiễu, nhận tiền của KH trái quy định.\n- Các khiếu nại của KH liên quan đến thái độ nhân viên điện lực.'
	}
];
