/**
 * The object store on any S3-compatible service (AWS S3, MinIO, Ceph, R2; tested against s3rver).
 * PutObject replaces an object atomically, so no temporary keys are needed. Request checksums are sent only
 * when an operation requires them: the SDK's default (aws-chunked CRC32 trailers) is not understood by many
 * S3-compatible servers. `localPath` downloads into a cache folder named after the object's ETag.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObjectBody, ObjectInfo, ObjectStore, ObjectStoreConfig, PutResult } from './index.ts';
import { notFoundError, validateKey, validatePrefix } from './keys.ts';
import { hashingStream } from './local.ts';

type S3Config = Extract<ObjectStoreConfig, { kind: 's3' }>;

const isNotFound = (err: unknown): boolean => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

export class S3ObjectStore implements ObjectStore {
  readonly kind = 's3' as const;
  readonly location: string;
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly cacheDir: string;

  constructor(config: S3Config) {
    this.bucket = config.bucket;
    this.prefix = config.prefix === '' || config.prefix.endsWith('/') ? config.prefix : `${config.prefix}/`;
    if (this.prefix) validatePrefix(this.prefix);
    this.cacheDir = config.cacheDir;
    this.location = `s3://${config.bucket}/${this.prefix}`;
    this.client = new S3Client({
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.credentials ? { credentials: config.credentials } : {}),
    });
  }

  private full(key: string): string {
    return this.prefix + validateKey(key);
  }

  async put(key: string, body: ObjectBody): Promise<PutResult> {
    const Key = this.full(key);
    if (!(body instanceof Readable)) {
      const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key, Body: bytes }));
      return { key, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    }
    // A stream of unknown length: spool it to disk (hashing on the way) so the upload has a length.
    const spool = join(this.cacheDir, '.uploads', `${String(process.pid)}-${randomBytes(6).toString('hex')}`);
    await mkdir(dirname(spool), { recursive: true });
    try {
      const hashing = hashingStream();
      await pipeline(body, hashing.stream, createWriteStream(spool));
      const result = hashing.result();
      await this.upload(Key, spool, result.bytes);
      return { key, ...result };
    } finally {
      await rm(spool, { force: true });
    }
  }

  async putFile(key: string, path: string): Promise<PutResult> {
    const Key = this.full(key);
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    const result = { bytes, sha256: hash.digest('hex') };
    await this.upload(Key, path, result.bytes);
    return { key, ...result };
  }

  private async upload(Key: string, path: string, length: number): Promise<void> {
    const Body = createReadStream(path);
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key, Body, ContentLength: length }));
    } finally {
      Body.destroy();
    }
  }

  async get(key: string): Promise<Uint8Array> {
    const body = await this.getStream(key);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async getStream(key: string): Promise<Readable> {
    return (await this.open(key)).body;
  }

  private async open(key: string, ifMatch?: string): Promise<{ body: Readable; etag: string }> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.full(key), IfMatch: ifMatch }),
      );
      return { body: out.Body as Readable, etag: out.ETag ?? '' };
    } catch (err) {
      if (isNotFound(err)) throw notFoundError(key);
      throw err;
    }
  }

  async stat(key: string): Promise<ObjectInfo | undefined> {
    return (await this.head(key))?.info;
  }

  private async head(key: string): Promise<{ info: ObjectInfo; etag: string } | undefined> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.full(key) }));
      return { info: { key, bytes: out.ContentLength ?? 0 }, etag: out.ETag ?? '' };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== undefined;
  }

  async list(prefix: string): Promise<string[]> {
    validatePrefix(prefix);
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const out = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.prefix + prefix,
          ContinuationToken: token,
        }),
      );
      for (const item of out.Contents ?? []) if (item.Key) keys.push(item.Key.slice(this.prefix.length));
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.full(key) }));
  }

  async localPath(key: string): Promise<string> {
    const head = await this.head(key);
    if (!head) throw notFoundError(key);
    const version = createHash('sha256').update(head.etag).digest('hex').slice(0, 16);
    const target = join(this.cacheDir, version, ...validateKey(key).split('/'));
    const cached = await stat(target).catch(() => undefined);
    if (cached?.size === head.info.bytes) return target;
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.tmp-${String(process.pid)}-${randomBytes(6).toString('hex')}`;
    try {
      await pipeline((await this.open(key, head.etag)).body, createWriteStream(temporary));
      await rename(temporary, target);
    } finally {
      await rm(temporary, { force: true });
    }
    return target;
  }

  /** Closes the HTTP connections (sockets keep a process alive otherwise). */
  close(): void {
    this.client.destroy();
  }
}
