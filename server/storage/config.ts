// Object storage from the environment (README "Running on several machines"): S3_BUCKET turns it on.
import type { S3BlobConfig } from './blob-store';

/** The S3-compatible store the environment names, or undefined for the disk under DATA_DIR/blobs. */
export function loadS3Config(env: NodeJS.ProcessEnv): S3BlobConfig | undefined {
	const bucket = env.S3_BUCKET?.trim();
	if (!bucket) return undefined;
	const accessKeyId = env.S3_ACCESS_KEY_ID || undefined;
	const secretAccessKey = env.S3_SECRET_ACCESS_KEY || undefined;
	if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) throw new Error('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither to use the machine’s own credentials');
	const endpoint = env.S3_ENDPOINT || undefined;
	if (endpoint && !/^https?:\/\/[^\s/]+/.test(endpoint)) throw new Error(`S3_ENDPOINT must be an http(s) address, got "${endpoint}"`);
	const prefix = env.S3_PREFIX ?? '';
	return {
		bucket,
		endpoint,
		region: env.S3_REGION || 'us-east-1',
		accessKeyId,
		secretAccessKey,
		prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix,
		// MinIO, Ceph and most self-hosted stores want the bucket in the path; AWS accepts both
		forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false' && env.S3_FORCE_PATH_STYLE !== '0'
	};
}
