// Online payment settings (README "Online payment"): the utility's account for VietQR transfers and the card / e-wallet
// gateway's URL and keys. In demo mode without a configured gateway, a simulated one is started beside the product.
import { startSimulatedGateway } from './simulated-gateway';

export interface OnlinePaymentConfig {
	/** Where VietQR transfers go; omitted: the page shows no QR code. */
	vietQr?: { bankBin: string; bankName: string; accountNumber: string; accountName: string };
	/** The VNPAY-style gateway; omitted: no card / e-wallet button. */
	gateway?: { url: string; tmnCode: string; hashSecret: string; name: string };
}

type Env = Record<string, string | undefined>;

/** The demo's account (a test account number at a real BIN, so bank apps read the code; transfers are not watched). */
const DEMO_VIETQR = { bankBin: '970436', bankName: 'Vietcombank', accountNumber: '0011004123456', accountName: 'CONG TY DIEN LUC DEMO' };

export function onlinePaymentFromEnv(env: Env): OnlinePaymentConfig {
	const config: OnlinePaymentConfig = {};
	if (env.VIETQR_BANK_BIN && env.VIETQR_ACCOUNT_NUMBER) {
		config.vietQr = {
			bankBin: env.VIETQR_BANK_BIN,
			bankName: env.VIETQR_BANK_NAME || env.VIETQR_BANK_BIN,
			accountNumber: env.VIETQR_ACCOUNT_NUMBER,
			accountName: env.VIETQR_ACCOUNT_NAME || ''
		};
	}
	if (env.VNPAY_URL && env.VNPAY_TMN_CODE && env.VNPAY_HASH_SECRET) {
		config.gateway = { url: env.VNPAY_URL, tmnCode: env.VNPAY_TMN_CODE, hashSecret: env.VNPAY_HASH_SECRET, name: env.VNPAY_NAME || 'VNPAY' };
	}
	return config;
}

/**
 * The configuration the product runs with: the environment's, and in demo mode the demo account and a simulated
 * gateway (started here; `close` stops it) for whatever the environment leaves out.
 */
export async function startOnlinePayment(env: Env, opts: { demo: boolean; host: string; port: number; publicUrl: string }) {
	const config = onlinePaymentFromEnv(env);
	let close = async () => {};
	if (opts.demo) {
		config.vietQr ??= DEMO_VIETQR;
		if (!config.gateway) {
			const tmnCode = 'DEMO0001';
			const hashSecret = env.SIMULATED_GATEWAY_SECRET || 'demo-gateway-secret-not-for-production';
			const local = opts.host === '0.0.0.0' || opts.host === '::' ? new URL(opts.publicUrl).hostname : opts.host;
			const gateway = await startSimulatedGateway({
				tmnCode,
				hashSecret,
				ipnUrl: `http://${local.includes(':') ? `[${local}]` : local}:${opts.port}/api/payments/vnpay/ipn`,
				host: opts.host,
				port: Number(env.SIMULATED_GATEWAY_PORT ?? 0),
				publicHost: local
			});
			console.log(`[start] simulated payment gateway on ${gateway.url}`);
			config.gateway = { url: gateway.url, tmnCode, hashSecret, name: 'VNPAY (mô phỏng)' };
			close = gateway.close;
		}
	}
	return { config, close };
}
