import { promisify } from 'node:util';
import { deflate, constants } from 'node:zlib';

const deflateAsync = promisify(deflate);

/**
 * Encodes opaque RGBA pixels as a PNG, compressing on libuv's thread pool with Node's zlib.
 *
 * Why not Skia's own `canvas.encode('png')`: it compresses at a fixed, high effort and took about
 * 27 ms for an 800×930 card whatever was drawn on it (bench/card.ts, "blank canvas"), which alone
 * spent the card's 50 ms budget on a busy 2-core machine. A flat dark card needs no adaptive row
 * filters: rows with filter None and deflate level 3 take a few milliseconds and come out smaller.
 * The format is four chunks (PNG spec, ISO/IEC 15948): signature, IHDR, IDAT, IEND.
 */
export async function encodePng(rgba: Uint8Array, width: number, height: number): Promise<Buffer> {
  const stride = width * 4;
  if (rgba.length !== stride * height) throw new Error(`expected ${stride * height} bytes of RGBA, got ${rgba.length}`);
  // Each row starts with its filter type: 0, None.
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const compressed = await deflateAsync(raw, { level: 3, strategy: constants.Z_DEFAULT_STRATEGY });
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  // bytes 10-12: compression 0 (deflate), filter method 0, no interlace
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', compressed), chunk('IEND', Buffer.alloc(0))]);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG's width and height from its header (the IHDR chunk after the signature); undefined for anything else. */
export function pngSize(data: Uint8Array): { width: number; height: number } | undefined {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** CRC-32 (ISO 3309) over the chunk's type and data, as PNG requires. */
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
