// What a customer's signature consists of, on the crew's tablet (step 9) or on the portal (step 11):
// the drawn image, the stroke points with their timestamps, the code, and the hash of the text signed.
import { z } from 'zod';
import { SIGNING_CODE_LENGTH } from './signing-code';

export const strokePoint = z.object({ x: z.number(), y: z.number(), time: z.number() });

export const drawnSignature = z
	.object({
		/** PNG data URL exported by signature_pad. */
		imagePng: z
			.string()
			.max(400_000, 'Ảnh chữ ký quá lớn')
			.regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'Ảnh chữ ký không hợp lệ'),
		strokes: z.array(z.array(strokePoint).min(1)).min(1, 'Chưa có chữ ký').max(300),
		signerName: z.string({ error: 'Nhập họ tên người ký' }).trim().min(1, 'Nhập họ tên người ký').max(120)
	})
	.refine((s) => s.strokes.reduce((n, stroke) => n + stroke.length, 0) <= 20_000, { message: 'Chữ ký có quá nhiều điểm', path: ['strokes'] });
export type DrawnSignature = z.infer<typeof drawnSignature>;

export const signingCodeInput = z
	.string({ error: 'Nhập mã ký' })
	.transform((s) => s.replace(/[\s-]/g, ''))
	.pipe(z.string().regex(new RegExp(`^\\d{${SIGNING_CODE_LENGTH}}$`), 'Mã ký gồm đúng 6 chữ số'));

export const portalSignBody = z.object({
	contractSha256: z.string().regex(/^[0-9a-f]{64}$/, 'Mã băm hợp đồng không hợp lệ'),
	code: signingCodeInput,
	signature: drawnSignature
});
export type PortalSignBody = z.infer<typeof portalSignBody>;

export const correctionBody = z.object({
	comment: z.string({ error: 'Nêu nội dung cần chỉnh sửa' }).trim().min(5, 'Nêu nội dung cần chỉnh sửa (ít nhất 5 ký tự)').max(2000)
});
