// s3rver ships no types: the part the object-storage tests use.
declare module 's3rver' {
	import { EventEmitter } from 'node:events';
	interface S3rverOptions {
		address?: string;
		port?: number;
		silent?: boolean;
		directory: string;
		configureBuckets?: Array<{ name: string; configs: unknown[] }>;
	}
	export default class S3rver extends EventEmitter {
		constructor(options: S3rverOptions);
		run(): Promise<{ address: string; port: number }>;
		close(): Promise<void>;
	}
}
