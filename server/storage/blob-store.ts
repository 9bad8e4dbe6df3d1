// Where photo and document bytes live, behind one interface: the local disk (the embedded default) or an S3-compatible
// object store (MinIO, Ceph, a cloud), so several API processes on several machines see the same photos.
// Keys are content addresses (<first two hex>/<sha256>), so a write never overwrites different bytes.
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { blobFileExists, readBlobFile, writeBlobFile } from './blob-files';

export interface BlobStore {
	/** 'disk' or 's3', for logs and the health answer. */
	readonly kind: 'disk' | 's3';
	put(sha256: string, bytes: Uint8Array, mime: string): Promise<void>;
	/** The bytes, or undefined when nothing is stored under that hash. */
	get(sha256: string): Promise<Buffer | undefined>;
	has(sha256: string): Promise<boolean>;
}

export function diskBlobStore(blobDir: string): BlobStore {
	return {
		kind: 'disk',
		put: (sha256, bytes) => writeBlobFile(blobDir, sha256, bytes),
		get: (sha256) => readBlobFile(blobDir, sha256),
		has: (sha256) => blobFileExists(blobDir, sha256)
	};
}

export interface S3BlobConfig {
	/** e.g. http://minio:9000; omitted: the AWS endpoint of the region. */
	endpoint?: string;
	region: string;
	bucket: string;
	accessKeyId?: string;
	secretAccessKey?: string;
	/** Keys under this prefix (e.g. "hien-truong/"); '' for the bucket's root. */
	prefix: string;
	/** bucket in the path (MinIO, Ceph, s3rver) rather than in the host name. */
	forcePathStyle: boolean;
}

const objectKey = (config: S3BlobConfig, sha256: string) => `${config.prefix}${sha256.slice(0, 2)}/${sha256}`;
const isMissing = (error: unknown) => {
	const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
	return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
};

export function s3BlobStore(config: S3BlobConfig): BlobStore {
	const client = new S3Client({
		region: config.region,
		endpoint: config.endpoint,
		forcePathStyle: config.forcePathStyle,
		credentials: config.accessKeyId && config.secretAccessKey ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } : undefined,
		// S3-compatible servers (MinIO, Ceph, s3rver) do not all know the SDK's newer default checksums: only when required
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED'
	});
	return {
		kind: 's3',
		async put(sha256, bytes, mime) {
			await client.send(new PutObjectCommand({ Bucket: config.bucket, Key: objectKey(config, sha256), Body: bytes, ContentLength: bytes.length, ContentType: mime }));
		},
		async get(sha256) {
			try {
				const answer = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: objectKey(config, sha256) }));
				return answer.Body ? Buffer.from(await answer.Body.transformToByteArray()) : undefined;
			} catch (error) {
				if (isMissing(error)) return undefined;
				throw error;
			}
		},
		async has(sha256) {
			try {
				await client.send(new HeadObjectCommand({ Bucket: config.bucket, Key: objectKey(config, sha256) }));
				return true;
			} catch (error) {
				if (isMissing(error)) return false;
				throw error;
			}
		}
	};
}

/** The store of a running app: the configured one, else the disk under its blob directory. */
export function blobStoreOf(deps: { blobDir: string; blobStore?: BlobStore }): BlobStore {
	return deps.blobStore ?? diskBlobStore(deps.blobDir);
}
