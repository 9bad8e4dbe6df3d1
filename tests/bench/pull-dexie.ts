// Pull into Dexie: the app's paged pullOnce + DexieStore storing a full pull of 1,000, 5,000 and 20,000 jobs (with
// history, surveys and estimates as the server sends them, cut into pages as the server cuts them) into an empty
// IndexedDB, in headless Chromium: the total time and the longest main-thread task, whose target is 100 ms.
import { DEFAULT_PULL_PAGE_SIZE } from '../../src/lib/client/sync';
import { pullResponse, type HistoryEntry, type JobView, type PullResponse } from '../../src/lib/domain/api';
import { bundle, openBenchPage, pageHtml } from './browser';
import { benchPullServer } from './pull-server';
import { type BenchRow, failed, median, ms, skipped } from './lib';

const BENCH = 'Pull into Dexie (Chromium)';
export const PULL_SIZES = (process.env.BENCH_PULL_SIZES ?? '1000,5000,20000').split(',').map(Number);
/** The tablet's page size (BENCH_PULL_PAGE to try another). */
const PAGE = Number(process.env.BENCH_PULL_PAGE ?? DEFAULT_PULL_PAGE_SIZE);
/** The size other benches (compression) measure one pull body at. */
export const PULL_JOBS = 1_000;
const RUNS = 2;
const TARGET_MS = 100;
const TARGET = `no main-thread task > ${TARGET_MS} ms`;

const DAY = 86_400_000;
const STREETS = ['Lê Lợi', 'Hùng Vương', 'Trần Hưng Đạo', 'Nguyễn Huệ', 'Phan Đình Phùng', 'Điện Biên Phủ', 'Bà Triệu', 'Hai Bà Trưng'];
const NAMES = ['Nguyễn Văn An', 'Trần Thị Bích', 'Lê Hoàng Cường', 'Phạm Thị Dung', 'Hoàng Văn Em', 'Võ Thị Phương', 'Đặng Quốc Gia'];
const hex = (n: number) => n.toString(16).padStart(64, '0');

function entry(at: number, transition: string, fromState: HistoryEntry['fromState'], toState: HistoryEntry['toState'], actorName: string, actorRole: string): HistoryEntry {
	return { at: new Date(at).toISOString(), transition, fromState, toState, actorName, actorRole };
}

/**
 * A crew's whole pull: two thirds survey jobs (request survey_scheduled, 2 history entries), one third installation
 * jobs on requests that went through survey, estimate, payment and contract (6–7 entries, survey and estimate records).
 */
export function makePullBody(count: number, base = Date.parse('2025-11-20T01:00:00.000Z')): PullResponse {
	const jobs: JobView[] = [];
	for (let i = 0; i < count; i++) {
		const received = base - (i % 15) * DAY + i * 60_000;
		const install = i % 3 === 2;
		const history: HistoryEntry[] = [
			entry(received, 'submit', null, 'survey_scheduled', 'Cổng dịch vụ điện', 'system'),
			entry(received + 3_600_000, 'scheduleSurvey', 'submitted', 'survey_scheduled', 'Trần Văn Giám Sát', 'supervisor')
		];
		history[0]!.toState = 'submitted';
		const survey = install
			? {
					customerPresent: true,
					siteCondition: 'good' as const,
					distanceM: 20 + (i % 40),
					phases: 1 as const,
					expectedLoadKw: 4 + (i % 7),
					route: 'overhead' as const,
					obstacles: i % 4 === 0 ? 'Vượt qua mái tôn nhà bên cạnh' : '',
					notes: 'Khách hẹn buổi sáng; cổng sau có chó',
					location: { lat: 16.46 + i / 1e5, lng: 107.59 + i / 1e5, accuracyM: 6 },
					sitePhotos: [hex(i * 3 + 1), hex(i * 3 + 2)],
					meterPhotos: [hex(i * 3 + 3)],
					submittedAt: new Date(received + DAY).toISOString()
				}
			: null;
		const estimate = install
			? {
					lines: [
						{ code: 'CAP-DUPLEX-2x11', name: 'Cáp vặn xoắn 2x11 mm²', unit: 'm', quantity: 35, unitPrice: 18_500, side: 'customer' as const, total: 647_500 },
						{ code: 'CONG-TO-1P', name: 'Công tơ điện tử 1 pha', unit: 'cái', quantity: 1, unitPrice: 850_000, side: 'utility' as const, total: 850_000 },
						{ code: 'HOP-CT-1P', name: 'Hộp công tơ composite 1 pha', unit: 'cái', quantity: 1, unitPrice: 320_000, side: 'utility' as const, total: 320_000 },
						{ code: 'KEP-NEO', name: 'Kẹp néo cáp', unit: 'bộ', quantity: 2, unitPrice: 45_000, side: 'customer' as const, total: 90_000 }
					],
					vatPercent: 10,
					utility: { subtotal: 1_170_000, vat: 117_000, total: 1_287_000 },
					customer: { subtotal: 737_500, vat: 73_750, total: 811_250 },
					subtotal: 1_907_500,
					vat: 190_750,
					total: 2_098_250,
					notes: '',
					submittedAt: new Date(received + DAY + 7_200_000).toISOString()
				}
			: null;
		if (install) {
			history.push(
				entry(received + DAY, 'submitSurvey', 'survey_scheduled', 'surveyed', 'Tổ Khảo Sát 1', 'crew'),
				entry(received + DAY + 7_200_000, 'submitEstimate', 'surveyed', 'estimated', 'Tổ Khảo Sát 1', 'crew'),
				entry(received + 2 * DAY, 'recordPayment', 'estimated', 'paid', 'Hệ thống thanh toán', 'system'),
				entry(received + 2 * DAY + 3_600_000, 'draftContract', 'paid', 'contract_drafted', 'Trần Văn Giám Sát', 'supervisor')
			);
		}
		const street = STREETS[i % STREETS.length]!;
		jobs.push({
			id: `job-${String(i).padStart(5, '0')}`,
			kind: install ? 'installation' : 'survey',
			status: 'assigned',
			crewId: 'crew-hue-1',
			scheduledAt: new Date(base + (i % 10) * DAY + (i % 9) * 3_600_000).toISOString(),
			notes: i % 5 === 0 ? 'Gọi khách trước 30 phút' : null,
			request: {
				id: `yc-${i}`,
				code: `YC-2025-${String(100_000 + i)}`,
				serviceNumber: install ? 2 : 1,
				state: install ? 'contract_drafted' : 'survey_scheduled',
				version: history.length,
				installed: false,
				customer: { name: NAMES[i % NAMES.length]!, phone: `09${String(10_000_000 + i * 7919).slice(0, 8)}`, email: i % 4 === 0 ? `khach${i}@example.vn` : null },
				address: `${(i % 200) + 1} ${street}, phường ${(i % 27) + 1}, TP Huế`,
				location: { lat: 16.4 + (i % 100) / 1000, lng: 107.55 + (i % 100) / 1000 },
				receivedAt: new Date(received).toISOString(),
				deadline: new Date(received + 5 * DAY).toISOString(),
				history,
				survey,
				estimate
			}
		});
	}
	// Validated exactly as the tablet will validate it, so a bad fixture fails here, not as an "invalid_response".
	return pullResponse.parse({ cursor: '123456', serverTime: new Date(base + DAY).toISOString(), jobs, removedJobIds: [], lastSeq: 0 });
}

interface PullRun {
	ok: boolean;
	error: string | null;
	pages: number;
	pullMs: number;
	readMs: number;
	stored: number;
	bytes: number;
	/** The longest main-thread task seen while pulling (PerformanceObserver longtask; 0: none of 50 ms or more). */
	longestTaskMs: number;
	longTasks: number;
}

/** A pass of `count` jobs cut into pages as the server sends them: `more` and a cursor on each but the last. */
export function pagesOf(count: number, pageSize: number): string[] {
	const whole = makePullBody(count);
	const pages: string[] = [];
	for (let i = 0, n = 0; i < whole.jobs.length || n === 0; i += pageSize, n++) {
		const more = i + pageSize < whole.jobs.length;
		pages.push(
			JSON.stringify({
				...whole,
				jobs: whole.jobs.slice(i, i + pageSize),
				more,
				cursor: more ? `p.0.1.0.0.${n + 1}` : 's.1.0',
				droppedJobIds: []
			})
		);
	}
	return pages;
}

export async function benchPullDexie(): Promise<BenchRow[]> {
	let code: string;
	try {
		code = await bundle('pull-entry.js');
	} catch (error) {
		return [failed(BENCH, 'bundle', error, TARGET)];
	}
	const files: Record<string, { body: string; type: string }> = {
		'/': { body: pageHtml('pull bench'), type: 'text/html; charset=utf-8' },
		'/bundle.js': { body: code, type: 'text/javascript' }
	};
	for (const size of PULL_SIZES) {
		pagesOf(size, PAGE).forEach((body, n) => (files[`/pages/${size}/${n}.json`] = { body, type: 'application/json' }));
	}
	let page: Awaited<ReturnType<typeof openBenchPage>>;
	try {
		page = await openBenchPage(files);
	} catch (error) {
		const message = (error as Error).message;
		return [message.startsWith('no Chromium') ? skipped(BENCH, 'jobs', message, TARGET) : failed(BENCH, 'jobs', error, TARGET)];
	}
	const rows: BenchRow[] = [];
	try {
		const run = (size: number, i: number) =>
			page.page.evaluate(
				([n, per, r]) => (window as unknown as { benchPull(n: number, per: number, r: number): Promise<PullRun> }).benchPull(n, per, r),
				[size, PAGE, i] as const
			);
		for (const size of PULL_SIZES) {
			try {
				const runs: PullRun[] = [];
				for (let i = 0; i < RUNS; i++) {
					const result = await run(size, i);
					if (!result.ok || result.stored !== size) throw new Error(`pull ${i}: ok=${result.ok} stored=${result.stored} ${result.error ?? ''}`);
					runs.push(result);
				}
				const longest = Math.max(...runs.map((r) => r.longestTaskMs));
				const times = runs.map((r) => r.pullMs);
				rows.push({
					bench: BENCH,
					variant: `${size.toLocaleString('en-US')} jobs, empty DB, pages of ${PAGE}`,
					result: `longest task ${longest === 0 ? '< 50 ms' : ms(longest)}; pull+store ${ms(median(times))} median`,
					detail: `${runs[0]!.pages} pages, ${(runs[0]!.bytes / 1e6).toFixed(1)} MB; pull+store worst ${ms(Math.max(...times))} of ${RUNS}; tasks ≥ 50 ms: ${runs.map((r) => r.longTasks).join('/')}; count ${ms(median(runs.map((r) => r.readMs)))}`,
					target: TARGET,
					met: longest <= TARGET_MS
				});
			} catch (error) {
				rows.push(failed(BENCH, `${size} jobs`, error, TARGET));
			}
		}

		// A mid-range tablet is several times slower than this machine: 5,000 jobs with the CPU throttled 4×.
		const slowSize = PULL_SIZES.includes(5_000) ? 5_000 : PULL_SIZES[0]!;
		const cdp = await page.page.context().newCDPSession(page.page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		const slow = await run(slowSize, RUNS);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
		if (!slow.ok) throw new Error(`throttled pull: ${slow.error}`);
		rows.push({
			bench: BENCH,
			variant: `${slowSize.toLocaleString('en-US')} jobs, CPU 4× slower`,
			result: `longest task ${slow.longestTaskMs === 0 ? '< 50 ms' : ms(slow.longestTaskMs)}; pull+store ${ms(slow.pullMs)}`,
			detail: `informational (a slower tablet); tasks ≥ 50 ms: ${slow.longTasks}`,
			target: '',
			met: null
		});
	} catch (error) {
		rows.push(failed(BENCH, 'throttled', error, TARGET));
	} finally {
		await page.close();
	}
	return [...rows, ...(await benchPullServer())];
}
