// A photo or document named by its SHA-256 (hex): shared by the field commands, the blob routes and the customers'
// pages, so it lives apart from the field commands' other schemas (the customers' pages load only this).
import { z } from 'zod';
import { m } from '../paraglide/messages.js';

export const SHA256_HEX = /^[0-9a-f]{64}$/;
export const sha256 = z.string().regex(SHA256_HEX, m.common_field_invalidPhotoHash({}, { locale: 'vi' }));
