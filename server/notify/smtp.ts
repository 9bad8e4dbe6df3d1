// Customer emails through nodemailer's SMTP transport: EHLO, AUTH when a user is configured, one message per
// connection. Plain TCP (no STARTTLS, as before), or implicit TLS when `secure` (port 465); enough for a relay
// inside the utility's network. Text goes base64 in UTF-8 so Vietnamese subjects and bodies survive any relay.
import nodemailer from 'nodemailer';
import type { NotificationRow } from '../db/notifications';
import { DeliveryFailure, type ChannelAdapter } from './channels';

export interface MailAttachment {
	filename: string;
	content: Uint8Array;
	contentType: string;
}

/** Renders what a notice's email carries (the signed contract's PDF) when it is sent, so it is the current one. */
export type AttachmentResolver = (ref: NonNullable<NotificationRow['attachment']>) => Promise<MailAttachment>;

export interface SmtpOptions {
	host: string;
	port: number;
	from: string;
	secure?: boolean;
	user?: string;
	pass?: string;
	timeoutMs?: number;
}

export function smtpAdapter(options: SmtpOptions, resolveAttachment?: AttachmentResolver): ChannelAdapter {
	return {
		async send(message) {
			const attachments: MailAttachment[] = [];
			if (message.attachment) {
				if (!resolveAttachment) throw new DeliveryFailure('Thư cần tệp đính kèm nhưng máy chủ chưa cấu hình cách lập tệp', false);
				attachments.push(await resolveAttachment(message.attachment));
			}
			const messageId = await sendMail(options, message.recipient, message.subject ?? '', message.body, attachments);
			return { providerId: messageId, answer: null };
		}
	};
}

/** RFC 2047 encoded-word as one piece (as the relay has always received it), so Vietnamese subjects survive any relay. */
function encodeHeader(text: string): string {
	return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** nodemailer's failure in the words the notification log keeps (the relay's own reply stays, for the operator). */
function smtpError(error: unknown): Error {
	const failure = error as { code?: string; response?: string; message?: string };
	if (failure.code === 'ETIMEDOUT') return new Error('SMTP: hết thời gian chờ máy chủ thư');
	if (failure.response) return new Error(`SMTP: máy chủ thư từ chối: ${failure.response.slice(0, 200)}`);
	if (failure.code === 'ECONNECTION' || failure.code === 'ESOCKET') return new Error(`SMTP: không kết nối được máy chủ thư (${failure.message ?? failure.code})`);
	return error instanceof Error ? error : new Error(String(error));
}

/** Sends one email; answers the relay's message id. */
export async function sendMail(options: SmtpOptions, to: string, subject: string, body: string, attachments: MailAttachment[] = []): Promise<string | null> {
	const timeout = options.timeoutMs ?? 20_000;
	const transport = nodemailer.createTransport({
		host: options.host,
		port: options.port,
		secure: options.secure ?? false,
		ignoreTLS: !options.secure,
		name: 'hien-truong',
		auth: options.user ? { user: options.user, pass: options.pass ?? '' } : undefined,
		connectionTimeout: timeout,
		greetingTimeout: timeout,
		socketTimeout: timeout
	});
	try {
		const info = await transport.sendMail({
			from: options.from,
			to,
			headers: { Subject: { prepared: true, value: encodeHeader(subject) } },
			text: body,
			textEncoding: 'base64',
			attachments: attachments.map((a) => ({ filename: a.filename, content: Buffer.from(a.content), contentType: a.contentType }))
		});
		return typeof info.messageId === 'string' ? info.messageId : null;
	} catch (error) {
		throw smtpError(error);
	} finally {
		transport.close();
	}
}
