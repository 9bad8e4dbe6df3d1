import type { AppDeps } from '../context';
import type { SigningContext } from './signing';

/** What the signing services need of the app's settings. */
export function signingContext(deps: AppDeps): SigningContext {
	return { runtime: deps, holidays: deps.holidays, codePolicy: deps.codePolicy, publicUrl: deps.publicUrl };
}
