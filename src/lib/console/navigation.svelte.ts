// SvelteKit's navigation as the live helper's gate (./live.ts): busy while a navigation runs, settled when
// `navigating` is empty again. Watched from a root effect, so any console page gets it without a component hook.
import { untrack } from 'svelte';
import { navigating } from '$app/state';
import type { NavigationGate } from './live';

export const sveltekitNavigation: NavigationGate = {
	busy: () => navigating.to !== null,
	whenSettled(settled) {
		let done = false;
		const stop = $effect.root(() => {
			$effect(() => {
				if (navigating.to !== null || done) return;
				done = true;
				untrack(settled);
				queueMicrotask(() => stop());
			});
		});
		return () => {
			done = true;
			stop();
		};
	}
};
