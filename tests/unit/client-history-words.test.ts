import { describe, expect, it } from 'vitest';
import { historyDetailLines, historyRole, historyStates, historyStepName } from '../../src/lib/history-words';

const noJsonNoIds = (lines: string[]) => {
	for (const line of lines) {
		expect(line).not.toMatch(/[{}"]/);
		expect(line).not.toMatch(/crewId|scheduledAt|doi1|contractVersion|commandId/);
	}
};

describe('the request history in words', () => {
	it('names every step in words, never its internal name', () => {
		expect(historyStepName('submit')).toBe('Yêu cầu được tiếp nhận');
		expect(historyStepName('scheduleSurvey')).not.toBe('scheduleSurvey');
		expect(historyStepName('readingDispute')).toBe('Khách hàng kiến nghị chỉ số công tơ');
		expect(historyStepName('survey_scheduled')).toBe('Cập nhật yêu cầu');
		expect(historyRole('admin')).toBe('Quản trị hệ thống');
		expect(historyRole('supervisor')).toBe('Giám sát viên');
	});

	it('says the change of state, and nothing when a note left the state as it was', () => {
		expect(historyStates({ fromState: 'submitted', toState: 'survey_scheduled' })).toBe('Đã tiếp nhận → Đã hẹn khảo sát');
		expect(historyStates({ fromState: null, toState: 'submitted' })).toBe('Đã tiếp nhận');
		expect(historyStates({ fromState: 'submitted', toState: 'submitted' })).toBeNull();
		expect(historyStates({ fromState: 'contract_drafted', toState: 'contract_drafted' })).toBeNull();
	});

	it('says the dispatch with the crew’s name and the visit time, not the detail’s JSON', () => {
		const lines = historyDetailLines({ crewId: 'doi1', crewName: 'Tổ Hoàn Kiếm 1', scheduledAt: '2026-12-04T01:30:00.000Z' });
		expect(lines).toEqual(['Giao cho Tổ Hoàn Kiếm 1, hẹn 08:30 04/12/2026']);
		noJsonNoIds(lines);
	});

	it('says the contract version, the amount, the reason and the customer’s comment; leaves ids and unknown keys out', () => {
		const lines = [
			...historyDetailLines({ contractVersion: 2, contractSha256: 'ab'.repeat(32) }),
			...historyDetailLines({ provider: 'vnpay', transactionId: 'TXN-1', amount: 2_450_000 }),
			...historyDetailLines({ commandId: '0b8c4f1e-1', reason: 'customer_absent', note: 'Gọi lại sau 17h' }),
			...historyDetailLines({ comment: 'Sai tên đường' }),
			...historyDetailLines({ commandId: 'x', after: 'expired_code' }),
			...historyDetailLines({ jobId: 'job-1', kind: 'survey' })
		];
		expect(lines[0]).toBe('Hợp đồng phiên bản 2');
		expect(lines[1]).toMatch(/^Số tiền: 2\.450\.000/);
		expect(lines[2]).toBe('Lý do: Khách hàng vắng mặt');
		expect(lines[3]).toBe('Ghi chú: Gọi lại sau 17h');
		expect(lines[4]).toBe('Khách hàng ghi: Sai tên đường');
		expect(lines[5]).toMatch(/^Chuyển sang ký trực tuyến vì: /);
		expect(lines).toHaveLength(6);
		noJsonNoIds(lines);
	});

	it('prefers the words the server wrote for the step (summary)', () => {
		expect(historyDetailLines({ jobId: 'j', fromCrewId: 'doi1', summary: { vi: 'Chuyển công việc khảo sát từ Tổ 1 sang Tổ 2', en: 'Survey moved from Crew 1 to Crew 2' } })).toEqual([
			'Chuyển công việc khảo sát từ Tổ 1 sang Tổ 2'
		]);
		expect(historyDetailLines(null)).toEqual([]);
		expect(historyDetailLines(['a'])).toEqual([]);
	});
});
