import { DEFAULT_HOLIDAYS } from '../../../src/lib/domain/holidays';
import { DEFAULT_CODE_POLICY } from '../signing-codes';
import type { SigningContext } from '../signing';
import type { FieldContext } from './types';

export function signingContextOf(ctx: FieldContext): SigningContext {
	return {
		runtime: ctx,
		holidays: ctx.holidays ?? DEFAULT_HOLIDAYS,
		codePolicy: ctx.codePolicy ?? DEFAULT_CODE_POLICY,
		publicUrl: ctx.publicUrl ?? 'http://localhost:3000'
	};
}
