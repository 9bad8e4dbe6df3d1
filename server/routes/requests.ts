import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { requireRole, requireUser } from '../auth/middleware';
import { ApiFailure, zv } from '../http';
import { recordPayment } from '../services/payments';
import { countersign, resendOnSiteCode, sendToRemoteSigning } from '../services/signing';
import { signingContext } from './portal';
import { boardQuery, dispatchBody, intakeBody } from '../../src/lib/domain/board';
import { dispatchSurvey, intakeRequest, listBoard } from '../services/board';
import { requestDetail } from '../services/request-detail';
import { contractPdf } from '../services/contract-document';
import { assertMayReadRequest, assertRequestInScope, unitScopeOf } from '../services/access';

const idParam = z.object({ id: z.string().min(1).max(64) });

const counterPayment = z.object({
	amount: z.number({ error: 'Nhập số tiền' }).int('Số tiền là số nguyên (đồng)').positive('Số tiền phải lớn hơn 0'),
	receiptNo: z.string({ error: 'Nhập số biên lai' }).trim().min(1, 'Nhập số biên lai').max(64)
});

export const requestRoutes = new Hono<AppEnv>()
	.get('/', requireUser, requireRole('supervisor'), zv('query', boardQuery), async (c) => {
		const deps = c.var.deps;
		return c.json(await listBoard(deps.database.db, deps, unitScopeOf(c.var.user), c.req.valid('query')));
	})
	.post('/', requireUser, requireRole('supervisor'), zv('json', intakeBody), async (c) => {
		const deps = c.var.deps;
		const user = c.var.user;
		const unitId = user.unitId;
		if (!unitId) throw new ApiFailure(400, 'no_unit', 'Tài khoản của bạn không gắn với đơn vị nào; không thể tiếp nhận yêu cầu');
		const created = await deps.database.db.transaction((tx) => intakeRequest(tx, deps, { unitId, body: c.req.valid('json'), actor: { userId: user.id, role: 'supervisor' } }));
		return c.json(created, 201);
	})
	/** A new on-site signing code for the customer: the supervisor, or the crew standing with the customer (online). */
	.post('/:id/signing-code', requireUser, zv('param', idParam), async (c) => {
		const deps = c.var.deps;
		const { id } = c.req.valid('param');
		const sent = await deps.database.db.transaction(async (tx) => {
			await assertMayReadRequest(tx, c.var.user, id);
			return resendOnSiteCode(tx, signingContext(deps), id);
		});
		return c.json({ ok: true, ...sent });
	})
	.get('/:id/contract.pdf', requireUser, zv('param', idParam), async (c) => {
		const deps = c.var.deps;
		const { id } = c.req.valid('param');
		await assertMayReadRequest(deps.database.db, c.var.user, id);
		const pdf = await contractPdf(deps.database.db, id, deps.clock());
		c.header('Content-Type', 'application/pdf');
		c.header('Content-Disposition', `attachment; filename="${pdf.fileName}"`);
		c.header('Cache-Control', 'no-store');
		return c.body(new Uint8Array(pdf.bytes));
	})
	.get('/:id', requireUser, requireRole('supervisor'), zv('param', idParam), async (c) => {
		const deps = c.var.deps;
		return c.json(await requestDetail(deps.database.db, c.req.valid('param').id, unitScopeOf(c.var.user)));
	})
	.post('/:id/dispatch', requireUser, requireRole('supervisor'), zv('param', idParam), zv('json', dispatchBody), async (c) => {
		const deps = c.var.deps;
		const { id } = c.req.valid('param');
		const user = c.var.user;
		const job = await deps.database.db.transaction((tx) =>
			dispatchSurvey(tx, deps, { requestId: id, unitId: unitScopeOf(user), body: c.req.valid('json'), actor: { userId: user.id, role: 'supervisor' } })
		);
		return c.json(job);
	})
	.post('/:id/remote-signing', requireUser, requireRole('supervisor'), zv('param', idParam), async (c) => {
		const deps = c.var.deps;
		const { id } = c.req.valid('param');
		const sent = await deps.database.db.transaction(async (tx) => {
			await assertRequestInScope(tx, c.var.user, id);
			return sendToRemoteSigning(tx, signingContext(deps), { requestId: id, actor: { userId: c.var.user.id, role: 'supervisor' } });
		});
		// the link itself goes only to the customer
		return c.json({ ok: true, sent: Boolean(sent) });
	})
	.post('/:id/countersign', requireUser, requireRole('supervisor'), zv('param', idParam), async (c) => {
		const deps = c.var.deps;
		const { id } = c.req.valid('param');
		const state = await deps.database.db.transaction(async (tx) => {
			await assertRequestInScope(tx, c.var.user, id);
			return countersign(tx, signingContext(deps), { requestId: id, supervisor: { id: c.var.user.id, fullName: c.var.user.fullName } });
		});
		return c.json({ ok: true, state });
	})
	.post(
	'/:id/payments',
	requireUser,
	requireRole('supervisor'),
	zv('param', idParam),
	zv('json', counterPayment),
	async (c) => {
		const deps = c.var.deps;
		const user = c.var.user;
		const { id } = c.req.valid('param');
		const body = c.req.valid('json');
		const outcome = await deps.database.db.transaction(async (tx) => {
			await assertRequestInScope(tx, user, id);
			return recordPayment(tx, { runtime: deps, holidays: deps.holidays, codePolicy: deps.codePolicy }, {
				requestId: id,
				amount: body.amount,
				method: 'counter',
				provider: 'counter',
				providerTxnId: body.receiptNo,
				actor: { userId: user.id, role: 'supervisor' }
			});
		});
		return c.json({ ok: true, duplicate: outcome.duplicate, contractVersion: outcome.contractVersion });
	}
);
