/**
 * A zip archive written to a file as it is produced, for the .xlsx writer (xlsx-direct-write.ts).
 *
 * Entries are deflated (raw deflate, node:zlib) and written in order; a large entry is deflated as a
 * stream of text chunks on libuv's thread pool while the caller renders the next chunks, so its text
 * is never held whole. Its CRC-32 and sizes are only known at the end, so its local header is written
 * with zeros and patched in place once the entry is done (rather than a trailing data descriptor,
 * which some readers of local headers do not follow).
 *
 * Every entry carries the same DOS date and time, taken from the caller's stamp, and no extra fields:
 * identical entries give a byte-identical archive. No Zip64: an entry or archive past 4 GB is an error
 * (an .xlsx that large would not open in Excel anyway).
 */
import { once } from "node:events";
import { promises as fs } from "node:fs";
import * as zlib from "node:zlib";

const LIMIT = 0xffffffff;
/** Deflated bytes gathered before they are written to the file. */
const FLUSH_BYTES = 1 << 20;

interface Entry {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/** DOS date and time (ZIP APPNOTE 4.4.6) of a moment, read in UTC; clamped to the format's 1980-2107. */
function dosDateTime(stamp: Date): { date: number; time: number } {
  const year = stamp.getUTCFullYear();
  if (year < 1980) return { date: (1 << 5) | 1, time: 0 };
  if (year > 2107) return { date: (127 << 9) | (12 << 5) | 31, time: (23 << 11) | (59 << 5) | 29 };
  return {
    date: ((year - 1980) << 9) | ((stamp.getUTCMonth() + 1) << 5) | stamp.getUTCDate(),
    time: (stamp.getUTCHours() << 11) | (stamp.getUTCMinutes() << 5) | (stamp.getUTCSeconds() >> 1),
  };
}

function tooLarge(name: string): Error {
  return new Error(`cannot write ${name}: the .xlsx would pass 4 GB, which needs Zip64 (not supported)`);
}

export class ZipWriter {
  private readonly entries: Entry[] = [];
  /** Bytes of the archive so far, written or waiting in `pending`. */
  private offset = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly date: number;
  private readonly time: number;

  private constructor(
    private readonly file: string,
    private readonly fh: fs.FileHandle,
    stamp: Date,
    private readonly level: number,
  ) {
    ({ date: this.date, time: this.time } = dosDateTime(stamp));
  }

  /**
   * Creates (or truncates) the file. `level` is zlib's: 1 deflates the repetitive sheet XML almost as
   * small as the default 6, several times faster.
   */
  static async create(file: string, stamp: Date, level = 1): Promise<ZipWriter> {
    return new ZipWriter(file, await fs.open(file, "w"), stamp, level);
  }

  private queue(b: Buffer): void {
    this.pending.push(b);
    this.pendingBytes += b.length;
    this.offset += b.length;
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const bufs = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    await this.fh.writev(bufs);
  }

  /**
   * The fields a local header (from byte 4) and its central directory record (from byte 6) share,
   * in the same order: version needed 2.0 (deflate), flags 0, method 8 (deflate), DOS time and
   * date, CRC-32, compressed and uncompressed sizes, name length.
   */
  private commonFields(h: Buffer, at: number, e: Entry): void {
    h.writeUInt16LE(20, at);
    h.writeUInt16LE(0, at + 2);
    h.writeUInt16LE(8, at + 4);
    h.writeUInt16LE(this.time, at + 6);
    h.writeUInt16LE(this.date, at + 8);
    h.writeUInt32LE(e.crc, at + 10);
    h.writeUInt32LE(e.compressed, at + 14);
    h.writeUInt32LE(e.size, at + 18);
    h.writeUInt16LE(e.name.length, at + 22);
  }

  private localHeader(e: Entry): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    this.commonFields(h, 4, e);
    h.writeUInt16LE(0, 28); // extra field length
    return h;
  }

  private begin(name: string): Entry {
    if (this.offset > LIMIT) throw tooLarge(name);
    const e: Entry = { name: Buffer.from(name, "utf8"), offset: this.offset, crc: 0, compressed: 0, size: 0 };
    this.entries.push(e);
    return e;
  }

  /** A small entry, deflated at once (written to the file with the next large entry, or on close). */
  add(name: string, text: string): void {
    const e = this.begin(name);
    const data = Buffer.from(text, "utf8");
    if (data.length > LIMIT) throw tooLarge(name);
    const packed = zlib.deflateRawSync(data, { level: this.level });
    e.crc = zlib.crc32(data);
    e.size = data.length;
    e.compressed = packed.length;
    this.queue(this.localHeader(e));
    this.queue(e.name);
    this.queue(packed);
  }

  /**
   * A large entry from chunks of text, deflated as they come: the caller's generator is resumed only
   * after each chunk has been handed to the deflate stream and the event loop has turned (so that the
   * stream starts on it while the next one is rendered), or once the stream has room again.
   */
  async addStream(name: string, chunks: Iterable<string>): Promise<void> {
    const e = this.begin(name);
    const header = this.offset;
    this.queue(this.localHeader(e));
    this.queue(e.name);
    // Output buffers as large as the input chunks, and room for a few chunks waiting: every buffer
    // handed back, and every next chunk started, needs a turn of this thread's event loop.
    const options: zlib.ZlibOptions & { writableHighWaterMark: number } = {
      level: this.level,
      chunkSize: 1 << 18,
      writableHighWaterMark: 1 << 20, // passed on to the stream (node's zlib gives its options to Transform)
    };
    const deflate = zlib.createDeflateRaw(options);
    deflate.on("data", (c: Buffer) => {
      e.compressed += c.length;
      this.queue(c);
    });
    const ended = once(deflate, "end");
    try {
      for (const chunk of chunks) {
        const data = Buffer.from(chunk, "utf8");
        e.crc = zlib.crc32(data, e.crc);
        e.size += data.length;
        if (e.size > LIMIT) throw tooLarge(name);
        if (!deflate.write(data)) await once(deflate, "drain");
        else await new Promise<void>((resolve) => setImmediate(resolve));
        if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
      }
      deflate.end();
      await ended;
    } catch (err) {
      ended.catch(() => undefined);
      deflate.destroy();
      throw err;
    }
    if (e.compressed > LIMIT) throw tooLarge(name);
    await this.flush();
    const patch = Buffer.alloc(12);
    patch.writeUInt32LE(e.crc, 0);
    patch.writeUInt32LE(e.compressed, 4);
    patch.writeUInt32LE(e.size, 8);
    await this.fh.write(patch, 0, 12, header + 14);
  }

  /** Writes the central directory and closes the file. */
  async close(): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0 (no Unix mode bits, so nothing depends on the umask)
      this.commonFields(h, 6, e);
      // extra, comment, disk number, internal and external attributes: all 0
      h.writeUInt32LE(e.offset, 42);
      this.queue(h);
      this.queue(e.name);
    }
    if (this.offset > LIMIT) throw tooLarge("the central directory");
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.queue(end);
    await this.flush();
    await this.fh.close();
  }

  /** After a failure: closes the file and removes what was written of it. */
  async abort(): Promise<void> {
    await this.fh.close().catch(() => undefined);
    await fs.rm(this.file, { force: true });
  }
}
