// Drizzle mirror of the SQL migrations (server/db/migrations): the typed view the storage layer queries through.
import { bigint, boolean, doublePrecision, integer, jsonb, pgTable, text, timestamp, bigserial } from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const seq = (name: string) => bigint(name, { mode: 'number' });

export const units = pgTable('units', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	address: text('address').notNull().default(''),
	representative: text('representative').notNull().default('Giám đốc')
});

export const crews = pgTable('crews', {
	id: text('id').primaryKey(),
	unitId: text('unit_id').notNull(),
	name: text('name').notNull()
});

export const users = pgTable('users', {
	id: text('id').primaryKey(),
	username: text('username').notNull(),
	passwordHash: text('password_hash').notNull(),
	fullName: text('full_name').notNull(),
	role: text('role', { enum: ['crew', 'supervisor', 'admin'] }).notNull(),
	unitId: text('unit_id'),
	crewId: text('crew_id'),
	phone: text('phone'),
	createdAt: tstz('created_at').notNull()
});

export const sessions = pgTable('sessions', {
	tokenHash: text('token_hash').primaryKey(),
	userId: text('user_id').notNull(),
	createdAt: tstz('created_at').notNull(),
	expiresAt: tstz('expires_at').notNull()
});

export const customers = pgTable('customers', {
	id: text('id').primaryKey(),
	fullName: text('full_name').notNull(),
	phone: text('phone').notNull(),
	email: text('email'),
	address: text('address').notNull()
});

export const requests = pgTable('requests', {
	id: text('id').primaryKey(),
	code: text('code').notNull(),
	serviceNumber: integer('service_number').notNull(),
	customerId: text('customer_id').notNull(),
	unitId: text('unit_id').notNull(),
	address: text('address').notNull(),
	lat: doublePrecision('lat'),
	lng: doublePrecision('lng'),
	state: text('state').notNull(),
	version: integer('version').notNull(),
	installed: boolean('installed').notNull(),
	receivedAt: tstz('received_at').notNull(),
	deadline: tstz('deadline'),
	updatedAt: tstz('updated_at').notNull(),
	changeSeq: seq('change_seq').notNull(),
	/** lower(code, customer name, phone) for the board's search (trigram index). */
	searchText: text('search_text').notNull().default(''),
	/** The meter a meter check (services 41, 42) is about. */
	meterSerial: text('meter_serial')
});

export const jobs = pgTable('jobs', {
	id: text('id').primaryKey(),
	requestId: text('request_id').notNull(),
	crewId: text('crew_id').notNull(),
	kind: text('kind', { enum: ['survey', 'installation', 'meter_check'] }).notNull(),
	status: text('status', { enum: ['assigned', 'done', 'cancelled'] }).notNull(),
	scheduledAt: tstz('scheduled_at').notNull(),
	notes: text('notes'),
	updatedAt: tstz('updated_at').notNull(),
	changeSeq: seq('change_seq').notNull()
});

export const jobRemovals = pgTable('job_removals', {
	jobId: text('job_id').notNull(),
	crewId: text('crew_id').notNull(),
	changeSeq: seq('change_seq').notNull()
});

export const auditLog = pgTable('audit_log', {
	id: bigserial('id', { mode: 'number' }).primaryKey(),
	requestId: text('request_id').notNull(),
	at: tstz('at').notNull(),
	actorUserId: text('actor_user_id'),
	actorRole: text('actor_role').notNull(),
	transition: text('transition').notNull(),
	fromState: text('from_state'),
	toState: text('to_state').notNull(),
	version: integer('version').notNull(),
	deviceId: text('device_id'),
	lat: doublePrecision('lat'),
	lng: doublePrecision('lng'),
	detail: jsonb('detail')
});

export const devices = pgTable('devices', {
	id: text('id').primaryKey(),
	userId: text('user_id').notNull(),
	lastSeq: seq('last_seq').notNull(),
	firstSeenAt: tstz('first_seen_at').notNull(),
	lastSeenAt: tstz('last_seen_at').notNull()
});

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
	payload: jsonb('payload').notNull()
});

export const surveys = pgTable('surveys', {
	id: text('id').primaryKey(),
	requestId: text('request_id').notNull(),
	jobId: text('job_id').notNull(),
	commandId: text('command_id').notNull(),
	data: jsonb('data').notNull(),
	submittedBy: text('submitted_by').notNull(),
	submittedAt: tstz('submitted_at').notNull()
});

export const estimates = pgTable('estimates', {
	id: text('id').primaryKey(),
	requestId: text('request_id').notNull(),
	jobId: text('job_id').notNull(),
	commandId: text('command_id').notNull(),
	lines: jsonb('lines').notNull(),
	vatPercent: integer('vat_percent').notNull(),
	utilityTotal: seq('utility_total').notNull(),
	customerTotal: seq('customer_total').notNull(),
	total: seq('total').notNull(),
	notes: text('notes').notNull(),
	submittedBy: text('submitted_by').notNull(),
	submittedAt: tstz('submitted_at').notNull()
});

export const blobs = pgTable('blobs', {
	sha256: text('sha256').primaryKey(),
	size: integer('size').notNull(),
	mime: text('mime').notNull(),
	uploadedBy: text('uploaded_by'),
	createdAt: tstz('created_at').notNull()
});

export const notifications = pgTable('notifications', {
	id: text('id').primaryKey(),
	requestId: text('request_id'),
	kind: text('kind').notNull(),
	channel: text('channel', { enum: ['sms', 'email'] }).notNull(),
	recipient: text('recipient').notNull(),
	subject: text('subject'),
	body: text('body').notNull(),
	status: text('status', { enum: ['queued', 'sent', 'failed'] }).notNull(),
	attempts: integer('attempts').notNull(),
	nextAttemptAt: tstz('next_attempt_at').notNull(),
	lastError: text('last_error'),
	createdAt: tstz('created_at').notNull(),
	sentAt: tstz('sent_at')
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
	recordedBy: text('recorded_by')
});

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
	correctionNote: text('correction_note')
});

export const signingCodes = pgTable('signing_codes', {
	id: text('id').primaryKey(),
	requestId: text('request_id').notNull(),
	/** The contract version (on_site, portal) or the meter check job (meter_check) the code confirms. */
	subjectId: text('subject_id').notNull(),
	purpose: text('purpose', { enum: ['on_site', 'portal', 'meter_check'] }).notNull(),
	codeHash: text('code_hash').notNull(),
	expiresAt: tstz('expires_at').notNull(),
	attempts: integer('attempts').notNull(),
	status: text('status', { enum: ['active', 'used', 'locked', 'superseded'] }).notNull(),
	createdAt: tstz('created_at').notNull(),
	usedAt: tstz('used_at')
});

export const portalLinks = pgTable('portal_links', {
	tokenHash: text('token_hash').primaryKey(),
	requestId: text('request_id').notNull(),
	createdAt: tstz('created_at').notNull(),
	expiresAt: tstz('expires_at').notNull()
});

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
	strokes: jsonb('strokes'),
	deviceTime: tstz('device_time'),
	serverTime: tstz('server_time').notNull(),
	lat: doublePrecision('lat'),
	lng: doublePrecision('lng'),
	clientInfo: text('client_info')
});

export const crewPositions = pgTable('crew_positions', {
	id: bigserial('id', { mode: 'number' }).primaryKey(),
	crewId: text('crew_id').notNull(),
	userId: text('user_id'),
	lat: doublePrecision('lat').notNull(),
	lng: doublePrecision('lng').notNull(),
	accuracyM: doublePrecision('accuracy_m'),
	source: text('source', { enum: ['command', 'ping'] }).notNull(),
	recordedAt: tstz('recorded_at').notNull()
});

export const installations = pgTable('installations', {
	id: text('id').primaryKey(),
	requestId: text('request_id').notNull(),
	jobId: text('job_id').notNull(),
	commandId: text('command_id').notNull(),
	data: jsonb('data').notNull(),
	differences: jsonb('differences').notNull(),
	submittedBy: text('submitted_by').notNull(),
	submittedAt: tstz('submitted_at').notNull()
});

export const meters = pgTable('meters', {
	serial: text('serial').primaryKey(),
	customerId: text('customer_id').notNull(),
	unitId: text('unit_id').notNull(),
	phases: integer('phases').notNull(),
	type: text('type', { enum: ['mechanical', 'electronic'] }).notNull(),
	registerDigits: integer('register_digits').notNull(),
	installedAt: tstz('installed_at').notNull(),
	removedAt: tstz('removed_at')
});

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
});

export const readingLinks = pgTable('reading_links', {
	tokenHash: text('token_hash').primaryKey(),
	meterSerial: text('meter_serial').notNull(),
	readingDate: text('reading_date').notNull(),
	createdAt: tstz('created_at').notNull(),
	expiresAt: tstz('expires_at').notNull(),
	usedAt: tstz('used_at')
});

export const requestDocuments = pgTable('request_documents', {
	requestId: text('request_id').notNull(),
	sha256: text('sha256').notNull(),
	attachedBy: text('attached_by'),
	attachedAt: tstz('attached_at').notNull(),
	position: integer('position').notNull().default(0)
});

export const meterChecks = pgTable('meter_checks', {
	id: text('id').primaryKey(),
	requestId: text('request_id').notNull(),
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
	record: jsonb('record').notNull(),
	signerName: text('signer_name').notNull(),
	signaturePng: text('signature_png').notNull(),
	signatureStrokes: jsonb('signature_strokes').notNull(),
	crewId: text('crew_id').notNull(),
	deviceTime: tstz('device_time').notNull(),
	recordedAt: tstz('recorded_at').notNull()
});

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
	requestDocuments
};
