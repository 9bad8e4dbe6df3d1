// The supervisors' requests board, intake (step 1) and dispatch (step 2): shapes shared by console and API.
import { z } from 'zod';
import { REQUEST_STATES } from './workflow';
import { PROCESS_KINDS } from './processes';

export const BOARD_PAGE_SIZES = [20, 50, 100] as const;

/**
 * The board counts matching requests up to this many and pages within them: past it the total reads "more than
 * 10 000" and a narrower filter or a search finds the rest (a count of a million rows would cost more than the page).
 */
export const BOARD_TOTAL_CAP = 10_000;

export const boardQuery = z.object({
	/** Comma-separated states. */
	state: z
		.string()
		.optional()
		.transform((s) => (s ? s.split(',').map((v) => v.trim()).filter(Boolean) : []))
		.pipe(z.array(z.enum(REQUEST_STATES, 'Trạng thái không hợp lệ'))),
	crewId: z.string().max(64).optional(),
	service: z.coerce.number().int().min(1).max(79).optional(),
	/** The request's process (its service's, src/lib/domain/processes). */
	process: z.enum(PROCESS_KINDS, 'Quy trình không hợp lệ').optional(),
	overdue: z.enum(['1', 'true', '0', 'false']).optional().transform((v) => v === '1' || v === 'true'),
	q: z.string().trim().max(100).optional(),
	page: z.coerce.number().int().min(1).max(100_000).default(1),
	pageSize: z.coerce.number().int().refine((n) => (BOARD_PAGE_SIZES as readonly number[]).includes(n), 'pageSize: 20, 50 hoặc 100').default(50)
}).refine((q) => (q.page - 1) * q.pageSize < BOARD_TOTAL_CAP, {
	path: ['page'],
	message: `Chỉ xem được ${BOARD_TOTAL_CAP.toLocaleString('vi-VN')} yêu cầu đầu theo hạn; hãy lọc hoặc tìm để thu hẹp`
});
export type BoardQuery = z.infer<typeof boardQuery>;

export const boardItem = z.object({
	id: z.string(),
	code: z.string(),
	customerName: z.string(),
	customerPhone: z.string(),
	serviceNumber: z.number().int(),
	serviceName: z.string(),
	state: z.enum(REQUEST_STATES),
	crew: z.object({ id: z.string(), name: z.string() }).nullable(),
	receivedAt: z.string(),
	deadline: z.string().nullable(),
	deadlineStatus: z.enum(['none', 'ok', 'due_soon', 'overdue']),
	/** Working days left (negative: overdue by), for working-day services; null otherwise. */
	workingDaysLeft: z.number().int().nullable(),
	/** Milliseconds left (negative: overdue by), for any deadline. */
	msLeft: z.number().nullable(),
	location: z.object({ lat: z.number(), lng: z.number() }).nullable()
});
export type BoardItem = z.infer<typeof boardItem>;

export const boardPage = z.object({
	items: z.array(boardItem),
	/** Matching requests, counted up to BOARD_TOTAL_CAP. */
	total: z.number().int(),
	/** More than BOARD_TOTAL_CAP match: total is the cap, and only that many can be paged through. */
	totalCapped: z.boolean(),
	page: z.number().int(),
	pageSize: z.number().int()
});
export type BoardPage = z.infer<typeof boardPage>;

const VN_PHONE = /^(0|\+84)(3|5|7|8|9)\d{8}$/;

export const intakeBody = z.object({
	serviceNumber: z.number({ error: 'Chọn dịch vụ' }).int().min(1, 'Chọn dịch vụ trong danh mục (1–79)').max(79, 'Chọn dịch vụ trong danh mục (1–79)'),
	customer: z.object({
		name: z.string({ error: 'Nhập họ tên khách hàng' }).trim().min(2, 'Nhập họ tên khách hàng').max(120),
		phone: z
			.string({ error: 'Nhập số điện thoại' })
			.transform((s) => s.replace(/[\s.-]/g, ''))
			.pipe(z.string().regex(VN_PHONE, 'Số điện thoại di động Việt Nam không hợp lệ (ví dụ 0912345678)')),
		email: z.email('Email không hợp lệ').nullable().default(null)
	}),
	address: z.string({ error: 'Nhập địa chỉ' }).trim().min(5, 'Nhập địa chỉ đầy đủ').max(300),
	location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).nullable().default(null),
	/** Photos or PDFs already uploaded as blobs. */
	documents: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(20).default([]),
	/** Meter checks (services 41, 42): the meter to check; its registered customer becomes the request's customer. */
	meterSerial: z
		.string()
		.trim()
		.toUpperCase()
		.regex(/^[A-Z0-9-]{4,32}$/, 'Số sê-ri công tơ: 4–32 chữ hoặc số')
		.nullable()
		.default(null)
});
export type IntakeBody = z.infer<typeof intakeBody>;

export const dispatchBody = z.object({
	crewId: z.string({ error: 'Chọn tổ khảo sát' }).min(1, 'Chọn tổ khảo sát').max(64),
	scheduledAt: z.iso.datetime({ offset: true, error: 'Chọn thời gian khảo sát' })
});
export type DispatchBody = z.infer<typeof dispatchBody>;
