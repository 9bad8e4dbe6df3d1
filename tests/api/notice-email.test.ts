// The email adapter against a local SMTP server: a notice that promises the signed contract carries its PDF.
import { afterEach, describe, expect, it } from 'vitest';
import { fakeSmtp } from '../support/fake-notice-providers';
import type { NotificationRow } from '../../server/db/notifications';
import { smtpAdapter } from '../../server/notify/smtp';

const completed = {
	id: 'tb-1',
	requestId: 'yc-1',
	channel: 'email',
	recipient: 'mai@example.vn',
	subject: 'Hợp đồng đã hoàn tất',
	body: 'Hợp đồng đã ký kèm theo thư này.',
	attachment: { kind: 'contract_pdf', requestId: 'yc-1' }
} as NotificationRow;

describe('email notices with the signed contract', () => {
	let close = () => {};
	afterEach(() => close());

	it('attaches the PDF the notice promises, rendered when it is sent', async () => {
		const smtp = await fakeSmtp();
		close = smtp.close;
		const asked: string[] = [];
		const pdf = new TextEncoder().encode('%PDF-1.7 hop dong da ky');
		const adapter = smtpAdapter({ host: '127.0.0.1', port: smtp.port, from: 'Điện lực <no-reply@dienluc.vn>' }, async (ref) => {
			asked.push(ref.requestId);
			return { filename: 'hop-dong-YC-2026-00777.pdf', content: pdf, contentType: 'application/pdf' };
		});
		const result = await adapter.send(completed);
		expect(asked).toEqual(['yc-1']);
		expect(result).toMatchObject({ providerId: expect.stringContaining('@') });
		const message = smtp.lines.join('\n');
		expect(message).toMatch(/Content-Type: application\/pdf; name=hop-dong-YC-2026-00777\.pdf/);
		expect(message).toContain('Content-Disposition: attachment; filename=hop-dong-YC-2026-00777.pdf');
		expect(message).toContain(Buffer.from(pdf).toString('base64'));
	});

	it('without a way to render the attachment the email waits (a temporary failure), never goes out without it', async () => {
		const smtp = await fakeSmtp();
		close = smtp.close;
		const adapter = smtpAdapter({ host: '127.0.0.1', port: smtp.port, from: 'no-reply@dienluc.vn' });
		await expect(adapter.send(completed)).rejects.toMatchObject({ permanent: false });
		expect(smtp.lines.some((l) => l.startsWith('RCPT'))).toBe(false);
	});
});
