// Demo data for a first start: 1 supervisor, 1 admin, 3 crews of 2, ~40 requests in Hà Nội and Đà Nẵng
// spread over the workflow, with jobs today and the next days. Deterministic for a given `now`.
import type { HolidayCalendar } from '../../src/lib/domain/holidays';
import type { JobKind } from '../../src/lib/domain/api';
import type { TransitionName } from '../../src/lib/domain/workflow';
import { hashPassword } from '../auth/password';
import type { Database } from '../db/database';
import { priceEstimate, suggestedLines } from '../../src/lib/domain/estimate';
import type { SurveyPayload } from '../../src/lib/domain/commands';
import { vnDateOf, vnStartOfDay } from '../../src/lib/domain/sla';
import { insertEstimate, insertSurvey, setJobStatus } from '../db/commands';
import { insertPayment } from '../db/contracts';
import { countRows, insertCrew, insertCustomer, insertJob, insertUnit, insertUser } from '../db/requests';
import { findCustomer, findRequestJob, scheduleJob } from '../db/demo-seed';
import type { Runtime } from './clock';
import { draftContractVersion } from './contracts';
import { createRequest } from './requests';
import { dispatchSurvey, intakeRequest } from './board';
import { insertMeter, insertReading } from '../db/meters';
import type { Db } from '../db/database';
import { DEFAULT_CODE_POLICY } from './signing-codes';
import { transitionRequest, type Actor } from './workflow';

export const DEMO_PASSWORD = 'hientruong';

export const DEMO_ACCOUNTS = [
	{ username: 'giamsat', fullName: 'Nguyễn Thị Thanh Hương', role: 'supervisor', unit: 'hn', crew: null },
	{ username: 'admin', fullName: 'Quản trị hệ thống', role: 'admin', unit: null, crew: null },
	{ username: 'doi1.an', fullName: 'Trần Văn An', role: 'crew', unit: 'hn', crew: 'doi1' },
	{ username: 'doi1.binh', fullName: 'Lê Đức Bình', role: 'crew', unit: 'hn', crew: 'doi1' },
	{ username: 'doi2.cuong', fullName: 'Phạm Quốc Cường', role: 'crew', unit: 'hn', crew: 'doi2' },
	{ username: 'doi2.dung', fullName: 'Hoàng Minh Dũng', role: 'crew', unit: 'hn', crew: 'doi2' },
	{ username: 'doi3.hai', fullName: 'Võ Thanh Hải', role: 'crew', unit: 'dn', crew: 'doi3' },
	{ username: 'doi3.lan', fullName: 'Ngô Thị Lan', role: 'crew', unit: 'dn', crew: 'doi3' }
] as const;

const UNITS = [
	{ id: 'hn', name: 'Điện lực Hoàn Kiếm (Hà Nội)', address: '69 Đinh Tiên Hoàng, Hoàn Kiếm, Hà Nội', representative: 'Giám đốc Điện lực Hoàn Kiếm' },
	{ id: 'dn', name: 'Điện lực Hải Châu (Đà Nẵng)', address: '35 Phan Đình Phùng, Hải Châu, Đà Nẵng', representative: 'Giám đốc Điện lực Hải Châu' }
];

const CREWS = [
	{ id: 'doi1', unitId: 'hn', name: 'Tổ 1 — Hoàn Kiếm' },
	{ id: 'doi2', unitId: 'hn', name: 'Tổ 2 — Cầu Giấy' },
	{ id: 'doi3', unitId: 'dn', name: 'Tổ 3 — Hải Châu' }
];

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Phan', 'Trịnh', 'Mai'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quốc', 'Hoàng', 'Ngọc', 'Thanh', 'Gia'];
const GIVEN = ['An', 'Bích', 'Cường', 'Dung', 'Đức', 'Hà', 'Huy', 'Lan', 'Long', 'Mai', 'Nam', 'Oanh', 'Phúc', 'Quỳnh', 'Sơn', 'Thảo', 'Tuấn', 'Vy', 'Yến', 'Khoa'];

const PLACES = {
	doi1: {
		streets: ['Hàng Bạc', 'Hàng Gai', 'Lý Thái Tổ', 'Tràng Tiền', 'Hàng Bông', 'Phùng Hưng', 'Hàng Đào'],
		ward: 'P. Hoàn Kiếm, Hà Nội',
		center: { lat: 21.0313, lng: 105.8516 }
	},
	doi2: {
		streets: ['Xuân Thủy', 'Cầu Giấy', 'Trần Duy Hưng', 'Nguyễn Khánh Toàn', 'Hoàng Quốc Việt', 'Trần Thái Tông'],
		ward: 'P. Cầu Giấy, Hà Nội',
		center: { lat: 21.0334, lng: 105.7947 }
	},
	doi3: {
		streets: ['Bạch Đằng', 'Lê Duẩn', 'Trần Phú', 'Nguyễn Văn Linh', 'Hùng Vương', 'Phan Châu Trinh'],
		ward: 'P. Hải Châu, Đà Nẵng',
		center: { lat: 16.0678, lng: 108.2208 }
	}
} as const;

// The transitions that bring a new request to each demo state, with who fires them.
const PATHS: Array<{ steps: Array<[TransitionName, Actor['role']]>; job?: JobKind }> = [
	{ steps: [] },
	{ steps: [['scheduleSurvey', 'supervisor']], job: 'survey' },
	{ steps: [['scheduleSurvey', 'supervisor']], job: 'survey' },
	// surveyed: the crew still has to draw up the estimate on the same survey job
	{ steps: [['scheduleSurvey', 'supervisor'], ['submitSurvey', 'crew']], job: 'survey' },
	{ steps: [['scheduleSurvey', 'supervisor'], ['submitSurvey', 'crew'], ['submitEstimate', 'crew']] },
	{
		steps: [['scheduleSurvey', 'supervisor'], ['submitSurvey', 'crew'], ['submitEstimate', 'crew'], ['recordPayment', 'system'], ['draftContract', 'system']],
		job: 'installation'
	},
	{
		steps: [['scheduleSurvey', 'supervisor'], ['submitSurvey', 'crew'], ['submitEstimate', 'crew'], ['recordPayment', 'system'], ['draftContract', 'system']],
		job: 'installation'
	},
	{
		steps: [
			['scheduleSurvey', 'supervisor'], ['submitSurvey', 'crew'], ['submitEstimate', 'crew'], ['recordPayment', 'system'],
			['draftContract', 'system'], ['recordInstallation', 'crew'], ['requestRemoteSigning', 'crew']
		]
	},
	{
		steps: [
			['scheduleSurvey', 'supervisor'], ['submitSurvey', 'crew'], ['submitEstimate', 'crew'], ['recordPayment', 'system'],
			['draftContract', 'system'], ['recordInstallation', 'crew'], ['signOnSite', 'crew'], ['countersign', 'supervisor'], ['complete', 'system']
		]
	}
];

interface DemoStep {
	tx: Db;
	runtime: Runtime;
	requestId: string;
	crewId: string;
	when: Date;
	record: { requestId: string; commandId: string; submittedBy: string; submittedAt: Date };
	survey: SurveyPayload;
	/** Whether the request's path goes on past this step (after the survey: the estimate, so its survey job is done). */
	movesOn: boolean;
	receiptNo: string;
	recordedBy: string;
}

/**
 * What a demo step records besides the state, as the real services do, so the demo's requests hold their survey,
 * estimate, payment and installation; keyed by the step's transition. A step without an entry only moves the state,
 * so a new field command needs nothing here until a demo state should show its record.
 */
const STEP_RECORDS: { [N in TransitionName]?: (step: DemoStep) => Promise<void> } = {
	async submitSurvey({ tx, runtime, requestId, crewId, when, record, survey, movesOn }) {
		const jobId = runtime.newId();
		await insertJob(tx, { id: jobId, requestId, crewId, kind: 'survey', status: movesOn ? 'done' : 'assigned', scheduledAt: new Date(when.getTime() - HOUR), notes: null, updatedAt: when });
		await insertSurvey(tx, { id: runtime.newId(), ...record, jobId, data: survey });
	},
	async submitEstimate({ tx, runtime, requestId, record, survey }) {
		const surveyJob = await findRequestJob(tx, requestId, 'survey');
		const priced = priceEstimate(suggestedLines(survey));
		await insertEstimate(tx, {
			id: runtime.newId(),
			...record,
			jobId: surveyJob!.id,
			lines: priced.lines,
			vatPercent: priced.vatPercent,
			utilityTotal: priced.utility.total,
			customerTotal: priced.customer.total,
			total: priced.total,
			notes: ''
		});
	},
	async recordPayment({ tx, runtime, requestId, when, survey, receiptNo, recordedBy }) {
		const estimateTotal = priceEstimate(suggestedLines(survey)).customer.total;
		await insertPayment(tx, { id: runtime.newId(), requestId, method: 'counter', provider: 'counter', providerTxnId: receiptNo, amount: estimateTotal, receivedAt: when, recordedBy });
	},
	async recordInstallation({ tx, runtime, requestId, crewId, when }) {
		// the installation job the contract created is the one done
		const open = await findRequestJob(tx, requestId, 'installation', 'assigned');
		if (open) await setJobStatus(tx, open.id, 'done', when);
		else await insertJob(tx, { id: runtime.newId(), requestId, crewId, kind: 'installation', status: 'done', scheduledAt: new Date(when.getTime() - HOUR), notes: null, updatedAt: when });
	}
};

/** 42 spread over the workflow, then 3 more survey jobs per crew. */
const DEMO_REQUESTS = 51;

const SERVICES = [1, 1, 2, 3, 4, 7, 10, 28, 34, 66];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function pick<T>(list: readonly T[], i: number): T {
	return list[i % list.length]!;
}

/**
 * Seeds the demo only into an empty database (no user yet); returns whether it did. Several processes starting at
 * once call it under the start-up lock (db/migrate.ts), so the first seeds and the others find the users.
 */
export async function seedDemo(database: Database, runtime: Runtime, holidays: HolidayCalendar, now: Date): Promise<boolean> {
	if ((await countRows(database.db, 'users')) > 0) return false;
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	return database.db.transaction(async (tx) => {
		for (const unit of UNITS) await insertUnit(tx, unit);
		for (const crew of CREWS) await insertCrew(tx, crew);
		const userIds = new Map<string, string>();
		for (const account of DEMO_ACCOUNTS) {
			const id = `u-${account.username}`;
			userIds.set(account.username, id);
			await insertUser(tx, {
				id,
				username: account.username,
				passwordHash,
				fullName: account.fullName,
				role: account.role,
				unitId: account.unit,
				crewId: account.crew,
				phone: null,
				createdAt: now
			});
		}
		const supervisor: Actor = { userId: userIds.get('giamsat')!, role: 'supervisor' };
		const crewActor = (crewId: string): Actor => ({ userId: userIds.get(DEMO_ACCOUNTS.find((a) => a.crew === crewId)!.username)!, role: 'crew' });
		const year = now.getUTCFullYear();
		const activeJobsPerCrew = new Map<string, number>();
		// 00:00 VN time today, as a UTC instant
		const vnToday = vnStartOfDay(vnDateOf(now)).getTime();

		for (let i = 0; i < DEMO_REQUESTS; i++) {
			const crew = CREWS[i % 3]!;
			const place = PLACES[crew.id as keyof typeof PLACES];
			// the last ones are extra surveys waiting for each crew (demos and tests use them up)
			const path = i < 42 ? PATHS[Math.floor(i / 3) % PATHS.length]! : PATHS[1]!;
			const customerId = `kh-${String(i + 1).padStart(4, '0')}`;
			const name = `${pick(FAMILY, i * 5 + 3)} ${pick(MIDDLE, i * 3 + 1)} ${pick(GIVEN, i * 7 + 2)}`;
			const address = `Số ${(i * 37) % 180 + 2} ${pick(place.streets, i)}, ${place.ward}`;
			await insertCustomer(tx, {
				id: customerId,
				fullName: name,
				phone: `09${String(10000000 + ((i * 7919) % 89999999)).padStart(8, '0')}`,
				email: i % 3 === 0 ? null : `khachhang${i + 1}@example.vn`,
				address
			});
			const requestId = `yc-${String(i + 1).padStart(4, '0')}`;
			// spread receipt over the last ~10 days so some deadlines are already past
			const receivedAt = new Date(now.getTime() - (((i * 53) % 240) + 2 + path.steps.length * 6) * HOUR);
			await createRequest(
				tx,
				{
					id: requestId,
					code: `YC-${year}-${String(i + 1).padStart(5, '0')}`,
					serviceNumber: pick(SERVICES, i),
					customerId,
					unitId: crew.unitId,
					address,
					location: {
						lat: place.center.lat + (((i * 13) % 21) - 10) * 0.0009,
						lng: place.center.lng + (((i * 17) % 21) - 10) * 0.0009
					},
					receivedAt
				},
				supervisor,
				holidays
			);
			let at = receivedAt.getTime();
			const survey: SurveyPayload = {
				customerPresent: i % 2 === 0,
				siteCondition: 'good',
				distanceM: 12 + ((i * 7) % 40),
				phases: i % 5 === 0 ? 3 : 1,
				expectedLoadKw: i % 5 === 0 ? 15 : 5,
				route: (['overhead', 'conduit', 'underground'] as const)[i % 3]!,
				obstacles: '',
				notes: '',
				location: null,
				sitePhotos: [],
				meterPhotos: []
			};
			for (const [index, [name, role]] of path.steps.entries()) {
				at += 3 * HOUR;
				const actor = role === 'crew' ? crewActor(crew.id) : role === 'supervisor' ? supervisor : { userId: null, role };
				const when = new Date(Math.min(at, now.getTime()));
				// what each step records besides the state, as the real services do, so the demo's requests hold their
				// survey, estimate, payment and contract (with its signing code in the dev outbox)
				if (name === 'draftContract') {
					await draftContractVersion(tx, { runtime: { clock: () => when, newId: runtime.newId }, holidays, codePolicy: DEFAULT_CODE_POLICY }, { requestId, actor });
					continue;
				}
				const outcome = await transitionRequest(tx, { requestId, name, actor, at: when });
				if (!outcome.ok) throw new Error(`demo seed: ${requestId} ${name}: ${outcome.reason.en}`);
				const record = { requestId, commandId: `demo-${requestId}-${name}`, submittedBy: actor.userId ?? userIds.get('giamsat')!, submittedAt: when };
				await STEP_RECORDS[name]?.({ tx, runtime, requestId, crewId: crew.id, when, record, survey, movesOn: index < path.steps.length - 1, receiptNo: `BL-DEMO-${i + 1}`, recordedBy: userIds.get('giamsat')! });
			}
			if (path.job) {
				// two jobs a day per crew, today and the next two days, from 08:00 VN time
				const n = activeJobsPerCrew.get(crew.id) ?? 0;
				activeJobsPerCrew.set(crew.id, n + 1);
				const scheduledAt = new Date(vnToday + (Math.floor(n / 2) % 3) * 24 * HOUR + (8 + (n % 2) * 5 + (i % 2)) * HOUR);
				const drafted = await findRequestJob(tx, requestId, path.job, 'assigned');
				if (drafted) {
					// the contract (or the survey) already gave the crew this job: put it on the demo's schedule
					await scheduleJob(tx, drafted.id, scheduledAt, i % 4 === 0 ? 'Gọi điện cho khách trước 30 phút' : null);
					continue;
				}
				await insertJob(tx, {
					id: runtime.newId(),
					requestId,
					crewId: crew.id,
					kind: path.job,
					status: 'assigned',
					scheduledAt,
					notes: i % 4 === 0 ? 'Gọi điện cho khách trước 30 phút' : null,
					updatedAt: now
				});
			}
		}
		await seedMeters(tx, { ...runtime, holidays }, supervisor, now);
		await seedOtherProcesses(tx, runtime, holidays, { supervisor, crew: crewActor('doi3') }, now, vnToday);
		return true;
	});
}

/**
 * Meters on record for the first Hà Nội customers, read monthly for half a year (~5 kWh a day). HN-CT-0013 and
 * HN-CT-0014 are kept free of any test but one each (a meter with an open check refuses another), so a spec that opens
 * a check on its meter does not depend on the order the others run in.
 */
export const DEMO_METERS = 14;
/** The first meters get a meter check dispatched to a crew (seed 003); the others are free for demos and tests. */
const DEMO_METER_CHECKS: ReadonlyArray<{ meter: number; crewId: string }> = [
	{ meter: 1, crewId: 'doi1' },
	{ meter: 2, crewId: 'doi1' },
	{ meter: 3, crewId: 'doi2' }
];

async function seedMeters(tx: Db, ctx: Runtime & { holidays: HolidayCalendar }, supervisor: Actor, now: Date) {
	const hnRequests = Array.from({ length: DEMO_REQUESTS }, (_, i) => i).filter((i) => CREWS[i % 3]!.unitId === 'hn');
	const serials: string[] = [];
	for (let n = 1; n <= DEMO_METERS; n++) {
		const i = hnRequests[n - 1]!;
		const serial = `HN-CT-${String(n).padStart(4, '0')}`;
		serials.push(serial);
		const customerId = `kh-${String(i + 1).padStart(4, '0')}`;
		await insertMeter(tx, { serial, customerId, unitId: 'hn', phases: 1, type: n % 2 === 1 ? 'mechanical' : 'electronic', registerDigits: 6, installedAt: new Date(now.getTime() - 400 * DAY) });
		const base = 1200 + 317 * n;
		for (let month = 6; month >= 1; month--) {
			await insertReading(tx, {
				id: ctx.newId(),
				meterSerial: serial,
				kwh: base + 150 * (6 - month),
				takenAt: new Date(now.getTime() - 30 * month * DAY),
				source: 'utility',
				photoSha256: null,
				abnormal: false,
				recordedBy: null,
				recordedAt: new Date(now.getTime() - 30 * month * DAY)
			});
		}
	}
	const board = { ...ctx, clock: () => now };
	for (const { meter, crewId } of DEMO_METER_CHECKS) {
		const owner = await findCustomer(tx, `kh-${String(hnRequests[meter - 1]! + 1).padStart(4, '0')}`);
		const { id } = await intakeRequest(tx, board, {
			unitId: 'hn',
			actor: supervisor,
			body: {
				serviceNumber: 41,
				meterSerial: serials[meter - 1]!,
				customer: { name: owner!.fullName, phone: owner!.phone, email: owner!.email },
				address: owner!.address ?? '',
				location: null,
				documents: []
			}
		});
		await dispatchSurvey(tx, board, { requestId: id, unitId: 'hn', actor: supervisor, body: { crewId, scheduledAt: new Date(now.getTime() + (2 + meter) * HOUR).toISOString() } });
	}
}

/**
 * Requests of the catalog's other processes, each in a state of its own process: paperwork (payment method, contract
 * holder, renewal, termination), complaints (billing, reading), look-ups and advice, and power-outage reports (the
 * Đà Nẵng crew has the repair job, so the Hà Nội crews' lists stay as they were).
 */
const OTHER_PROCESS_REQUESTS: ReadonlyArray<{ service: number; unit: 'hn' | 'dn'; steps: Array<[TransitionName, 'supervisor' | 'crew', Record<string, unknown>?]>; repairJob?: true }> = [
	{ service: 50, unit: 'hn', steps: [] },
	{ service: 50, unit: 'hn', steps: [['startReview', 'supervisor']] },
	{ service: 39, unit: 'hn', steps: [['startReview', 'supervisor'], ['decide', 'supervisor', { decision: 'approved', note: 'Hồ sơ sang tên đầy đủ; hợp đồng mới lập cho chủ hộ mới từ kỳ tới', summary: { vi: 'Quyết định: Chấp thuận. Hồ sơ sang tên đầy đủ; hợp đồng mới lập cho chủ hộ mới từ kỳ tới', en: 'Decision: Approved. The change of holder is complete; a new contract from the next period' } }]] },
	{ service: 54, unit: 'hn', steps: [['startReview', 'supervisor'], ['decide', 'supervisor', { decision: 'approved', note: 'Gia hạn hợp đồng thêm 5 năm' }], ['notifyDecision', 'supervisor', { decision: 'approved', note: 'Gia hạn hợp đồng thêm 5 năm' }], ['close', 'supervisor']] },
	{ service: 55, unit: 'dn', steps: [] },
	{ service: 74, unit: 'hn', steps: [] },
	{ service: 74, unit: 'hn', steps: [['startInvestigation', 'supervisor']] },
	{ service: 75, unit: 'hn', steps: [['startInvestigation', 'supervisor']] },
	{ service: 73, unit: 'dn', steps: [['startInvestigation', 'supervisor'], ['answerCustomer', 'supervisor', { answer: 'Giá bán điện áp theo bậc thang sinh hoạt đúng quy định; hóa đơn không có sai sót.', summary: { vi: 'Nội dung trả lời đã gửi khách hàng qua SMS, email: Giá bán điện áp theo bậc thang sinh hoạt đúng quy định; hóa đơn không có sai sót.', en: 'Answer texted and emailed to the customer: the domestic tiered price applies; the bill is right.' } }]] },
	{ service: 56, unit: 'hn', steps: [] },
	{ service: 63, unit: 'hn', steps: [['answerCustomer', 'supervisor', { answer: 'Dây dẫn từ công tơ vào nhà nên dùng cáp đồng 2x10 mm² cho tải 5 kW.' }], ['close', 'supervisor']] },
	{ service: 52, unit: 'dn', steps: [['dispatchCrew', 'supervisor']], repairJob: true },
	{ service: 52, unit: 'dn', steps: [['dispatchCrew', 'supervisor'], ['recordFix', 'crew', { report: 'Thay cầu chì hạ thế bị đứt; đã có điện trở lại', summary: { vi: 'Báo cáo của tổ: Thay cầu chì hạ thế bị đứt; đã có điện trở lại', en: "The crew's report: a blown low-voltage fuse replaced; power is back" } }]] }
];

async function seedOtherProcesses(tx: Db, runtime: Runtime, holidays: HolidayCalendar, actors: { supervisor: Actor; crew: Actor }, now: Date, vnToday: number) {
	const year = now.getUTCFullYear();
	for (const [k, demo] of OTHER_PROCESS_REQUESTS.entries()) {
		const crew = demo.unit === 'hn' ? CREWS[k % 2]! : CREWS[2]!;
		const place = PLACES[crew.id as keyof typeof PLACES];
		const n = DEMO_REQUESTS + k;
		const customerId = `kh-${String(n + 1).padStart(4, '0')}`;
		const address = `Số ${(n * 37) % 180 + 2} ${pick(place.streets, n)}, ${place.ward}`;
		await insertCustomer(tx, {
			id: customerId,
			fullName: `${pick(FAMILY, n * 5 + 3)} ${pick(MIDDLE, n * 3 + 1)} ${pick(GIVEN, n * 7 + 2)}`,
			phone: `09${String(10000000 + ((n * 7919) % 89999999)).padStart(8, '0')}`,
			email: `khachhang${n + 1}@example.vn`,
			address
		});
		const requestId = `yc-${String(n + 1).padStart(4, '0')}`;
		// outage reports are hours old; the others a day or two
		const receivedAt = new Date(now.getTime() - (demo.service === 52 ? 1 + k % 2 : 20 + ((k * 11) % 30)) * HOUR);
		await createRequest(
			tx,
			{
				id: requestId,
				code: `YC-${year}-${String(n + 1).padStart(5, '0')}`,
				serviceNumber: demo.service,
				customerId,
				unitId: crew.unitId,
				address,
				location: { lat: place.center.lat + (((n * 13) % 21) - 10) * 0.0009, lng: place.center.lng + (((n * 17) % 21) - 10) * 0.0009 },
				receivedAt
			},
			actors.supervisor,
			holidays
		);
		let at = receivedAt.getTime();
		for (const [name, role, detail] of demo.steps) {
			at += HOUR / 2;
			const when = new Date(Math.min(at, now.getTime()));
			const outcome = await transitionRequest(tx, { requestId, name, actor: role === 'crew' ? actors.crew : actors.supervisor, at: when, detail: name === 'dispatchCrew' ? { crewId: crew.id, scheduledAt: when.toISOString() } : detail });
			if (!outcome.ok) throw new Error(`demo seed: ${requestId} ${name}: ${outcome.reason.en}`);
			if (name === 'dispatchCrew') {
				const done = demo.steps.some(([step]) => step === 'recordFix');
				await insertJob(tx, { id: runtime.newId(), requestId, crewId: crew.id, kind: 'repair', status: done ? 'done' : 'assigned', scheduledAt: done ? when : new Date(Math.max(vnToday + 10 * HOUR, now.getTime() + HOUR)), notes: null, updatedAt: when });
			}
		}
	}
}
