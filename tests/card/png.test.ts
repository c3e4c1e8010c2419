import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../src/card/png.js';

/** An opaque canvas with shapes and text in several colours, as the card draws. */
function painted(width: number, height: number) {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#18191c';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#5865f2';
  ctx.fillRect(10, 10, width / 2, 6);
  ctx.fillStyle = '#ffffff';
  ctx.font = '20px sans-serif';
  ctx.fillText('Ada · 42 points', 12, 40);
  return canvas;
}

describe('the PNG encoder', () => {
  it('writes a PNG that decodes to exactly the pixels it was given', async () => {
    const canvas = painted(321, 77);
    const png = await encodePng(canvas.data(), canvas.width, canvas.height);
    const image = await loadImage(png);
    expect([image.width, image.height]).toEqual([321, 77]);
    const back = createCanvas(image.width, image.height);
    back.getContext('2d').drawImage(image, 0, 0);
    expect(Buffer.compare(Buffer.from(back.data()), Buffer.from(canvas.data()))).toBe(0);
  });

  it('writes the signature and the IHDR, IDAT and IEND chunks, each with a valid CRC', async () => {
    const png = await encodePng(new Uint8Array(4 * 3 * 2).fill(255), 3, 2);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const types: string[] = [];
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      types.push(png.toString('latin1', at + 4, at + 8));
      const { crc32 } = await import('node:zlib');
      expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
      at += 12 + length;
    }
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([3, 2, 8, 6]);
  });

  it('refuses pixels that do not match the size', async () => {
    await expect(encodePng(new Uint8Array(10), 3, 2)).rejects.toThrow(/expected 24 bytes/);
  });
});
