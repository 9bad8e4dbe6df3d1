// The database's shape, the one truth: drizzle-kit generates the SQL migrations (server/db/migrations) from this file,
// and the storage layer (server/db/*) queries through it. Constraint and index names are PostgreSQL's own defaults
// (`<table>_<column>_fkey`, `_check`, `_key`, `_pkey`) so a database built by the earlier hand-written migrations
// (0001–0013, now the baseline) is the same database. Change it, then `npx drizzle-kit generate --name <what>`.
import { sql } from 'drizzle-orm';
import {
	bigint,
	bigserial,
	boolean,
	check,
	date,
	doublePrecision,
	foreignKey,
	index,
	integer,
	jsonb,
	pgEnum,
	pgSequence,
	pgTable,
	primaryKey,
	text,
	timestamp,
	unique,
	uniqueIndex,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { REQUEST_STATES, type RequestState } from '../../src/lib/domain/workflow';
import type { MaterialDifference, PricedLine } from '../../src/lib/domain/estimate';
import type { DrawnSignature } from '../../src/lib/domain/signing';
import type { ContractTerms } from '../../src/lib/domain/contract';
import type { SurveyPayload } from '../../src/lib/domain/field-commands/submit-survey';
import type { InstallationPayload } from '../../src/lib/domain/field-commands/record-installation';
import type { MeterCheckPayload } from '../../src/lib/domain/field-commands/record-meter-check';

/** What a transition adds to its audit entry (a crew and time, a contract version, a payment's reference…). */
export type AuditDetail = Record<string, unknown>;
/** A meter check as stored: the crew's record without the code and signature, and why it was abnormal. */
export type StoredMeterCheck = Omit<MeterCheckPayload, 'code' | 'signature'> & { abnormalReason: string | null; abnormalReasonEn?: string | null };

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const seq = (name: string) => bigint(name, { mode: 'number' });

/** A foreign key under PostgreSQL's default name, `<table>_<column>_fkey`. */
function fk(table: string, column: AnyPgColumn, target: () => AnyPgColumn) {
	return foreignKey({ name: `${table}_${column.name}_fkey`, columns: [column], foreignColumns: [target()] });
}

/** A request's state: the workflow's list of states (src/lib/domain/workflow.ts), in its order. */
export const requestState = pgEnum('request_state', REQUEST_STATES);

/** Every change to what a tablet pulls takes the next number (requests, jobs, removals). */
export const changeSeq = pgSequence('change_seq');
/** Request codes (YC-…): the next number. */
export const requestNumberSeq = pgSequence('request_number_seq', { startWith: 1000 });

export const units = pgTable('units', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	address: text('address').notNull().default(''),
	representative: text('representative').notNull().default('Giám đốc')
});

export const crews = pgTable('crews', {
	id: text('id').primaryKey(),
	unitId: text('unit_id').notNull(),
	name: text('name').notNull(),
	/** Set when an administrator deactivates the crew: no more dispatch to it. */
	deactivatedAt: tstz('deactivated_at')
},
(t) => [
		fk('crews', t.unitId, () => units.id)
]);

export const users = pgTable('users', {
	id: text('id').primaryKey(),
	username: text('username').notNull().unique('users_username_key'),
	passwordHash: text('password_hash').notNull(),
	fullName: text('full_name').notNull(),
	role: text('role', { enum: ['crew', 'supervisor', 'admin'] }).notNull(),
	unitId: text('unit_id'),
	crewId: text('crew_id'),
	phone: text('phone'),
	createdAt: tstz('created_at').notNull(),
	/** Set when an administrator disables the account: no login, no session. */
	disabledAt: tstz('disabled_at')
},
(t) => [
		check('users_role_check', sql`${t.role} IN ('crew', 'supervisor', 'admin')`),
		check('users_check', sql`${t.role} <> 'crew' OR ${t.crewId} IS NOT NULL`),
		fk('users', t.unitId, () => units.id),
		fk('users', t.crewId, () => crews.id)
]);

export const sessions = pgTable('sessions', {
	tokenHash: text('token_hash').primaryKey(),
	userId: text('user_id').notNull(),
	createdAt: tstz('created_at').notNull(),
	expiresAt: tstz('expires_at').notNull()
},
(t) => [
		index('sessions_user_idx').on(t.userId),
		fk('sessions', t.userId, () => users.id)
]);

export const customers = pgTable('customers', {
	id: text('id').primaryKey(),
	fullName: text('full_name').notNull(),
	phone: text('phone').notNull(),
	email: text('email'),
	address: text('address').notNull()
},
(t) => [
		index('customers_phone_idx').on(t.phone),
		index('customers_name_idx').using('btree', sql`lower(${t.fullName})`)
]);

export const requests = pgTable('requests', {
	id: text('id').primaryKey(),
	code: text('code').notNull().unique('requests_code_key'),
	serviceNumber: integer('service_number').notNull(),
	customerId: text('customer_id').notNull(),
	unitId: text('unit_id').notNull(),
	address: text('address').notNull(),
	lat: doublePrecision('lat'),
	lng: doublePrecision('lng'),
	state: requestState('state').notNull(),
	version: integer('version').notNull().default(1),
	installed: boolean('installed').notNull().default(false),
	receivedAt: tstz('received_at').notNull(),
	deadline: tstz('deadline'),
	updatedAt: tstz('updated_at').notNull(),
	changeSeq: seq('change_seq').notNull(),
	/** lower(code, customer name, phone) for the board's search (trigram index). */
	searchText: text('search_text').notNull().default(''),
	/** The meter a meter check (services 41, 42) is about. */
	meterSerial: text('meter_serial')
},
(t) => [
		check('requests_service_number_check', sql`${t.serviceNumber} BETWEEN 1 AND 79`),
		fk('requests', t.customerId, () => customers.id),
		fk('requests', t.unitId, () => units.id),
		fk('requests', t.meterSerial, () => meters.serial),
		index('requests_unit_state_idx').on(t.unitId, t.state),
		index('requests_deadline_idx').on(t.deadline),
		index('requests_change_seq_idx').on(t.changeSeq),
		// the board (server/db/board.ts): a page of ids in deadline order read from the index alone, the state,
		// service and process filters checked in it; open requests (the overdue filter) in a smaller partial copy
		index('requests_board_idx').on(t.unitId, t.deadline, t.id, t.state, t.serviceNumber),
		index('requests_board_open_idx')
			.on(t.unitId, t.deadline, t.id, t.state, t.serviceNumber)
			.where(sql`${t.state} NOT IN ('completed', 'cancelled')`),
		index('requests_unit_state_deadline_idx').on(t.unitId, t.state, t.deadline, t.id),
		index('requests_unit_service_deadline_idx').on(t.unitId, t.serviceNumber, t.deadline, t.id, t.state),
		// a code typed on the board ("YC-2026-04…") is a prefix of the code
		index('requests_code_prefix_idx').on(t.code.op('text_pattern_ops')),
		index('requests_search_idx').using('gin', t.searchText.op('gin_trgm_ops'))
]);

export const jobs = pgTable('jobs', {
	id: text('id').primaryKey(),
	requestId: text('request_id').notNull(),
	crewId: text('crew_id').notNull(),
	kind: text('kind', { enum: ['survey', 'installation', 'meter_check', 'repair'] }).notNull(),
	status: text('status', { enum: ['assigned', 'done', 'cancelled'] }).notNull(),
	scheduledAt: tstz('scheduled_at').notNull(),
	notes: text('notes'),
	updatedAt: tstz('updated_at').notNull(),
	changeSeq: seq('change_seq').notNull()
},
(t) => [
		check('jobs_kind_check', sql`${t.kind} IN ('survey', 'installation', 'meter_check', 'repair')`),
		check('jobs_status_check', sql`${t.status} IN ('assigned', 'done', 'cancelled')`),
		fk('jobs', t.requestId, () => requests.id),
		fk('jobs', t.crewId, () => crews.id),
		index('jobs_crew_idx').on(t.crewId, t.changeSeq),
		// a pull's pages: the crew's jobs in id order after a key (server/db/pull-pages.ts)
		index('jobs_crew_id_idx').on(t.crewId, t.id),
		index('jobs_request_idx').on(t.requestId),
		index('jobs_request_status_idx').on(t.requestId, t.status),
		index('jobs_crew_status_idx').on(t.crewId, t.status, t.scheduledAt),
		// the board's crew filter: the requests a crew holds an open job of
		index('jobs_crew_assigned_idx').on(t.crewId, t.requestId).where(sql`${t.status} = 'assigned'`)
]);

export const jobRemovals = pgTable('job_removals', {
	jobId: text('job_id').notNull(),
	crewId: text('crew_id').notNull(),
	changeSeq: seq('change_seq').notNull()
},
(t) => [
		primaryKey({ name: 'job_removals_pkey', columns: [t.jobId, t.crewId, t.changeSeq] }),
		fk('job_removals', t.crewId, () => crews.id),
		index('job_removals_crew_idx').on(t.crewId, t.changeSeq)
]);

export const auditLog = pgTable('audit_log', {
	id: bigserial('id', { mode: 'number' }).primaryKey(),
	requestId: text('request_id').notNull(),
	at: tstz('at').notNull(),
	actorUserId: text('actor_user_id'),
	actorRole: text('actor_role').notNull(),
	transition: text('transition').notNull(),
	fromState: requestState('from_state'),
	toState: requestState('to_state').notNull(),
	version: integer('version').notNull(),
	deviceId: text('device_id'),
	lat: doublePrecision('lat'),
	lng: doublePrecision('lng'),
	detail: jsonb('detail').$type<AuditDetail>()
},
(t) => [
		fk('audit_log', t.requestId, () => requests.id),
		fk('audit_log', t.actorUserId, () => users.id),
		index('audit_log_request_idx').on(t.requestId, t.id)
]);

export const devices = pgTable('devices', {
	id: text('id').primaryKey(),
	userId: text('user_id').notNull(),
	lastSeq: seq('last_seq').notNull().default(0),
	firstSeenAt: tstz('first_seen_at').notNull(),
	lastSeenAt: tstz('last_seen_at').notNull()
},
(t) => [
		fk('devices', t.userId, () => users.id)
]);

export const commandLog = pgTable('command_log', {
	deviceId: text('device_id').notNull(),
	seq: seq('seq').notNull(),
	commandId: text('command_id').notNull(),
	name: text('name').notNull(),
	userId: text('user_id').notNull(),
	requestId: text('request_id'),
	jobId: text('job_id'),
	status: text('status', { enum: ['applied', 'rejected'] }).notNull(),
	code: text('code'),
	reasonVi: text('reason_vi'),
	reasonEn: text('reason_en'),
	fields: jsonb('fields').$type<Record<string, string>>(),
	resultState: text('result_state'),
	resultVersion: integer('result_version'),
	deviceTime: tstz('device_time'),
	receivedAt: tstz('received_at').notNull(),
	lat: doublePrecision('lat'),
	lng: doublePrecision('lng'),
	accuracyM: doublePrecision('accuracy_m'),
	/** As the device sent it, refused commands too: unknown until a command's schema parses it. */
	payload: jsonb('payload').$type<unknown>().notNull()
},
(t) => [
		primaryKey({ name: 'command_log_pkey', columns: [t.deviceId, t.seq] }),
		check('command_log_status_check', sql`${t.status} IN ('applied', 'rejected')`),
		fk('command_log', t.deviceId, () => devices.id),
		fk('command_log', t.userId, () => users.id),
		index('command_log_request_idx').on(t.requestId),
		// a command id may come back once refused as a duplicate (0006)
		uniqueIndex('command_log_command_id_idx').on(t.commandId).where(sql`${t.code} IS DISTINCT FROM 'duplicate_command'`)
]);

export const surveys = pgTable('surveys', {
	id: text('id').primaryKey(),
	requestId: text('request_id').notNull(),
	jobId: text('job_id').notNull(),
	commandId: text('command_id').notNull(),
	data: jsonb('data').$type<SurveyPayload>().notNull(),
	submittedBy: text('submitted_by').notNull(),
	submittedAt: tstz('submitted_at').notNull()
},
(t) => [
		fk('surveys', t.requestId, () => requests.id),
		fk('surveys', t.jobId, () => jobs.id),
		fk('surveys', t.submittedBy, () => users.id),
		index('surveys_request_idx').on(t.requestId)
]);

export const estimates = pgTable('estimates', {
	id: text('id').primaryKey(),
	requestId: text('request_id').notNull(),
	jobId: text('job_id').notNull(),
	commandId: text('command_id').notNull(),
	lines: jsonb('lines').$type<PricedLine[]>().notNull(),
	vatPercent: integer('vat_percent').notNull(),
	utilityTotal: seq('utility_total').notNull(),
	customerTotal: seq('customer_total').notNull(),
	total: seq('total').notNull(),
	notes: text('notes').notNull().default(''),
	submittedBy: text('submitted_by').notNull(),
	submittedAt: tstz('submitted_at').notNull()
},
(t) => [
		fk('estimates', t.requestId, () => requests.id),
		fk('estimates', t.jobId, () => jobs.id),
		fk('estimates', t.submittedBy, () => users.id),
		index('estimates_request_idx').on(t.requestId)
]);

export const blobs = pgTable('blobs', {
	sha256: text('sha256').primaryKey(),
	size: integer('size').notNull(),
	mime: text('mime').notNull(),
	uploadedBy: text('uploaded_by'),
	createdAt: tstz('created_at').notNull()
},
(t) => [
		fk('blobs', t.uploadedBy, () => users.id)
]);

export const notifications = pgTable('notifications', {
	// columns in the order the migrations made them (0006 appended the delivery columns), so schema.ts renders the same table
	id: text('id').primaryKey(),
	requestId: text('request_id'),
	kind: text('kind').notNull(),
	channel: text('channel', { enum: ['sms', 'zalo', 'email'] }).notNull(),
	recipient: text('recipient').notNull(),
	subject: text('subject'),
	body: text('body').notNull(),
	status: text('status', { enum: ['queued', 'sent', 'delivered', 'failed'] }).notNull(),
	attempts: integer('attempts').notNull().default(0),
	nextAttemptAt: tstz('next_attempt_at').notNull(),
	lastError: text('last_error'),
	createdAt: tstz('created_at').notNull(),
	sentAt: tstz('sent_at'),
	/** whose preferences applied (null: no known customer, e.g. an old row) */
	customerId: text('customer_id'),
	/** code (sign-in and signing codes), legal, service or reminder: decides channels and whether opting out applies */
	category: text('category', { enum: ['code', 'legal', 'service', 'reminder'] }).notNull().default('service'),
	/** an SMS's length in segments as the operator bills it */
	segments: integer('segments'),
	/** Zalo ZNS: the approved template and its data */
	template: jsonb('template').$type<{ templateId: string; data: Record<string, string> }>(),
	/** an email's attachment, rendered when it is sent (e.g. the signed contract's PDF) */
	attachment: jsonb('attachment').$type<{ kind: 'contract_pdf'; requestId: string }>(),
	deliveredAt: tstz('delivered_at'),
	failedAt: tstz('failed_at'),
	/** the provider's id of the message (eSMS SMSID, Zalo msg_id) and its last answer, for delivery reports */
	providerId: text('provider_id'),
	providerAnswer: text('provider_answer'),
	/** the same code for the same request and channel is queued once */
	dedupKey: text('dedup_key'),
	/** an SMS sent because this Zalo message could not be delivered */
	fallbackOf: text('fallback_of')
},
(t) => [
		check('notifications_channel_check', sql`${t.channel} IN ('sms', 'zalo', 'email')`),
		check('notifications_status_check', sql`${t.status} IN ('queued', 'sent', 'delivered', 'failed')`),
		check('notifications_category_check', sql`${t.category} IN ('code', 'legal', 'service', 'reminder')`),
		fk('notifications', t.requestId, () => requests.id),
		index('notifications_due_idx').on(t.status, t.nextAttemptAt),
		index('notifications_request_idx').on(t.requestId),
		index('notifications_provider_idx').on(t.providerId),
		uniqueIndex('notifications_dedup_key_idx').on(t.dedupKey),
		uniqueIndex('notifications_fallback_of_idx').on(t.fallbackOf)
]);

/** A customer's choices for notices: Zalo or SMS for what is not essential, reminders or not, the email's language. */
export const noticePreferences = pgTable('notice_preferences', {
	customerId: text('customer_id').primaryKey(),
	channel: text('channel', { enum: ['zalo', 'sms'] }).notNull().default('sms'),
	reminders: boolean('reminders').notNull().default(true),
	language: text('language', { enum: ['vi', 'en'] }).notNull().default('vi'),
	updatedAt: tstz('updated_at').notNull()
},
(t) => [
		check('notice_preferences_channel_check', sql`${t.channel} IN ('zalo', 'sms')`),
		check('notice_preferences_language_check', sql`${t.language} IN ('vi', 'en')`),
		fk('notice_preferences', t.customerId, () => customers.id)
]);

/** A provider's OAuth token pair (Zalo rotates the refresh token at each use), shared by every API process. */
export const noticeProviderTokens = pgTable('notice_provider_tokens', {
	provider: text('provider').primaryKey(),
	accessToken: text('access_token').notNull(),
	refreshToken: text('refresh_token').notNull(),
	expiresAt: tstz('expires_at').notNull(),
	updatedAt: tstz('updated_at').notNull()
});

export const serverSecrets = pgTable('server_secrets', {
	name: text('name').primaryKey(),
	value: text('value').notNull(),
	createdAt: tstz('created_at').notNull()
});

export const payments = pgTable('payments', {
	id: text('id').primaryKey(),
	requestId: text('request_id').notNull(),
	method: text('method', { enum: ['online', 'counter'] }).notNull(),
	provider: text('provider').notNull(),
	providerTxnId: text('provider_txn_id').notNull(),
	amount: seq('amount').notNull(),
	receivedAt: tstz('received_at').notNull(),
	recordedBy: text('recorded_by'),
	/** The receipt PDF as first rendered, kept in the blob store: the customer downloads the same file for good. */
	receiptSha256: text('receipt_sha256')
},
(t) => [
		check('payments_method_check', sql`${t.method} IN ('online', 'counter')`),
		check('payments_amount_check', sql`${t.amount} >= 0`),
		fk('payments', t.requestId, () => requests.id),
		fk('payments', t.recordedBy, () => users.id),
		fk('payments', t.receiptSha256, () => blobs.sha256),
		unique('payments_provider_provider_txn_id_key').on(t.provider, t.providerTxnId),
		index('payments_request_idx').on(t.requestId)
]);

export const paymentRefusals = pgTable('payment_refusals', {
	id: text('id').primaryKey(),
	receivedAt: tstz('received_at').notNull(),
	code: text('code').notNull(),
	detail: text('detail').notNull(),
	body: text('body').notNull()
});

export const contracts = pgTable('contracts', {
	id: text('id').primaryKey(),
	requestId: text('request_id').notNull(),
	version: integer('version').notNull(),
	body: text('body').notNull(),
	sha256: text('sha256').notNull(),
	draftedAt: tstz('drafted_at').notNull(),
	correctionNote: text('correction_note'),
	/** What this version holds, structured (null for versions drafted before terms were kept). */
	terms: jsonb('terms').$type<ContractTerms>(),
	/** 'addendum' (phụ lục): a version that amends the previous one, e.g. for what was installed beyond the estimate. */
	kind: text('kind', { enum: ['contract', 'addendum'] }).notNull().default('contract'),
	/** Why this version exists: the accepted estimate, a correction the utility made, or the recorded installation. */
	basis: text('basis', { enum: ['estimate', 'correction', 'installation'] }).notNull().default('estimate'),
	/** The utility's digitally signed (PAdES) PDF of this version, a content-addressed blob. */
	signedPdfSha256: text('signed_pdf_sha256')
},
(t) => [
		check('contracts_kind_check', sql`${t.kind} IN ('contract', 'addendum')`),
		check('contracts_basis_check', sql`${t.basis} IN ('estimate', 'correction', 'installation')`),
		fk('contracts', t.requestId, () => requests.id),
		unique('contracts_request_id_version_key').on(t.requestId, t.version)
]);

/** A customer's request to change a contract version: the utility answers it, with a new version or without a change. */
export const correctionRequests = pgTable('correction_requests', {
	id: text('id').primaryKey(),
	requestId: text('request_id').notNull(),
	/** The version the customer read when asking. */
	contractId: text('contract_id').notNull(),
	comment: text('comment').notNull(),
	createdAt: tstz('created_at').notNull(),
	status: text('status', { enum: ['open', 'revised', 'answered'] }).notNull().default('open'),
	/** The utility's answer without a change (texted and emailed), or its note on the new version. */
	answer: text('answer'),
	answeredBy: text('answered_by'),
	answeredAt: tstz('answered_at'),
	/** The version issued for this correction, when the utility revised the contract. */
	newContractId: text('new_contract_id')
},
(t) => [
		check('correction_requests_status_check', sql`${t.status} IN ('open', 'revised', 'answered')`),
		fk('correction_requests', t.requestId, () => requests.id),
		fk('correction_requests', t.contractId, () => contracts.id),
		fk('correction_requests', t.answeredBy, () => users.id),
		fk('correction_requests', t.newContractId, () => contracts.id),
		index('correction_requests_request_idx').on(t.requestId, t.createdAt),
		uniqueIndex('correction_requests_one_open_idx').on(t.requestId).where(sql`${t.status} = 'open'`)
]);

/** Money the utility owes back to the customer, e.g. when less material was installed than the signed estimate. */
export const refunds = pgTable('refunds', {
	id: text('id').primaryKey(),
	requestId: text('request_id').notNull(),
	/** The version whose amount is lower than what was paid. */
	contractId: text('contract_id').notNull(),
	amount: seq('amount').notNull(),
	reason: text('reason').notNull(),
	createdAt: tstz('created_at').notNull(),
	status: text('status', { enum: ['owed', 'paid'] }).notNull().default('owed'),
	paidAt: tstz('paid_at')
},
(t) => [
		check('refunds_amount_check', sql`${t.amount} > 0`),
		check('refunds_status_check', sql`${t.status} IN ('owed', 'paid')`),
		fk('refunds', t.requestId, () => requests.id),
		fk('refunds', t.contractId, () => contracts.id),
		index('refunds_request_idx').on(t.requestId)
]);

export const signingCodes = pgTable('signing_codes', {
	id: text('id').primaryKey(),
	requestId: text('request_id').notNull(),
	/** The contract version (on_site, portal) or the meter check job (meter_check) the code confirms. */
	subjectId: text('subject_id').notNull(),
	purpose: text('purpose', { enum: ['on_site', 'portal', 'meter_check'] }).notNull(),
	codeHash: text('code_hash').notNull(),
	expiresAt: tstz('expires_at').notNull(),
	attempts: integer('attempts').notNull().default(0),
	status: text('status', { enum: ['active', 'used', 'locked', 'superseded'] }).notNull(),
	createdAt: tstz('created_at').notNull(),
	usedAt: tstz('used_at')
},
(t) => [
		check('signing_codes_purpose_check', sql`${t.purpose} IN ('on_site', 'portal', 'meter_check')`),
		check('signing_codes_status_check', sql`${t.status} IN ('active', 'used', 'locked', 'superseded')`),
		fk('signing_codes', t.requestId, () => requests.id),
		index('signing_codes_contract_idx').on(t.subjectId, t.status)
]);

export const portalLinks = pgTable('portal_links', {
	tokenHash: text('token_hash').primaryKey(),
	requestId: text('request_id').notNull(),
	createdAt: tstz('created_at').notNull(),
	expiresAt: tstz('expires_at').notNull()
},
(t) => [
		fk('portal_links', t.requestId, () => requests.id),
		index('portal_links_request_idx').on(t.requestId)
]);

export const signatures = pgTable('signatures', {
	id: text('id').primaryKey(),
	requestId: text('request_id').notNull(),
	contractId: text('contract_id').notNull(),
	contractSha256: text('contract_sha256').notNull(),
	party: text('party', { enum: ['customer', 'utility'] }).notNull(),
	channel: text('channel', { enum: ['on_site', 'portal', 'console'] }).notNull(),
	signerName: text('signer_name').notNull(),
	signerUserId: text('signer_user_id'),
	imagePng: text('image_png'),
	strokes: jsonb('strokes').$type<DrawnSignature['strokes']>(),
	deviceTime: tstz('device_time'),
	serverTime: tstz('server_time').notNull(),
	lat: doublePrecision('lat'),
	lng: doublePrecision('lng'),
	clientInfo: text('client_info')
},
(t) => [
		check('signatures_party_check', sql`${t.party} IN ('customer', 'utility')`),
		check('signatures_channel_check', sql`${t.channel} IN ('on_site', 'portal', 'console')`),
		fk('signatures', t.requestId, () => requests.id),
		fk('signatures', t.contractId, () => contracts.id),
		fk('signatures', t.signerUserId, () => users.id),
		unique('signatures_contract_id_party_key').on(t.contractId, t.party)
]);

export const crewPositions = pgTable('crew_positions', {
	id: bigserial('id', { mode: 'number' }).primaryKey(),
	crewId: text('crew_id').notNull(),
	userId: text('user_id'),
	lat: doublePrecision('lat').notNull(),
	lng: doublePrecision('lng').notNull(),
	accuracyM: doublePrecision('accuracy_m'),
	source: text('source', { enum: ['command', 'ping'] }).notNull(),
	recordedAt: tstz('recorded_at').notNull()
},
(t) => [
		check('crew_positions_source_check', sql`${t.source} IN ('command', 'ping')`),
		fk('crew_positions', t.crewId, () => crews.id),
		fk('crew_positions', t.userId, () => users.id),
		index('crew_positions_crew_idx').on(t.crewId, t.recordedAt.desc().nullsFirst())
]);

export const installations = pgTable('installations', {
	id: text('id').primaryKey(),
	requestId: text('request_id').notNull(),
	jobId: text('job_id').notNull(),
	commandId: text('command_id').notNull(),
	data: jsonb('data').$type<InstallationPayload>().notNull(),
	differences: jsonb('differences').$type<MaterialDifference[]>().notNull(),
	submittedBy: text('submitted_by').notNull(),
	submittedAt: tstz('submitted_at').notNull()
},
(t) => [
		fk('installations', t.requestId, () => requests.id),
		fk('installations', t.jobId, () => jobs.id),
		fk('installations', t.submittedBy, () => users.id),
		index('installations_request_idx').on(t.requestId)
]);

export const meters = pgTable('meters', {
	serial: text('serial').primaryKey(),
	customerId: text('customer_id').notNull(),
	unitId: text('unit_id').notNull(),
	phases: integer('phases').notNull(),
	type: text('type', { enum: ['mechanical', 'electronic'] }).notNull(),
	registerDigits: integer('register_digits').notNull(),
	installedAt: tstz('installed_at').notNull(),
	removedAt: tstz('removed_at')
},
(t) => [
		check('meters_phases_check', sql`${t.phases} IN (1, 3)`),
		check('meters_type_check', sql`${t.type} IN ('mechanical', 'electronic')`),
		check('meters_register_digits_check', sql`${t.registerDigits} BETWEEN 4 AND 9`),
		fk('meters', t.customerId, () => customers.id),
		fk('meters', t.unitId, () => units.id),
		index('meters_customer_idx').on(t.customerId)
]);

export const meterReadings = pgTable('meter_readings', {
	id: text('id').primaryKey(),
	meterSerial: text('meter_serial').notNull(),
	kwh: doublePrecision('kwh').notNull(),
	takenAt: tstz('taken_at').notNull(),
	source: text('source', { enum: ['utility', 'crew', 'customer'] }).notNull(),
	photoSha256: text('photo_sha256'),
	abnormal: boolean('abnormal').notNull().default(false),
	recordedBy: text('recorded_by'),
	recordedAt: tstz('recorded_at').notNull()
},
(t) => [
		check('meter_readings_kwh_check', sql`${t.kwh} >= 0`),
		check('meter_readings_source_check', sql`${t.source} IN ('utility', 'crew', 'customer')`),
		fk('meter_readings', t.meterSerial, () => meters.serial),
		fk('meter_readings', t.recordedBy, () => users.id),
		index('meter_readings_meter_idx').on(t.meterSerial, t.takenAt),
		index('meter_readings_photo_idx').on(t.photoSha256).where(sql`${t.photoSha256} IS NOT NULL`)
]);

export const readingLinks = pgTable('reading_links', {
	tokenHash: text('token_hash').primaryKey(),
	meterSerial: text('meter_serial').notNull(),
	readingDate: date('reading_date', { mode: 'string' }).notNull(),
	createdAt: tstz('created_at').notNull(),
	expiresAt: tstz('expires_at').notNull(),
	usedAt: tstz('used_at')
},
(t) => [
		fk('reading_links', t.meterSerial, () => meters.serial)
]);

export const requestDocuments = pgTable('request_documents', {
	requestId: text('request_id').notNull(),
	sha256: text('sha256').notNull(),
	attachedBy: text('attached_by'),
	attachedAt: tstz('attached_at').notNull(),
	position: integer('position').notNull().default(0)
},
(t) => [
		primaryKey({ name: 'request_documents_pkey', columns: [t.requestId, t.sha256] }),
		fk('request_documents', t.requestId, () => requests.id),
		fk('request_documents', t.sha256, () => blobs.sha256),
		fk('request_documents', t.attachedBy, () => users.id),
		index('request_documents_sha256_idx').on(t.sha256)
]);

export const meterChecks = pgTable('meter_checks', {
	id: text('id').primaryKey(),
	requestId: text('request_id').notNull().unique('meter_checks_request_id_key'),
	jobId: text('job_id').notNull(),
	meterSerial: text('meter_serial').notNull(),
	readingKwh: doublePrecision('reading_kwh').notNull(),
	result: text('result').notNull(),
	errorPercent: doublePrecision('error_percent'),
	sealIntact: boolean('seal_intact').notNull(),
	action: text('action', { enum: ['none', 'adjusted', 'replaced'] }).notNull(),
	newMeterSerial: text('new_meter_serial'),
	abnormal: boolean('abnormal').notNull(),
	abnormalConfirmed: boolean('abnormal_confirmed').notNull(),
	record: jsonb('record').$type<StoredMeterCheck>().notNull(),
	signerName: text('signer_name').notNull(),
	signaturePng: text('signature_png').notNull(),
	signatureStrokes: jsonb('signature_strokes').$type<DrawnSignature['strokes']>().notNull(),
	crewId: text('crew_id').notNull(),
	deviceTime: tstz('device_time').notNull(),
	recordedAt: tstz('recorded_at').notNull()
},
(t) => [
		check('meter_checks_action_check', sql`${t.action} IN ('none', 'adjusted', 'replaced')`),
		fk('meter_checks', t.requestId, () => requests.id),
		fk('meter_checks', t.jobId, () => jobs.id),
		fk('meter_checks', t.meterSerial, () => meters.serial),
		fk('meter_checks', t.newMeterSerial, () => meters.serial),
		fk('meter_checks', t.crewId, () => crews.id)
]);

/**
 * Work a crew did offline on a job that was taken from it (reassigned or cancelled meanwhile): the refused
 * command as the tablet sent it, kept for the supervisor, who accepts it into the request or passes it to the
 * crew that has the job now (whose tablet gets it as a draft).
 */
export const handovers = pgTable('handovers', {
	id: text('id').primaryKey(),
	requestId: text('request_id').notNull(),
	jobId: text('job_id').notNull(),
	fromCrewId: text('from_crew_id').notNull(),
	submittedBy: text('submitted_by').notNull(),
	commandId: text('command_id').notNull(),
	name: text('name').notNull(),
	payload: jsonb('payload').$type<unknown>().notNull(),
	deviceTime: tstz('device_time'),
	receivedAt: tstz('received_at').notNull(),
	status: text('status', { enum: ['held', 'accepted', 'passed'] }).notNull(),
	toCrewId: text('to_crew_id'),
	decidedBy: text('decided_by'),
	decidedAt: tstz('decided_at')
},
(t) => [
		check('handovers_status_check', sql`${t.status} IN ('held', 'accepted', 'passed')`),
		fk('handovers', t.requestId, () => requests.id),
		fk('handovers', t.jobId, () => jobs.id),
		fk('handovers', t.fromCrewId, () => crews.id),
		fk('handovers', t.submittedBy, () => users.id),
		fk('handovers', t.toCrewId, () => crews.id),
		fk('handovers', t.decidedBy, () => users.id),
		uniqueIndex('handovers_command_id_key').on(t.commandId),
		index('handovers_request_idx').on(t.requestId),
		index('handovers_job_idx').on(t.jobId, t.status)
]);

/**
 * A customer's one-time sign-in code for the portal (/khach-hang): sent to a phone number or email address on a
 * request or meter. `identity` is the normalized address ("phone:0912345678", "email:a@b.vn"); only an HMAC of the
 * code is kept, with its attempts, expiry and status, like the signing codes.
 */
export const customerLoginCodes = pgTable('customer_login_codes', {
	id: text('id').primaryKey(),
	identity: text('identity').notNull(),
	codeHash: text('code_hash').notNull(),
	expiresAt: tstz('expires_at').notNull(),
	attempts: integer('attempts').notNull().default(0),
	status: text('status', { enum: ['active', 'used', 'locked', 'superseded'] }).notNull(),
	createdAt: tstz('created_at').notNull(),
	usedAt: tstz('used_at')
},
(t) => [
		check('customer_login_codes_status_check', sql`${t.status} IN ('active', 'used', 'locked', 'superseded')`),
		index('customer_login_codes_identity_idx').on(t.identity, t.createdAt)
]);

/** A customer's signed-in device (an httpOnly cookie holds the token; only its hash is kept), separate from staff sessions. */
export const customerSessions = pgTable('customer_sessions', {
	tokenHash: text('token_hash').primaryKey(),
	identity: text('identity').notNull(),
	createdAt: tstz('created_at').notNull(),
	expiresAt: tstz('expires_at').notNull()
},
(t) => [
		index('customer_sessions_identity_idx').on(t.identity)
]);

/** The files a signed-in customer uploaded: only these may be attached to the requests they file. */
export const customerUploads = pgTable('customer_uploads', {
	identity: text('identity').notNull(),
	sha256: text('sha256').notNull(),
	uploadedAt: tstz('uploaded_at').notNull()
},
(t) => [
		primaryKey({ name: 'customer_uploads_pkey', columns: [t.identity, t.sha256] }),
		fk('customer_uploads', t.sha256, () => blobs.sha256)
]);

/** Rate-limit counters: rate-limiter-flexible's Drizzle store reads and upserts this table itself. */
export const rateLimits = pgTable(
	'rate_limits',
	{
		key: text('key').primaryKey(),
		points: integer('points').notNull(),
		expire: tstz('expire')
	},
	(t) => [index('rate_limits_expire').on(t.expire)]
);

/** A material's terms from a date on, set by an administrator; the built-in list (domain/materials.ts) is the base. */
export const materialPrices = pgTable('material_prices', {
	id: text('id').primaryKey(),
	code: text('code').notNull(),
	name: text('name').notNull(),
	unit: text('unit').notNull(),
	unitPrice: seq('unit_price').notNull(),
	side: text('side', { enum: ['utility', 'customer'] }).notNull(),
	perMetre: boolean('per_metre').notNull(),
	phases: integer('phases'),
	effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
	createdBy: text('created_by'),
	createdAt: tstz('created_at').notNull()
},
(t) => [
		unique('material_prices_code_effective_from_key').on(t.code, t.effectiveFrom),
		check('material_prices_unit_price_check', sql`${t.unitPrice} >= 0`),
		check('material_prices_side_check', sql`${t.side} IN ('utility', 'customer')`),
		check('material_prices_phases_check', sql`${t.phases} IS NULL OR ${t.phases} IN (1, 3)`),
		fk('material_prices', t.createdBy, () => users.id)
]);

/** The VAT rate from a date on (the rate in force on an estimate's date applies). */
export const vatRates = pgTable('vat_rates', {
	effectiveFrom: date('effective_from', { mode: 'string' }).primaryKey(),
	percent: integer('percent').notNull(),
	createdBy: text('created_by'),
	createdAt: tstz('created_at').notNull()
},
(t) => [
		check('vat_rates_percent_check', sql`${t.percent} >= 0 AND ${t.percent} <= 20`),
		fk('vat_rates', t.createdBy, () => users.id)
]);

/** Public holidays and days off; a year with any row here has exactly these (domain/holidays.ts#calendarWithYearLists). */
export const holidays = pgTable('holidays', {
	date: date('date', { mode: 'string' }).primaryKey(),
	name: text('name').notNull(),
	createdBy: text('created_by'),
	createdAt: tstz('created_at').notNull()
},
(t) => [
		fk('holidays', t.createdBy, () => users.id)
]);

/** Every change an administrator makes, with its words (Vietnamese and English) written when it is made. */
export const adminChanges = pgTable('admin_changes', {
	id: bigserial('id', { mode: 'number' }).primaryKey(),
	at: tstz('at').notNull(),
	actorUserId: text('actor_user_id').notNull(),
	kind: text('kind').notNull(),
	wordsVi: text('words_vi').notNull(),
	wordsEn: text('words_en').notNull(),
	detail: jsonb('detail').$type<AuditDetail>()
},
(t) => [
		fk('admin_changes', t.actorUserId, () => users.id),
		index('admin_changes_at_idx').on(t.at)
]);

export const schema = {
	units,
	crews,
	users,
	sessions,
	customers,
	requests,
	jobs,
	jobRemovals,
	auditLog,
	devices,
	commandLog,
	surveys,
	estimates,
	blobs,
	notifications,
	noticePreferences,
	noticeProviderTokens,
	serverSecrets,
	payments,
	paymentRefusals,
	contracts,
	signingCodes,
	portalLinks,
	signatures,
	crewPositions,
	installations,
	meters,
	meterReadings,
	meterChecks,
	readingLinks,
	requestDocuments,
	rateLimits,
	handovers,
	customerLoginCodes,
	customerSessions,
	customerUploads,
	materialPrices,
	vatRates,
	holidays,
	adminChanges,
	requestState
};
