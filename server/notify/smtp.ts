// A minimal SMTP client for customer emails: EHLO, optional AUTH PLAIN, one message per connection.
// Plain TCP, or implicit TLS when `secure` (port 465); enough for a relay inside the utility's network.
import net from 'node:net';
import tls from 'node:tls';
import type { ChannelAdapter } from './dispatcher';

export interface SmtpOptions {
	host: string;
	port: number;
	from: string;
	secure?: boolean;
	user?: string;
	pass?: string;
	timeoutMs?: number;
}

/** RFC 2047 encoded-word, so Vietnamese subjects survive any relay. */
function encodeHeader(text: string): string {
	return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** Body lines starting with a dot are doubled (RFC 5321 transparency); base64 keeps UTF-8 intact. */
export function buildMessage(from: string, to: string, subject: string, body: string, date: Date): string {
	const encoded = Buffer.from(body, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
	return [
		`From: ${from}`,
		`To: ${to}`,
		`Subject: ${encodeHeader(subject)}`,
		`Date: ${date.toUTCString()}`,
		'MIME-Version: 1.0',
		'Content-Type: text/plain; charset=UTF-8',
		'Content-Transfer-Encoding: base64',
		'',
		encoded
	].join('\r\n');
}

export function smtpAdapter(options: SmtpOptions): ChannelAdapter {
	return {
		async send(message) {
			await sendMail(options, message.recipient, message.subject ?? '', message.body);
		}
	};
}

export async function sendMail(options: SmtpOptions, to: string, subject: string, body: string): Promise<void> {
	const socket = options.secure
		? tls.connect({ host: options.host, port: options.port, servername: options.host })
		: net.connect({ host: options.host, port: options.port });
	socket.setTimeout(options.timeoutMs ?? 20_000, () => socket.destroy(new Error('SMTP: hết thời gian chờ máy chủ thư')));
	const replies = replyReader(socket);
	try {
		await expectReply(replies, 220);
		await command(socket, replies, `EHLO hien-truong`, 250);
		if (options.user) {
			const token = Buffer.from(`\0${options.user}\0${options.pass ?? ''}`).toString('base64');
			await command(socket, replies, `AUTH PLAIN ${token}`, 235);
		}
		await command(socket, replies, `MAIL FROM:<${address(options.from)}>`, 250);
		await command(socket, replies, `RCPT TO:<${address(to)}>`, 250);
		await command(socket, replies, 'DATA', 354);
		const data = buildMessage(options.from, to, subject, body, new Date());
		await command(socket, replies, `${data.replace(/^\./gm, '..')}\r\n.`, 250);
		socket.write('QUIT\r\n');
	} finally {
		socket.end();
	}
}

function address(mailbox: string): string {
	return /<([^>]+)>/.exec(mailbox)?.[1] ?? mailbox;
}

type ReplyQueue = () => Promise<{ code: number; text: string }>;

/** Yields complete SMTP replies (multi-line ones joined). */
function replyReader(socket: net.Socket): ReplyQueue {
	let buffer = '';
	const ready: { code: number; text: string }[] = [];
	const waiting: { resolve: (r: { code: number; text: string }) => void; reject: (e: Error) => void }[] = [];
	let failure: Error | null = null;
	let lines: string[] = [];
	socket.on('data', (chunk) => {
		buffer += chunk.toString('utf8');
		let index;
		while ((index = buffer.indexOf('\r\n')) >= 0) {
			const line = buffer.slice(0, index);
			buffer = buffer.slice(index + 2);
			lines.push(line);
			if (line[3] !== '-') {
				const reply = { code: Number(line.slice(0, 3)), text: lines.join('\n') };
				lines = [];
				const waiter = waiting.shift();
				if (waiter) waiter.resolve(reply);
				else ready.push(reply);
			}
		}
	});
	const fail = (error: Error) => {
		failure = error;
		for (const w of waiting.splice(0)) w.reject(error);
	};
	socket.on('error', fail);
	socket.on('close', () => fail(new Error('SMTP: máy chủ thư đã đóng kết nối')));
	return () => {
		const next = ready.shift();
		if (next) return Promise.resolve(next);
		if (failure) return Promise.reject(failure);
		return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
	};
}

async function expectReply(replies: ReplyQueue, code: number) {
	const reply = await replies();
	if (reply.code !== code) throw new Error(`SMTP: mong ${code}, nhận ${reply.text.slice(0, 200)}`);
}

async function command(socket: net.Socket, replies: ReplyQueue, line: string, code: number) {
	socket.write(`${line}\r\n`);
	await expectReply(replies, code);
}
