export type AvroContainerErrorReason =
  | "not_avro"
  | "truncated"
  | "invalid_header"
  | "invalid_schema"
  | "unsupported_codec"
  | "corrupt_block"
  | "sync_mismatch"
  | "no_records"
  | "record_decode_failed"
  | "record_encode_failed";

/** A file that cannot be read (or written) as an Avro Object Container File. */
export class AvroContainerError extends Error {
  override readonly name = "AvroContainerError";
  readonly reason: AvroContainerErrorReason;
  /** Byte offset in the container where the problem was found, when it is about a position. */
  readonly byteOffset: number | null;

  constructor(reason: AvroContainerErrorReason, message: string, options: { byteOffset?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.byteOffset = options.byteOffset ?? null;
  }
}
