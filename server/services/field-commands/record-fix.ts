// Server side of recordFix: the crew's report of a repair, with the same history line and the same text and email to
// the customer as the supervisor's step (server/services/fix-report.ts); the crew's repair job is done.
import { setJobStatus } from '../../db/commands';
import { requestWithCustomer } from '../../db/jobs';
import { fixSummary, noticeFixed } from '../fix-report';
import { serverCommand } from './types';

export default serverCommand('recordFix', {
	// its request's customer, notice and job
	ownRequestOnly: true,
	detail: (payload) => ({ report: payload.report, photos: payload.photos, summary: fixSummary(payload.report) }),
	async write(tx, ctx, { job, command, payload, at, batch }) {
		const found = await requestWithCustomer(tx, command.requestId);
		if (found) await noticeFixed(tx, ctx, found, payload.report);
		await setJobStatus(tx, job.id, 'done', at);
		batch.jobs.set(job.id, { ...job, status: 'done' });
	}
});
