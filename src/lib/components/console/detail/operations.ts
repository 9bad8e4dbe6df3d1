// The supervisor operations' sections of the request detail (one import for RequestDetailView).
export { default as HandoverSection } from './HandoverSection.svelte';
export { default as OperationsSection } from './OperationsSection.svelte';
