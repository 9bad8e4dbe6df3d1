// Installation (step 8) and on-site signing (step 9) on the tablet: the optimistic replay, the outbox checks,
// redo into the forms, and the installation form's comparison with the estimate.
import { describe, expect, it, vi } from 'vitest';
import type { JobView } from '$lib/domain/api';
import { blobsOf, commandEnvelope } from '$lib/domain/commands';
import { signingCodeFrom } from '$lib/domain/signing-code';
import { installationActions, signingStatus } from '$lib/client/job-view';
import { MemoryStore } from '$lib/client/memory-store';
import { draftKindOf, effectiveJob } from '$lib/client/optimistic';
import { createFieldWork } from '$lib/client/outbox';
import type { OutboxCommand } from '$lib/client/store';
import { compareWithEstimate, installDraftFrom, prefilledInstallDraft, validateInstall } from '$lib/components/field/install-form';
import { materialLookup } from '$lib/components/field/estimate-form';
import { makeJob, photoOf, SHA_A, SHA_B, SHA_C, uuidSequence } from './client-fixtures';

const SHA_D = 'd'.repeat(64);
const CONTRACT = { version: 1, sha256: 'e'.repeat(64), body: 'HỢP ĐỒNG DỊCH VỤ DÂY SAU CÔNG TƠ\n…', draftedAt: '2025-11-27T01:00:00.000Z' };
const CODE = signingCodeFrom('29693');
const SIGNATURE = {
	imagePng: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	strokes: [[{ x: 1, y: 2, time: 0 }, { x: 5, y: 9, time: 30 }]],
	signerName: 'Lê Văn Tâm'
};
const ESTIMATE: NonNullable<JobView['request']['estimate']> = {
	lines: [
		{ code: 'CB-BV-1P-40', name: 'Aptomat (CB) bảo vệ sau công tơ 1 pha 40 A', unit: 'cái', quantity: 1, unitPrice: 165_000, side: 'utility', total: 165_000 },
		{ code: 'CU-XLPE-2x6', name: 'Cáp đồng', unit: 'm', quantity: 10, unitPrice: 45_500, side: 'customer', total: 455_000 }
	],
	vatPercent: 10,
	utility: { subtotal: 165_000, vat: 16_500, total: 181_500 },
	customer: { subtotal: 455_000, vat: 45_500, total: 500_500 },
	subtotal: 620_000,
	vat: 62_000,
	total: 682_000,
	notes: '',
	submittedAt: '2025-11-26T02:00:00.000Z'
};

function installJob(id = 'i1', request: Partial<JobView['request']> = {}): JobView {
	const base = makeJob(id, { kind: 'installation' });
	return { ...base, request: { ...base.request, state: 'contract_drafted', version: 7, estimate: ESTIMATE, contract: CONTRACT, ...request } };
}

function installationInput(overrides: Record<string, unknown> = {}) {
	return {
		materials: [
			{ code: 'CB-BV-1P-40', quantity: 1 },
			{ code: 'CU-XLPE-2x6', quantity: 13 }
		],
		meterSerial: 'pc-2026-118',
		meterReadingKwh: 12.5,
		meterPhoto: SHA_A,
		sealNumbers: ['NP-001', 'NP-002'],
		beforePhotos: [SHA_B],
		afterPhotos: [SHA_C],
		notes: '',
		...overrides
	};
}

/** Installed as contracted: no addendum, the contract version 1 itself is signed (an addendum: onsite-installed-contract.test.ts). */
const AS_CONTRACTED = { materials: [{ code: 'CB-BV-1P-40', quantity: 1 }, { code: 'CU-XLPE-2x6', quantity: 10 }] };

function signInput(overrides: Record<string, unknown> = {}) {
	return { contractVersion: 1, contractSha256: CONTRACT.sha256, code: CODE, signature: SIGNATURE, ...overrides };
}

function command(seq: number, name: OutboxCommand['name'], baseVersion: number, payload: unknown, overrides: Partial<OutboxCommand> = {}): OutboxCommand {
	return {
		commandId: `c${seq}`,
		seq,
		name,
		jobId: 'i1',
		requestId: 'req-i1',
		baseVersion,
		deviceTime: `2025-11-27T09:${String(10 + seq).padStart(2, '0')}:00.000+07:00`,
		location: null,
		payload,
		status: 'pending',
		createdAt: '2025-11-27T02:10:00.000Z',
		attempts: 0,
		...overrides
	};
}

describe('effectiveJob for installation jobs', () => {
	it('a pending installation sets installed, one version up, keeps the state, and shows what was recorded', () => {
		const view = effectiveJob(installJob(), [command(1, 'recordInstallation', 7, installationInput())]);
		expect(view.request).toMatchObject({ state: 'contract_drafted', version: 8, installed: true });
		expect(view.status).toBe('assigned');
		expect(view.installation).toMatchObject({ meterSerial: 'PC-2026-118', meterReadingKwh: 12.5, pending: true, submittedAt: '2025-11-27T09:11:00.000+07:00' });
	});

	it('installation then on-site signature the server accepted: customer_signed and the job is done', () => {
		// a signature still pending reads "awaiting the code" (issue 11): only the server's acceptance makes it signed
		const view = effectiveJob(installJob(), [command(1, 'recordInstallation', 7, installationInput(AS_CONTRACTED)), command(2, 'signOnSite', 8, signInput(), { status: 'applied' })]);
		expect(view.request).toMatchObject({ state: 'customer_signed', version: 9, installed: true });
		expect(view.status).toBe('done');
	});

	it('signature first: signed but not done until the installation is recorded', () => {
		const signed = effectiveJob(installJob(), [command(1, 'signOnSite', 7, signInput(), { status: 'applied' })]);
		expect(signed.request).toMatchObject({ state: 'customer_signed', installed: false });
		expect(signed.status).toBe('assigned');
		const both = effectiveJob(installJob(), [command(1, 'signOnSite', 7, signInput(), { status: 'applied' }), command(2, 'recordInstallation', 8, installationInput())]);
		expect(both.status).toBe('done');
	});

	it('customer absent: awaiting the remote signature; with the installation the crew’s job is done', () => {
		const remote = effectiveJob(installJob(), [command(1, 'requestRemoteSigning', 7, { reason: 'customer_absent', note: '' })]);
		expect(remote.request).toMatchObject({ state: 'awaiting_remote_signature', version: 8 });
		expect(remote.status).toBe('assigned');
		const done = effectiveJob(installJob(), [
			command(1, 'recordInstallation', 7, installationInput()),
			command(2, 'requestRemoteSigning', 8, { reason: 'customer_absent', note: '' })
		]);
		expect(done.status).toBe('done');
	});

	it('installed as contracted after the countersignature: the request completes, as on the server', () => {
		const view = effectiveJob(installJob('i1', { state: 'utility_signed', version: 12 }), [command(1, 'recordInstallation', 12, installationInput(AS_CONTRACTED))]);
		expect(view.request).toMatchObject({ state: 'completed', version: 14, installed: true });
		expect(view.status).toBe('done');
	});

	it('installed other than the signed or countersigned contract: the addendum goes back to the customer, nothing completes', () => {
		for (const state of ['customer_signed', 'utility_signed'] as const) {
			const view = effectiveJob(installJob('i1', { state, version: 12 }), [command(1, 'recordInstallation', 12, installationInput())]);
			// as the server: the installation's version, then sendInstalledAddendum's
			expect(view.request).toMatchObject({ state: 'awaiting_remote_signature', version: 14, installed: true });
			expect(view.request.contract).toMatchObject({ version: 2 });
			expect(view.request.contract?.body).toContain('PHỤ LỤC');
			expect(view.status).toBe('done');
		}
	});

	it('a rejected signature is not replayed; the pulled state (remote signing after the fallback) shows', () => {
		const rejected = command(1, 'signOnSite', 7, signInput(), {
			status: 'rejected',
			code: 'wrong_code',
			reason: { vi: 'Mã ký không đúng. Hợp đồng đã được gửi để khách hàng ký trực tuyến', en: 'Wrong code' }
		});
		expect(effectiveJob(installJob(), [rejected]).request.state).toBe('contract_drafted');
		const pulled = effectiveJob(installJob('i1', { state: 'awaiting_remote_signature', version: 8 }), [rejected]);
		expect(pulled.request.state).toBe('awaiting_remote_signature');
		expect(pulled.rejected.map((c) => c.code)).toEqual(['wrong_code']);
	});

	it('commands of the wrong job kind change nothing', () => {
		const survey = makeJob('i1');
		expect(effectiveJob(survey, [command(1, 'recordInstallation', 2, installationInput())]).request.installed).toBe(false);
	});
});

describe('installationActions and signingStatus', () => {
	it('record until installed; sign or send for remote signing while the contract is drafted', () => {
		expect(installationActions(installJob())).toEqual(['install', 'sign', 'remote']);
		expect(installationActions(installJob('i1', { installed: true }))).toEqual(['sign', 'remote']);
		expect(installationActions(installJob('i1', { state: 'awaiting_remote_signature' }))).toEqual(['install']);
		expect(installationActions(installJob('i1', { state: 'customer_signed', installed: true }))).toEqual([]);
		expect(installationActions(makeJob('s1'))).toEqual([]);
		expect(installationActions({ ...installJob(), status: 'cancelled' })).toEqual([]);
	});

	it('says where the signature stands', () => {
		expect(signingStatus({ state: 'contract_drafted', contract: CONTRACT })).toBe('unsigned');
		expect(signingStatus({ state: 'awaiting_remote_signature', contract: CONTRACT })).toBe('remote');
		expect(signingStatus({ state: 'customer_signed', contract: CONTRACT })).toBe('customer');
		expect(signingStatus({ state: 'completed', contract: CONTRACT })).toBe('both');
		expect(signingStatus({ state: 'paid', contract: null })).toBe('none');
	});
});

async function setup(jobs: JobView[] = [installJob(), makeJob('s1')]) {
	const store = new MemoryStore();
	await store.setMeta('dataOwnerId', 'u1');
	await store.upsertJobs(jobs);
	const onEnqueued = vi.fn();
	const work = createFieldWork({ store, now: () => new Date('2025-11-27T02:15:00.000Z'), utcOffsetMinutes: () => 420, newId: uuidSequence(), onEnqueued });
	return { store, work, onEnqueued };
}

const location = { lat: 21.0285, lng: 105.8542, accuracyM: 9 };

describe('queueing installation and signing commands', () => {
	it('chains installation then signature offline: gap-free seqs, each naming the version the previous one produces', async () => {
		const { work, store, onEnqueued } = await setup();
		await work.saveDraft('i1', 'install', { meterSerial: 'PC' });
		await work.saveDraft('i1', 'sign', { signerName: 'Lê Văn Tâm' });
		const install = await work.submitFieldCommand({ name: 'recordInstallation', jobId: 'i1', payload: installationInput(AS_CONTRACTED), location });
		const sign = await work.submitFieldCommand({ name: 'signOnSite', jobId: 'i1', payload: signInput({ code: `${CODE.slice(0, 3)} ${CODE.slice(3)}` }), location });
		expect([install, sign].map((o) => (o.ok ? [o.command.seq, o.command.baseVersion] : o.fields))).toEqual([
			[1, 7],
			[2, 8]
		]);
		if (!install.ok || !sign.ok) return;
		for (const queued of [install.command, sign.command]) expect(commandEnvelope.safeParse(queued).success).toBe(true);
		expect(install.command.payload).toMatchObject({ meterSerial: 'PC-2026-118' });
		// the code travels without the spaces the crew typed, with the GPS in the envelope
		expect(sign.command.payload).toMatchObject({ code: CODE, contractSha256: CONTRACT.sha256 });
		expect(sign.command.location).toEqual(location);
		expect(blobsOf('recordInstallation', install.command.payload).sort()).toEqual([SHA_A, SHA_B, SHA_C]);
		expect(await work.loadDraft('i1', 'install')).toBeUndefined();
		expect(await work.loadDraft('i1', 'sign')).toBeUndefined();
		expect(onEnqueued).toHaveBeenCalledTimes(2);
		// queued offline, the code passed only its check digit: signed, awaiting the code, never shown as signed (issue 11)
		expect(await work.getEffectiveJob('i1')).toMatchObject({ status: 'assigned', request: { state: 'contract_drafted', awaitingCode: true, version: 9, installed: true } });
		expect(await store.getMeta('seqCounter')).toBe(2);
	});

	it('a mistyped code is refused on the form by its check digit, nothing queued', async () => {
		const { work, store } = await setup();
		const typo = CODE.slice(0, 5) + String((Number(CODE[5]) + 1) % 10);
		const outcome = await work.submitFieldCommand({ name: 'signOnSite', jobId: 'i1', payload: signInput({ code: typo }), location });
		expect(outcome).toEqual({ ok: false, fields: { code: expect.stringContaining('có thể gõ nhầm một chữ số') } });
		expect(await store.listCommands()).toEqual([]);
	});

	it('no signature without the contract on the tablet, nor for a contract version the customer did not read', async () => {
		const { work, store } = await setup([installJob('i1', { contract: null }), installJob('i2', { id: 'req-i2', contract: { ...CONTRACT, version: 2, sha256: 'f'.repeat(64) } })]);
		expect(await work.submitFieldCommand({ name: 'signOnSite', jobId: 'i1', payload: signInput(), location })).toEqual({
			ok: false,
			fields: { '': 'Yêu cầu chưa có hợp đồng trên máy; hãy đồng bộ rồi thử lại' }
		});
		const stale = await work.submitFieldCommand({ name: 'signOnSite', jobId: 'i2', payload: signInput(), location });
		expect(stale.ok === false && stale.fields['']).toContain('đã đổi phiên bản');
		expect(await store.listCommands()).toEqual([]);
	});

	it('refuses installation work on a survey job, a second installation, and a signature after remote signing', async () => {
		const { work } = await setup();
		expect(await work.submitFieldCommand({ name: 'recordInstallation', jobId: 's1', payload: installationInput(), location })).toEqual({
			ok: false,
			fields: { '': 'Chỉ công việc thi công mới ghi nhận thi công và ký hợp đồng' }
		});
		await work.submitFieldCommand({ name: 'recordInstallation', jobId: 'i1', payload: installationInput(), location });
		const again = await work.submitFieldCommand({ name: 'recordInstallation', jobId: 'i1', payload: installationInput(), location });
		expect(again.ok === false && again.fields['']).toContain('Đã ghi nhận thi công');
		const remote = await work.submitFieldCommand({ name: 'requestRemoteSigning', jobId: 'i1', payload: { reason: 'customer_absent', note: 'Khách đi vắng' }, location: null });
		expect(remote.ok).toBe(true);
		const late = await work.submitFieldCommand({ name: 'signOnSite', jobId: 'i1', payload: signInput(), location });
		expect(late.ok === false && late.fields['']).toContain('Chờ khách hàng ký');
	});

	it('the shared schema names the installation fields the crew must fix', async () => {
		const { work } = await setup();
		const outcome = await work.submitFieldCommand({
			name: 'recordInstallation',
			jobId: 'i1',
			payload: installationInput({ meterSerial: 'x', meterReadingKwh: 12.55, sealNumbers: [], afterPhotos: [] }),
			location
		});
		expect(outcome).toEqual({
			ok: false,
			fields: {
				meterSerial: 'Số sê-ri công tơ: 4–32 chữ hoặc số',
				meterReadingKwh: 'Chỉ số tối đa 1 chữ số thập phân',
				sealNumbers: 'Nhập ít nhất 1 số niêm phong',
				afterPhotos: 'Cần ít nhất 1 ảnh sau thi công'
			}
		});
	});

	it('redo puts a rejected installation back into its form and a rejected signature into the signing screen', async () => {
		const { work, store } = await setup();
		const install = await work.submitFieldCommand({ name: 'recordInstallation', jobId: 'i1', payload: installationInput(AS_CONTRACTED), location });
		const sign = await work.submitFieldCommand({ name: 'signOnSite', jobId: 'i1', payload: signInput(), location });
		if (!install.ok || !sign.ok) throw new Error('not queued');
		const reason = { vi: 'Mã ký không đúng', en: 'Wrong code' };
		await store.putCommand({ ...install.command, status: 'rejected', code: 'stale_version', reason });
		await store.putCommand({ ...sign.command, status: 'rejected', code: 'wrong_code', reason });
		expect(await work.redoRejected(install.command.commandId)).toEqual({ jobId: 'i1', kind: 'install' });
		expect(await work.redoRejected(sign.command.commandId)).toEqual({ jobId: 'i1', kind: 'sign' });
		expect(installDraftFrom((await work.loadDraft('i1', 'install'))?.data)).toMatchObject({ meterSerial: 'PC-2026-118', meterPhoto: [SHA_A], sealNumbers: ['NP-001', 'NP-002'] });
		expect((await work.loadDraft('i1', 'sign'))?.data).toMatchObject({ signature: { signerName: 'Lê Văn Tâm' } });
		expect(draftKindOf('requestRemoteSigning')).toBe('sign');
		expect(await store.listCommands()).toEqual([]);
	});

	it('a meter photo the server refused can be retaken in a pending installation', async () => {
		const { work } = await setup();
		const install = await work.submitFieldCommand({ name: 'recordInstallation', jobId: 'i1', payload: installationInput(), location });
		if (!install.ok) throw new Error('not queued');
		const replaced = await work.replaceCommandPhoto(install.command.commandId, SHA_A, photoOf(SHA_D, 'i1'));
		expect(replaced.payload).toMatchObject({ meterPhoto: SHA_D, beforePhotos: [SHA_B], afterPhotos: [SHA_C] });
		expect((await work.getPhoto(SHA_D))?.uploaded).toBe(false);
	});
});

describe('installation form model', () => {
	const lookup = materialLookup(undefined);

	it('prefills the estimate’s materials and flags each line that differs, is extra, or was left out', () => {
		const draft = prefilledInstallDraft(ESTIMATE);
		expect(draft.materials).toEqual([
			{ code: 'CB-BV-1P-40', quantity: '1' },
			{ code: 'CU-XLPE-2x6', quantity: '10' }
		]);
		expect(compareWithEstimate(ESTIMATE.lines, draft).differences).toEqual([]);
		draft.materials[1]!.quantity = '12,5';
		draft.materials.splice(0, 1);
		draft.materials.push({ code: 'KEP-TREO', quantity: '4' });
		const compared = compareWithEstimate(ESTIMATE.lines, draft);
		expect(compared.lines).toEqual([{ kind: 'differs', estimated: 10, installed: 12.5, delta: 2.5 }, { kind: 'extra' }]);
		expect(compared.unused.map((l) => l.code)).toEqual(['CB-BV-1P-40']);
		expect(compared.differences).toHaveLength(3);
	});

	it('validates into the payload the server takes, with the crew’s own words for missing photo and seals', () => {
		const draft = { ...prefilledInstallDraft(ESTIMATE), meterSerial: 'pc-118x', meterReadingKwh: '12,5', sealNumbers: ['NP-1', ' '], beforePhotos: [SHA_B], afterPhotos: [SHA_C] };
		expect(validateInstall(draft, lookup)).toEqual({ ok: false, fields: { meterPhoto: 'Cần 1 ảnh mặt công tơ' } });
		expect(validateInstall({ ...draft, meterPhoto: [SHA_A], sealNumbers: ['NP-1', 'NP-1'] }, lookup)).toEqual({
			ok: false,
			fields: { sealNumbers: 'Mỗi số niêm phong chỉ một lần' }
		});
		const ok = validateInstall({ ...draft, meterPhoto: [SHA_A] }, lookup);
		expect(ok).toEqual({
			ok: true,
			payload: {
				materials: [
					{ code: 'CB-BV-1P-40', quantity: 1 },
					{ code: 'CU-XLPE-2x6', quantity: 10 }
				],
				meterSerial: 'PC-118X',
				meterReadingKwh: 12.5,
				meterPhoto: SHA_A,
				sealNumbers: ['NP-1'],
				beforePhotos: [SHA_B],
				afterPhotos: [SHA_C],
				notes: '',
				abnormalConfirmPhoto: null
			}
		});
	});
});
