// Local fake providers for the notice channels, each speaking its provider's documented shapes: eSMS.vn's
// SendMultipleMessage_V4_post_json (CodeResult, SMSID; a RequestId it has taken is refused as a duplicate) and
// Zalo's OAuth v4 refresh (rotating refresh tokens) and ZNS template send ({ error, message, data.msg_id }).
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

export interface FakeServer {
	url: string;
	close(): Promise<void>;
}

function listen(handler: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void): Promise<FakeServer> {
	const server = http.createServer((req, res) => {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => handler(req, body, res));
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({
				url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
				close: () => new Promise<void>((done) => server.close(() => done()))
			})
		)
	);
}

const sendJson = (res: http.ServerResponse, status: number, value: unknown) => {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(value));
};

/** What the fake eSMS does with the next request: answer a code, or take the message and drop the connection. */
export type EsmsScript = { codeResult: string; errorMessage?: string } | { dropAfterAccepting: true };

export async function fakeEsms() {
	const requests: Record<string, string>[] = [];
	/** messages that reached a phone: one per accepted RequestId */
	const delivered: { requestId: string; phone: string; content: string; smsId: string }[] = [];
	const script: EsmsScript[] = [];
	let nextSmsId = 9000;
	const server = await listen((req, raw, res) => {
		const body = JSON.parse(raw) as Record<string, string>;
		requests.push(body);
		const step = script.shift() ?? { codeResult: '100' };
		if ('codeResult' in step && step.codeResult !== '100') return sendJson(res, 200, { CodeResult: step.codeResult, ErrorMessage: step.errorMessage ?? '' });
		if (body.RequestId && delivered.some((d) => d.requestId === body.RequestId)) {
			return sendJson(res, 200, { CodeResult: '124', ErrorMessage: 'RequestId da ton tai' });
		}
		const smsId = `esms-${nextSmsId++}`;
		delivered.push({ requestId: body.RequestId ?? '', phone: body.Phone ?? '', content: body.Content ?? '', smsId });
		if ('dropAfterAccepting' in step) return req.socket.destroy();
		sendJson(res, 200, { CodeResult: '100', CountRegenerate: 0, SMSID: smsId });
	});
	return { ...server, requests, delivered, script };
}

export type ZnsScript = { error: number; message: string };

export async function fakeZalo(opts: { appId: string; appSecret: string; firstRefreshToken: string; expiresInSeconds?: number }) {
	let validRefresh = opts.firstRefreshToken;
	let issued = 0;
	const validAccess = new Set<string>();
	const refreshes: { refreshToken: string; secretKey: string | undefined }[] = [];
	const sends: { accessToken: string | undefined; body: Record<string, unknown> }[] = [];
	const script: ZnsScript[] = [];
	const server = await listen((req, raw, res) => {
		if (req.url?.startsWith('/oauth')) {
			const form = new URLSearchParams(raw);
			refreshes.push({ refreshToken: form.get('refresh_token') ?? '', secretKey: req.headers.secret_key as string | undefined });
			if (req.headers.secret_key !== opts.appSecret || form.get('app_id') !== opts.appId || form.get('grant_type') !== 'refresh_token') {
				return sendJson(res, 200, { error: -14002, error_name: 'Invalid app', error_description: 'app id or secret key is invalid' });
			}
			if (form.get('refresh_token') !== validRefresh) return sendJson(res, 200, { error: -14014, error_name: 'Invalid refresh token' });
			issued++;
			const access = `access-${issued}`;
			validRefresh = `refresh-${issued}`;
			validAccess.add(access);
			return sendJson(res, 200, { access_token: access, refresh_token: validRefresh, expires_in: String(opts.expiresInSeconds ?? 90_000) });
		}
		const body = JSON.parse(raw) as Record<string, unknown>;
		const accessToken = req.headers.access_token as string | undefined;
		sends.push({ accessToken, body });
		if (!accessToken || !validAccess.has(accessToken)) return sendJson(res, 200, { error: -124, message: 'Access token is invalid' });
		const step = script.shift();
		if (step) return sendJson(res, 200, step);
		sendJson(res, 200, { error: 0, message: 'Success', data: { msg_id: `zns-${sends.length}`, sent_time: '1796421012089', quota: { dailyQuota: '500', remainingQuota: '499' } } });
	});
	return {
		...server,
		oauthUrl: `${server.url}/oauth/v4/oa/access_token`,
		znsUrl: `${server.url}/message/template`,
		refreshes,
		sends,
		script,
		/** Zalo revokes every access token it issued (as when the OA's authorisation is renewed) */
		revokeAccessTokens: () => validAccess.clear()
	};
}

/**
 * A scripted SMTP relay that records every line the client says (EHLO offers AUTH PLAIN; a client without a user
 * simply does not use it). `rejectRecipient`: RCPT is refused for good (550).
 */
export function fakeSmtp(opts: { rejectRecipient?: boolean } = {}) {
	const lines: string[] = [];
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
				lines.push(line);
				if (inData) {
					if (line === '.') {
						inData = false;
						socket.write('250 2.0.0 Ok: queued as 4F2A1\r\n');
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
	return new Promise<{ port: number; lines: string[]; close: () => void }>((resolve) =>
		server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, lines, close: () => server.close() }))
	);
}
