import { afterEach, describe, expect, it } from 'vitest';
import { fakeSmtp } from '../support/fake-notice-providers';
import { sendMail } from '../../server/notify/smtp';

describe('SMTP email adapter', () => {
	let close = () => {};
	afterEach(() => close());

	it('delivers a Vietnamese email with authentication', async () => {
		const smtp = await fakeSmtp();
		close = smtp.close;
		await sendMail({ host: '127.0.0.1', port: smtp.port, from: 'Điện lực <no-reply@dienluc.vn>', user: 'ht', pass: 'bi-mat' }, 'mai@example.vn', 'Thông báo số tiền dịch vụ', 'Số tiền: 1.234.500 đồng');
		expect(smtp.lines).toContain('MAIL FROM:<no-reply@dienluc.vn>');
		expect(smtp.lines).toContain('RCPT TO:<mai@example.vn>');
		expect(smtp.lines.find((l) => l.startsWith('AUTH PLAIN'))).toBe(`AUTH PLAIN ${Buffer.from('\0ht\0bi-mat').toString('base64')}`);
		const subject = smtp.lines.find((l) => l.startsWith('Subject: '))!;
		expect(Buffer.from(/=\?UTF-8\?B\?(.+)\?=/.exec(subject)![1]!, 'base64').toString('utf8')).toBe('Thông báo số tiền dịch vụ');
		const start = smtp.lines.indexOf('') + 1;
		const body = smtp.lines.slice(start, smtp.lines.indexOf('.', start)).join('');
		expect(Buffer.from(body, 'base64').toString('utf8')).toBe('Số tiền: 1.234.500 đồng');
	});

	it('fails with the server reply when the recipient is refused, so the dispatcher retries', async () => {
		const smtp = await fakeSmtp({ rejectRecipient: true });
		close = smtp.close;
		await expect(sendMail({ host: '127.0.0.1', port: smtp.port, from: 'no-reply@dienluc.vn' }, 'sai@example.vn', 'x', 'y')).rejects.toThrow('550');
	});
});
