import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendMail } from '../../server/notify/smtp';

/** A scripted SMTP server that records what the client says. */
function fakeSmtpServer(opts: { rejectRecipient?: boolean } = {}) {
	const received: string[] = [];
	const server = net.createServer((socket) => {
		socket.write('220 relay.dienluc.local ESMTP\r\n');
		let inData = false;
		let buffer = '';
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			let index;
			while ((index = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, index);
				buffer = buffer.slice(index + 2);
				received.push(line);
				if (inData) {
					if (line === '.') {
						inData = false;
						socket.write('250 2.0.0 queued\r\n');
					}
					continue;
				}
				if (line.startsWith('EHLO')) socket.write('250-relay.dienluc.local\r\n250 AUTH PLAIN\r\n');
				else if (line.startsWith('AUTH')) socket.write('235 ok\r\n');
				else if (line.startsWith('MAIL')) socket.write('250 ok\r\n');
				else if (line.startsWith('RCPT')) socket.write(opts.rejectRecipient ? '550 no such user\r\n' : '250 ok\r\n');
				else if (line === 'DATA') {
					inData = true;
					socket.write('354 go ahead\r\n');
				} else if (line === 'QUIT') socket.end('221 bye\r\n');
			}
		});
	});
	return new Promise<{ port: number; received: string[]; close: () => void }>((resolve) =>
		server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, received, close: () => server.close() }))
	);
}

describe('SMTP email adapter', () => {
	let close = () => {};
	afterEach(() => close());

	it('delivers a Vietnamese email with authentication', async () => {
		const smtp = await fakeSmtpServer();
		close = smtp.close;
		await sendMail({ host: '127.0.0.1', port: smtp.port, from: 'Điện lực <no-reply@dienluc.vn>', user: 'ht', pass: 'bi-mat' }, 'mai@example.vn', 'Thông báo số tiền dịch vụ', 'Số tiền: 1.234.500 đồng');
		expect(smtp.received).toContain('MAIL FROM:<no-reply@dienluc.vn>');
		expect(smtp.received).toContain('RCPT TO:<mai@example.vn>');
		expect(smtp.received.find((l) => l.startsWith('AUTH PLAIN'))).toBe(`AUTH PLAIN ${Buffer.from('\0ht\0bi-mat').toString('base64')}`);
		const subject = smtp.received.find((l) => l.startsWith('Subject: '))!;
		expect(Buffer.from(/=\?UTF-8\?B\?(.+)\?=/.exec(subject)![1]!, 'base64').toString('utf8')).toBe('Thông báo số tiền dịch vụ');
		const start = smtp.received.indexOf('') + 1;
		const body = smtp.received.slice(start, smtp.received.indexOf('.', start)).join('');
		expect(Buffer.from(body, 'base64').toString('utf8')).toBe('Số tiền: 1.234.500 đồng');
	});

	it('fails with the server reply when the recipient is refused, so the dispatcher retries', async () => {
		const smtp = await fakeSmtpServer({ rejectRecipient: true });
		close = smtp.close;
		await expect(sendMail({ host: '127.0.0.1', port: smtp.port, from: 'no-reply@dienluc.vn' }, 'sai@example.vn', 'x', 'y')).rejects.toThrow('550');
	});
});
