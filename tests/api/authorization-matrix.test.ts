// Who may call what: every route of the API × every kind of caller, against a resource of unit A. The table is the
// authorization contract: a route the app serves without a row here fails the test, so no route ships unreviewed.
//
// Outcomes: OK = 2xx and the unit-A resource is in the answer; HIDDEN = 2xx but nothing of unit A in it (a list
// scoped to the caller's own unit or crew, a command refused inside a push); a number = that status. Another unit's
// resource answers 404, exactly like a missing one, so its id is never confirmed; a role that may never use the
// route answers 403; no valid session 401. A customer's link (portal, self-reading) is a credential only in its own
// path: sent as a bearer token it is no session (401), and one kind of link does not open the other's pages (404).
import { documentToken } from '../../server/services/document-links';
import { paymentsOfRequest } from '../../server/db/payment-documents';
import { randomUUID } from 'node:crypto';
import { inspectRoutes } from 'hono/dev';
import { handovers } from '../../server/db/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HOLIDAYS } from '../../src/lib/domain/holidays';
import { createApp } from '../../server/app';
import { DEFAULT_CODE_POLICY } from '../../server/services/signing-codes';
import { signOnPortal } from '../../server/services/signing';
import { DRIVERS } from '../support/db';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../support/factories';
import { awaitingRemoteSignature, command, contractedRequest, DRAWN_SIGNATURE, estimatedRequest, fakeJpeg, readingLinkFor, surveyPayloadFor, uploadPhoto } from '../support/field';

const ROLES = ['anonymous', 'crewA', 'crewB', 'supervisorA', 'supervisorB', 'admin', 'portal', 'selfReading'] as const;
type Role = (typeof ROLES)[number];
const OK = 'ok';
const HIDDEN = 'hidden';
type Outcome = typeof OK | typeof HIDDEN | 400 | 401 | 403 | 404 | 409;

/** A well-formed link token that no link has. */
const UNKNOWN_LINK = 'khong-co-duong-dan-nay-0123456789';

type Fixtures = Awaited<ReturnType<typeof buildUnitA>>;
interface Probe {
	path: string;
	body?: unknown;
	bytes?: Uint8Array;
}
interface Caller {
	role: Role;
	/** The Authorization bearer: a session for users, the link's own token for link holders (which is no session). */
	bearer?: string;
	/** The token this caller puts in a link's path: its own link when it holds one of that kind, else an unknown one. */
	link(kind: 'portal' | 'selfReading', own?: string): string;
}
interface Row {
	probe: (f: Fixtures, as: Caller) => Promise<Probe> | Probe;
	/** For OK/HIDDEN: whether the answer carries the unit-A resource. */
	shows?: (body: any, f: Fixtures) => boolean;
	expect: Outcome[];
}

const row = (expect: Outcome[], probe: Row['probe'], shows?: Row['shows']): Row => ({ probe, shows, expect });
const everyone = (outcome: Outcome): Outcome[] => ROLES.map(() => outcome);
/** The administration's rows: only an admin's session passes. */
const adminOnly = (): Outcome[] => [401, 403, 403, 403, 403, OK, 401, 401];

// prettier-ignore
const MATRIX: Record<string, Row> = {
	//                                              anonymous crewA   crewB   supA    supB    admin   portal  selfReading
	'GET /api/health':                         row(everyone(OK), () => ({ path: '/api/health' })),
	'GET /api/config':                         row(everyone(OK), () => ({ path: '/api/config' })),
	'GET /api/catalog':                        row(everyone(OK), () => ({ path: '/api/catalog' })),
	'GET /api/catalog/:number':                row(everyone(OK), () => ({ path: '/api/catalog/1' })),
	'GET /api/materials':                      row(everyone(OK), () => ({ path: '/api/materials' })),
	'GET /api/openapi.json':                   row(everyone(OK), () => ({ path: '/api/openapi.json' })),
	'ALL /api/*':                              row(everyone(404), () => ({ path: '/api/khong-co-dia-chi-nay' })),
	'POST /api/auth/login':                    row(everyone(OK), (f, as) => ({ path: '/api/auth/login', body: { username: f.loginProbes[as.role], password: TEST_PASSWORD } })),
	'GET /api/auth/me':                        row([401,      OK,     OK,     OK,     OK,     OK,     401,    401], () => ({ path: '/api/auth/me' })),
	'POST /api/auth/logout':                   row([401,      OK,     OK,     OK,     OK,     OK,     401,    401], () => ({ path: '/api/auth/logout' })),
	'GET /api/sync/pull':                      row([401,      OK,     HIDDEN, 403,    403,    403,    401,    401], () => ({ path: '/api/sync/pull' }),
		(body, f) => body.jobs.some((j: { id: string }) => j.id === f.jobA.id)),
	'POST /api/sync/push':                     row([401,      OK,     HIDDEN, 403,    403,    403,    401,    401], async (f, as) => {
		// a fresh unit-A job of crew A for each caller, named with photos the caller uploaded itself
		const job = await f.t.makeJob({ crewId: f.crewA.id, requestId: (await f.t.makeRequest({ unitId: f.unitA }, ['scheduleSurvey'])).id });
		const photos = as.role === 'crewA' || as.role === 'crewB' ? [await uploadPhoto(f.t, as.bearer!, `push-${as.role}`)] : [fakeJpeg('push').sha256];
		const survey = surveyPayloadFor({ site: photos, meter: photos });
		return { path: '/api/sync/push', body: { deviceId: `may-tinh-bang-${as.role}`, commands: [command(1, 'submitSurvey', { requestId: job.requestId, jobId: job.id }, 2, survey)] } };
	}, (body) => body.results[0].status === 'applied'),
	'PUT /api/blobs/:sha256':                  row([401,      OK,     OK,     OK,     OK,     OK,     401,    401], (_f, as) => {
		const photo = fakeJpeg(`tai-len-${as.role}`);
		return { path: `/api/blobs/${photo.sha256}`, bytes: photo.bytes };
	}),
	'HEAD /api/blobs/:sha256':                 row([401,      OK,     404,    OK,     404,    OK,     401,    401], (f) => ({ path: `/api/blobs/${f.photoA}` })),
	'GET /api/blobs/:sha256':                  row([401,      OK,     404,    OK,     404,    OK,     401,    401], (f) => ({ path: `/api/blobs/${f.photoA}` })),
	'GET /api/dev/outbox':                     row([401,      403,    403,    OK,     HIDDEN, OK,     401,    401], (f) => ({ path: `/api/dev/outbox?requestId=${f.portal.request.id}` }),
		(body) => body.messages.length > 0),
	'GET /api/notices':                        row([401,      403,    403,    OK,     HIDDEN, OK,     401,    401], (f) => ({ path: `/api/notices?requestId=${f.portal.request.id}` }),
		(body, f) => body.notices.some((n: { requestId: string }) => n.requestId === f.portal.request.id)),
	'GET /api/notices/preferences/:id':        row([401,      403,    403,    OK,     404,    OK,     401,    401], (f) => ({ path: `/api/notices/preferences/${f.requestA.customerId}` })),
	'PUT /api/notices/preferences/:id':        row([401,      403,    403,    OK,     404,    OK,     401,    401], (f) => ({ path: `/api/notices/preferences/${f.requestA.customerId}`, body: { channel: 'sms', reminders: false, language: 'vi' } })),
	// no provider is configured in the tests: their callbacks answer as unknown addresses (tests/api/notice-channels.test.ts verifies them)
	'POST /api/notices/callbacks/esms':        row(everyone(404), () => ({ path: '/api/notices/callbacks/esms?token=doan-thu', body: { SMSID: '1', SendStatus: '5', SendSuccess: 1 } })),
	'POST /api/notices/callbacks/zalo':        row(everyone(404), () => ({ path: '/api/notices/callbacks/zalo', body: { event_name: 'user_received_message', timestamp: '1', message: { msg_id: '1' } } })),
	'POST /api/payments/webhook':              row(everyone(401), (f) => ({ path: '/api/payments/webhook', body: { requestCode: f.requestA.code, amount: 1, transactionId: 'KHONG-KY' } })),
	// the payment page's API: only the portal link's holder (whose request owes nothing now: 409 for the gateway)
	'GET /api/payments/portal/:token':         row([404,      404,    404,    404,    404,    404,    OK,     404], (f, as) => ({ path: `/api/payments/portal/${as.link('portal')}` })),
	'POST /api/payments/portal/:token/gateway': row([404,     404,    404,    404,    404,    404,    409,    404], (f, as) => ({ path: `/api/payments/portal/${as.link('portal')}/gateway` })),
	'POST /api/payments/portal/:token/return': row([404,      404,    404,    404,    404,    404,    OK,     404], (f, as) => ({ path: `/api/payments/portal/${as.link('portal')}/return`, body: { query: '' } })),
	'GET /api/payments/portal/:token/events':  row([404,      404,    404,    404,    404,    404,    OK,     404], (f, as) => ({ path: `/api/payments/portal/${as.link('portal')}/events` })),
	// the gateway's own confirmation: its signature is the credential (unconfigured here: answered 99 in its format)
	'GET /api/payments/vnpay/ipn':             row(everyone(OK), () => ({ path: '/api/payments/vnpay/ipn?vnp_TxnRef=X&vnp_SecureHash=00' }), (body) => body.RspCode === '99'),
	// a long-lived document link (here a receipt's) is its own credential: whoever holds it gets the document
	'GET /api/documents/:token':               row(everyone(OK), async (f) => {
		const [payment] = await paymentsOfRequest(f.t.db, f.contracted.request.id);
		return { path: `/api/documents/${await documentToken(f.t.db, f.t.now(), 'receipt', payment!.id)}` };
	}),
	'GET /api/requests':                       row([401,      403,    403,    OK,     HIDDEN, OK,     401,    401], () => ({ path: '/api/requests?pageSize=100' }),
		(body, f) => body.items.some((i: { id: string }) => i.id === f.requestA.id)),
	'POST /api/requests':                      row([401,      403,    403,    OK,     OK,     400,    401,    401], () => ({
		path: '/api/requests',
		body: { serviceNumber: 1, customer: { name: 'Lê Thị Hoa', phone: '0987654321', email: null }, address: 'Số 5 Hàng Bài, Hoàn Kiếm, Hà Nội', documents: [] }
	})),
	'GET /api/requests/:id':                   row([401,      403,    403,    OK,     404,    OK,     401,    401], (f) => ({ path: `/api/requests/${f.requestA.id}` })),
	'GET /api/requests/:id/contract.pdf':      row([401,      OK,     404,    OK,     404,    OK,     401,    401], (f) => ({ path: `/api/requests/${f.contracted.request.id}/contract.pdf` })),
	'POST /api/requests/:id/signing-code':     row([401,      OK,     404,    OK,     404,    OK,     401,    401], async (f) => ({ path: `/api/requests/${(await f.contract()).request.id}/signing-code` })),
	'POST /api/requests/:id/signing-code/check': row([401,   OK,     404,    403,    403,    403,    401,    401], async (f) => ({ path: `/api/requests/${(await f.contract()).request.id}/signing-code/check`, body: { code: '000000' } })),
	'POST /api/requests/:id/dispatch':         row([401,      403,    403,    OK,     404,    OK,     401,    401], async (f) => ({
		path: `/api/requests/${(await f.t.makeRequest({ unitId: f.unitA })).id}/dispatch`,
		body: { crewId: f.crewA.id, scheduledAt: '2026-11-24T08:30:00+07:00' }
	})),
	'POST /api/requests/:id/steps':            row([401,      403,    403,    OK,     404,    OK,     401,    401], async (f) => ({
		path: `/api/requests/${(await f.t.makeRequest({ unitId: f.unitA, serviceNumber: 74 })).id}/steps`,
		body: { step: 'startInvestigation' }
	})),
	'POST /api/requests/:id/remote-signing':   row([401,      403,    403,    OK,     404,    OK,     401,    401], async (f) => ({ path: `/api/requests/${(await f.contract()).request.id}/remote-signing` })),
	'POST /api/requests/:id/countersign':      row([401,      403,    403,    OK,     404,    OK,     401,    401], async (f) => ({ path: `/api/requests/${(await f.customerSigned()).request.id}/countersign` })),
	'GET /api/requests/:id/countersign/preview': row([401,    403,    403,    OK,     404,    OK,     401,    401], async (f) => ({ path: `/api/requests/${(await f.customerSigned()).request.id}/countersign/preview` })),
	'GET /api/requests/:id/countersign/preview.pdf': row([401, 403,   403,    OK,     404,    OK,     401,    401], async (f) => ({ path: `/api/requests/${(await f.customerSigned()).request.id}/countersign/preview.pdf` })),
	'GET /api/requests/:id/correction':        row([401,      403,    403,    OK,     404,    OK,     401,    401], (f) => ({ path: `/api/requests/${f.contracted.request.id}/correction` })),
	'POST /api/requests/:id/correction/answer': row([401,     403,    403,    OK,     404,    OK,     401,    401], async (f) => ({ path: `/api/requests/${(await f.correctionAsked()).request.id}/correction/answer`, body: { reason: 'Hợp đồng đúng theo dự toán đã thanh toán.' } })),
	'POST /api/requests/:id/correction/revise': row([401,     403,    403,    OK,     404,    OK,     401,    401], async (f) => {
		const asked = await f.correctionAsked();
		const terms = { lines: [{ code: 'CU-XLPE-2x6', quantity: 31 }], vatPercent: 10, installBy: null, customer: { name: 'Nguyễn Văn Khách', phone: '0912345678', email: null, address: 'Số 1 Tràng Tiền, Hà Nội' }, siteAddress: 'Số 1 Tràng Tiền, Hà Nội' };
		return { path: `/api/requests/${asked.request.id}/correction/revise`, body: { terms } };
	}),
	'POST /api/requests/:id/payments':         row([401,      403,    403,    OK,     404,    OK,     401,    401], async (f) => {
		const estimated = await estimatedRequest(f.t, { crewId: f.crewA.id, submittedBy: f.crewMemberA.id, unitId: f.unitA });
		return { path: `/api/requests/${estimated.request.id}/payments`, body: { amount: estimated.owed, receiptNo: `BL-${estimated.request.id}` } };
	}),
	'POST /api/jobs/:id/reassign':             row([401,      403,    403,    OK,     404,    OK,     401,    401], async (f) => ({
		path: `/api/jobs/${(await f.t.makeJob({ crewId: f.crewA.id, requestId: (await f.t.makeRequest({ unitId: f.unitA }, ['scheduleSurvey'])).id })).id}/reassign`,
		body: { crewId: f.secondCrewA.id }
	})),
	'POST /api/jobs/:id/reschedule':           row([401,      403,    403,    OK,     404,    OK,     401,    401], async (f) => ({
		path: `/api/jobs/${(await f.t.makeJob({ crewId: f.crewA.id, requestId: (await f.t.makeRequest({ unitId: f.unitA }, ['scheduleSurvey'])).id })).id}/reschedule`,
		body: { scheduledAt: '2026-11-26T08:30:00+07:00' }
	})),
	'POST /api/requests/:id/cancel':           row([401,      403,    403,    OK,     404,    OK,     401,    401], async (f) => ({
		path: `/api/requests/${(await f.t.makeRequest({ unitId: f.unitA }, ['scheduleSurvey'])).id}/cancel`,
		body: { reason: 'Khách hàng đổi ý' }
	})),
	'GET /api/requests/:id/handovers':         row([401,      403,    403,    OK,     404,    OK,     401,    401], (f) => ({ path: `/api/requests/${f.requestA.id}/handovers` })),
	'POST /api/handovers/:id/accept':          row([401,      403,    403,    OK,     404,    OK,     401,    401], async (f) => ({ path: `/api/handovers/${await heldHandover(f, 'accept')}/accept` })),
	'POST /api/handovers/:id/pass':            row([401,      403,    403,    OK,     404,    OK,     401,    401], async (f) => ({ path: `/api/handovers/${await heldHandover(f, 'pass')}/pass` })),
	'GET /api/crews':                          row([401,      403,    403,    OK,     HIDDEN, OK,     401,    401], () => ({ path: '/api/crews' }),
		(body, f) => body.crews.some((c: { id: string }) => c.id === f.crewA.id)),
	'POST /api/crews/me/position':             row([401,      OK,     OK,     403,    403,    403,    401,    401], () => ({ path: '/api/crews/me/position', body: { lat: 21.03, lng: 105.85, accuracyM: 10 } })),
	'GET /api/map':                            row([401,      403,    403,    OK,     HIDDEN, OK,     401,    401], () => ({ path: '/api/map' }),
		(body, f) => body.jobs.some((j: { jobId: string }) => j.jobId === f.jobA.id)),
	'GET /api/kpis':                           row([401,      403,    403,    OK,     OK,     OK,     401,    401], () => ({ path: '/api/kpis' })),
	'GET /api/meters/:serial':                 row([401,      403,    403,    OK,     404,    OK,     401,    401], (f) => ({ path: `/api/meters/${f.meterA.serial}` })),
	'POST /api/meters/:serial/readings':       row([401,      403,    403,    OK,     404,    OK,     401,    401], async (f) => ({ path: `/api/meters/${(await f.meter()).serial}/readings`, body: { kwh: 1250 } })),
	'POST /api/meters/:serial/reading-links':  row([401,      403,    403,    OK,     404,    OK,     401,    401], (f) => ({ path: `/api/meters/${f.meterA.serial}/reading-links`, body: { readingDate: '2026-11-23' } })),
	'GET /api/portal/:token':                  row([404,      404,    404,    404,    404,    404,    OK,     404], (f, as) => ({ path: `/api/portal/${as.link('portal')}` })),
	'GET /api/portal/:token/contract.pdf':     row([404,      404,    404,    404,    404,    404,    OK,     404], (f, as) => ({ path: `/api/portal/${as.link('portal')}/contract.pdf` })),
	'POST /api/portal/:token/code':            row([404,      404,    404,    404,    404,    404,    OK,     404], (f, as) => ({ path: `/api/portal/${as.link('portal')}/code` })),
	'POST /api/portal/:token/sign':            row([404,      404,    404,    404,    404,    404,    OK,     404], async (f, as) => {
		const fresh = as.role === 'portal' ? await f.awaiting() : f.portal;
		return { path: `/api/portal/${as.link('portal', fresh.portalToken)}/sign`, body: { contractSha256: fresh.contract.sha256, code: fresh.portalCode, signature: DRAWN_SIGNATURE } };
	}),
	'POST /api/portal/:token/correction':      row([404,      404,    404,    404,    404,    404,    OK,     404], async (f, as) => ({
		path: `/api/portal/${as.link('portal', as.role === 'portal' ? (await f.awaiting()).portalToken : undefined)}/correction`,
		body: { comment: 'Xin sửa lại tên người đại diện trong hợp đồng' }
	})),
	'GET /api/self-reading/:token':            row([404,      404,    404,    404,    404,    404,    404,    OK], (f, as) => ({ path: `/api/self-reading/${as.link('selfReading')}` })),
	'PUT /api/self-reading/:token/photo/:sha256': row([404,   404,    404,    404,    404,    404,    404,    OK], (f, as) => {
		const photo = fakeJpeg(`tu-ghi-${as.role}`);
		return { path: `/api/self-reading/${as.link('selfReading')}/photo/${photo.sha256}`, bytes: photo.bytes };
	}),
	'POST /api/self-reading/:token/meter-check': row([404,    404,    404,    404,    404,    404,    404,    OK], (f, as) => ({ path: `/api/self-reading/${as.link('selfReading')}/meter-check` })),
	'POST /api/self-reading/:token':           row([404,      404,    404,    404,    404,    404,    404,    OK], async (f, as) => ({
		path: `/api/self-reading/${as.link('selfReading', as.role === 'selfReading' ? await readingLinkFor(f.t, (await f.meter()).serial) : undefined)}`,
		body: { kwh: 1210, photoSha256: fakeJpeg('tu-ghi').sha256 }
	})),
	'GET /api/events':                         row([401,      OK,     OK,     OK,     OK,     OK,     401,    401], () => ({ path: '/api/events' })),
	// the customers' own portal: its session is a cookie (tests/api/customer-portal.test.ts holds customer × customer);
	// a staff session or a customer link sent as a bearer is no customer (401). Asking a code and signing in are public
	// and answer alike whoever asks (one number per caller, so the one-a-minute limit never meets another row).
	'POST /api/customer/login/code':           row(everyone(OK), (_f, as) => ({ path: '/api/customer/login/code', body: { contact: `0912000${String(ROLES.indexOf(as.role)).padStart(3, '0')}` } })),
	'POST /api/customer/login':                row(everyone(400), () => ({ path: '/api/customer/login', body: { contact: '0912999888', code: '123456' } })),
	'POST /api/customer/logout':               row(everyone(OK), () => ({ path: '/api/customer/logout' })),
	'GET /api/customer/me':                    row(everyone(401), () => ({ path: '/api/customer/me' })),
	'GET /api/customer/requests':              row(everyone(401), () => ({ path: '/api/customer/requests' })),
	'POST /api/customer/requests':             row(everyone(401), () => ({ path: '/api/customer/requests', body: { kind: 'renewal', serviceNumber: 54, address: 'Số 1 Tràng Tiền, Hà Nội' } })),
	'GET /api/customer/requests/:id':          row(everyone(401), (f) => ({ path: `/api/customer/requests/${f.requestA.id}` })),
	'GET /api/customer/requests/:id/contract.pdf': row(everyone(401), (f) => ({ path: `/api/customer/requests/${f.portal.request.id}/contract.pdf` })),
	'POST /api/customer/requests/:id/signing-link': row(everyone(401), (f) => ({ path: `/api/customer/requests/${f.portal.request.id}/signing-link` })),
	'POST /api/customer/requests/:id/payment-link': row(everyone(401), (f) => ({ path: `/api/customer/requests/${f.requestA.id}/payment-link` })),
	'GET /api/customer/requests/:id/meter-check.pdf': row(everyone(401), (f) => ({ path: `/api/customer/requests/${f.requestA.id}/meter-check.pdf` })),
	'POST /api/customer/meters/:serial/self-reading': row(everyone(401), () => ({ path: '/api/customer/meters/HN-CT-0001/self-reading' })),
	'GET /api/customer/contracts':             row(everyone(401), () => ({ path: '/api/customer/contracts' })),
	'GET /api/customer/notices':               row(everyone(401), () => ({ path: '/api/customer/notices' })),
	'GET /api/customer/preferences':           row(everyone(401), () => ({ path: '/api/customer/preferences' })),
	'PUT /api/customer/preferences':           row(everyone(401), () => ({ path: '/api/customer/preferences', body: { channel: 'sms', reminders: true, language: 'vi' } })),
	'GET /api/customer/files/:sha256':         row(everyone(401), (f) => ({ path: `/api/customer/files/${f.photoA}` })),
	'PUT /api/customer/uploads/:sha256':       row(everyone(401), (_f, as) => {
		const photo = fakeJpeg(`khach-tai-len-${as.role}`);
		return { path: `/api/customer/uploads/${photo.sha256}`, bytes: photo.bytes };
	}),
	'GET /api/customer/events':                row(everyone(401), () => ({ path: '/api/customer/events' })),
	// the administration: admins only, whatever the unit; every other role 403 in words (admin-*: a fresh target each call)
	'GET /api/admin':                          row(adminOnly(), () => ({ path: '/api/admin' }), (body, f) => body.users.some((u: { id: string }) => u.id === f.crewMemberA.id)),
	'GET /api/admin/changes':                  row(adminOnly(), () => ({ path: '/api/admin/changes' })),
	'GET /api/admin/prices':                   row(adminOnly(), () => ({ path: '/api/admin/prices' })),
	'GET /api/admin/holidays':                 row(adminOnly(), () => ({ path: '/api/admin/holidays?year=2026' })),
	'POST /api/admin/users':                   row(adminOnly(), (f, as) => ({ path: '/api/admin/users', body: { fullName: 'Lê Văn Mới', username: `moi-${as.role.toLowerCase()}`, role: 'crew', crewId: f.crewA.id } })),
	'PATCH /api/admin/users/:id':              row(adminOnly(), async (f) => ({ path: `/api/admin/users/${(await f.t.makeUser({ crewId: f.crewA.id })).id}`, body: { role: 'crew', crewId: f.secondCrewA.id } })),
	'POST /api/admin/users/:id/disabled':      row(adminOnly(), async (f) => ({ path: `/api/admin/users/${(await f.t.makeUser({ crewId: f.crewA.id })).id}/disabled`, body: { disabled: true } })),
	'POST /api/admin/users/:id/password':      row(adminOnly(), async (f) => ({ path: `/api/admin/users/${(await f.t.makeUser({ crewId: f.crewA.id })).id}/password` })),
	'POST /api/admin/units':                   row(adminOnly(), (_f, as) => ({ path: '/api/admin/units', body: { name: `Điện lực mới ${as.role}`, address: 'Số 1 Phố Mới, Hà Nội', representative: 'Giám đốc' } })),
	'POST /api/admin/crews':                   row(adminOnly(), (f, as) => ({ path: '/api/admin/crews', body: { unitId: f.unitA, name: `Tổ mới ${as.role}` } })),
	'PATCH /api/admin/crews/:id':              row(adminOnly(), async (f) => ({ path: `/api/admin/crews/${(await f.t.makeCrew({ unitId: f.unitA })).id}`, body: { name: 'Tổ đổi tên' } })),
	'POST /api/admin/crews/:id/deactivate':    row(adminOnly(), async (f) => ({ path: `/api/admin/crews/${(await f.t.makeCrew({ unitId: f.unitA })).id}/deactivate` })),
	'POST /api/admin/prices':                  row(adminOnly(), () => ({ path: '/api/admin/prices', body: { code: 'KEP-TREO', unitPrice: 13_000, effectiveFrom: '2026-12-01' } })),
	'POST /api/admin/vat':                     row(adminOnly(), () => ({ path: '/api/admin/vat', body: { percent: 10, effectiveFrom: '2026-12-01' } })),
	'POST /api/admin/holidays':                row(adminOnly(), () => ({ path: '/api/admin/holidays', body: { date: '2026-12-24', name: 'Nghỉ thử' } })),
	'DELETE /api/admin/holidays/:date':        row(adminOnly(), () => ({ path: '/api/admin/holidays/2026-09-02' }))
};

/** Unit A's world (and unit B's people): requests, jobs, crews, a meter, a photo, a contract, the customer links. */
async function buildUnitA(t: TestContext) {
	// what the customer was sent (codes, links) went out a few minutes ago: past the one-a-minute resend limit, so the
	// rows that send again are not throttled, yet within the portal code's 10-minute life, so the code still signs
	const earlier = async <T>(build: () => Promise<T>): Promise<T> => {
		const now = t.now();
		t.setNow(new Date(now.getTime() - 3 * 60_000));
		try {
			return await build();
		} finally {
			t.setNow(now);
		}
	};
	const unitA = (await t.makeUnit({ name: 'Điện lực Hoàn Kiếm' })).id;
	const unitB = (await t.makeUnit({ name: 'Điện lực Hải Châu' })).id;
	const crewA = await t.makeCrew({ unitId: unitA });
	const secondCrewA = await t.makeCrew({ unitId: unitA });
	const crewB = await t.makeCrew({ unitId: unitB });
	const crewMemberA = await t.makeUser({ crewId: crewA.id });
	const crewMemberB = await t.makeUser({ crewId: crewB.id });
	const supervisorA = await t.makeUser({ role: 'supervisor', unitId: unitA });
	const supervisorB = await t.makeUser({ role: 'supervisor', unitId: unitB });
	const admin = await t.makeUser({ role: 'admin' });
	const users = { crewA: crewMemberA, crewB: crewMemberB, supervisorA, supervisorB, admin };

	const requestA = await t.makeRequest({ unitId: unitA }, ['scheduleSurvey']);
	const jobA = await t.makeJob({ requestId: requestA.id, crewId: crewA.id });
	const photoA = await uploadPhoto(t, await t.tokenFor(crewMemberA), 'unit-a');
	const meterA = await t.makeMeter({ unitId: unitA }, [{ kwh: 1200, at: new Date('2026-10-23T02:00:00Z') }]);
	const contractOf = { crewId: crewA.id, submittedBy: crewMemberA.id, unitId: unitA };
	const contracted = await contractedRequest(t, contractOf);
	const portal = await earlier(() => awaitingRemoteSignature(t, contractOf));
	const selfReadingToken = await readingLinkFor(t, meterA.serial);
	// one login account per caller, so the login row never meets the per-account throttle
	const loginProbes = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, (await t.makeUser({ username: `dang-nhap-${role.toLowerCase()}` })).username]))) as Record<Role, string>;
	return {
		t,
		unitA,
		crewA,
		secondCrewA,
		crewMemberA,
		users,
		requestA,
		jobA,
		photoA,
		meterA,
		contracted,
		portal,
		selfReadingToken,
		loginProbes,
		/** Fresh unit-A fixtures, for the rows whose call changes what it touches. */
		contract: () => earlier(() => contractedRequest(t, contractOf)),
		awaiting: () => earlier(() => awaitingRemoteSignature(t, contractOf)),
		/** A request whose customer asked for a correction (correction_requested). */
		async correctionAsked() {
			const fresh = await earlier(() => awaitingRemoteSignature(t, contractOf));
			const asked = await t.call('POST', `/api/portal/${fresh.portalToken}/correction`, { body: { comment: 'Xin sửa lại địa chỉ thi công cho đúng' } });
			if (asked.status !== 200) throw new Error(`correction: ${asked.status}`);
			return fresh;
		},
		async customerSigned() {
			const fresh = await awaitingRemoteSignature(t, contractOf);
			const body = { contractSha256: fresh.contract.sha256, code: fresh.portalCode, signature: DRAWN_SIGNATURE };
			await signOnPortal(t.db, { runtime: t.runtime, holidays: DEFAULT_HOLIDAYS, codePolicy: DEFAULT_CODE_POLICY, publicUrl: 'https://hientruong.test' }, fresh.portalToken, body, 'matrix');
			return fresh;
		},
		meter: () => t.makeMeter({ unitId: unitA }, [{ kwh: 1200, at: new Date('2026-10-23T02:00:00Z') }])
	};
}

async function callerFor(f: Fixtures, role: Role): Promise<Caller> {
	const own = { portal: f.portal.portalToken, selfReading: f.selfReadingToken };
	const user = role in f.users ? f.users[role as keyof Fixtures['users']] : undefined;
	return {
		role,
		// each probe gets its own session, so a logout (or anything a session does) never leaks into another row
		bearer: user ? await f.t.tokenFor(user) : role === 'portal' || role === 'selfReading' ? own[role] : undefined,
		link: (kind, fresh) => (role === kind ? (fresh ?? own[kind]) : role === 'portal' || role === 'selfReading' ? own[role] : UNKNOWN_LINK)
	};
}

/** The route's method; ALL rows are probed with GET. */
const methodOf = (route: string) => {
	const method = route.split(' ')[0]!;
	return method === 'ALL' ? 'GET' : method;
};

async function send(t: TestContext, method: string, probe: Probe, bearer?: string) {
	const headers: Record<string, string> = {};
	if (bearer) headers.authorization = `Bearer ${bearer}`;
	if (probe.body !== undefined) headers['content-type'] = 'application/json';
	if (probe.bytes) headers['content-type'] = 'image/jpeg';
	const res = await t.app.request(probe.path, { method, headers, body: (probe.bytes as BodyInit | undefined) ?? (probe.body === undefined ? undefined : JSON.stringify(probe.body)) });
	if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
		await res.body?.cancel(); // a live stream: its status is the answer
		return { status: res.status, body: undefined };
	}
	const text = method === 'HEAD' ? '' : await res.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// a PDF or bytes
	}
	return { status: res.status, body: body as any };
}

const outcomeOf = (status: number, shown: boolean | undefined): Outcome | number => (status >= 200 && status < 300 ? (shown === false ? HIDDEN : OK) : status);

describe('the authorization matrix', () => {
	it('has one row for every route the app serves, and no row for a route it does not', () => {
		const served = new Set(
			inspectRoutes(createApp({} as never))
				.filter((r) => !r.isMiddleware && r.path.startsWith('/api'))
				.map((r) => `${r.method} ${r.path}`)
		);
		const missing = [...served].filter((route) => !(route in MATRIX));
		expect(missing, 'routes without a row in the authorization matrix').toEqual([]);
		expect(Object.keys(MATRIX).filter((route) => !served.has(route)), 'rows for routes the app no longer serves').toEqual([]);
	});
});

describe.each(DRIVERS)('authorization by role and unit on %s', (driver) => {
	let t: TestContext;
	let f: Fixtures;
	beforeAll(async () => {
		t = await createTestContext(driver);
		f = await buildUnitA(t);
	}, 120_000);
	afterAll(() => t?.close());

	it.each(Object.keys(MATRIX))('%s', async (route) => {
		const entry = MATRIX[route]!;
		const seen: Record<string, Outcome | number> = {};
		for (const role of ROLES) {
			const as = await callerFor(f, role);
			const res = await send(t, methodOf(route), await entry.probe(f, as), as.bearer);
			const shown = res.status < 300 && entry.shows && res.body !== undefined ? entry.shows(res.body, f) : undefined;
			seen[role] = outcomeOf(res.status, shown);
			if (typeof seen[role] === 'number' && seen[role] >= 500) throw new Error(`${route} as ${role}: ${res.status} ${JSON.stringify(res.body)}`);
		}
		expect(seen).toEqual(Object.fromEntries(ROLES.map((role, i) => [role, entry.expect[i]])));
	});
});

/** Work crew A did offline on a job since given to another crew of unit A, kept for the supervisor (a fresh one per call). */
async function heldHandover(f: Fixtures, label: string): Promise<string> {
	const request = await f.t.makeRequest({ unitId: f.unitA }, ['scheduleSurvey']);
	const job = await f.t.makeJob({ crewId: f.secondCrewA.id, requestId: request.id });
	const id = randomUUID();
	await f.t.database.db.insert(handovers).values({
		id,
		requestId: request.id,
		jobId: job.id,
		fromCrewId: f.crewA.id,
		submittedBy: f.crewMemberA.id,
		commandId: randomUUID(),
		name: 'submitSurvey',
		payload: surveyPayloadFor({ site: [f.photoA], meter: [f.photoA] }, { notes: `bàn giao ${label}` }),
		deviceTime: f.t.now(),
		receivedAt: f.t.now(),
		status: 'held'
	});
	return id;
}
