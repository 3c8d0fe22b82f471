import { ImageTooLarge, UnsupportedImageFormat } from '../../src/domain/domain.errors.js';
import { Image } from '../../src/domain/image.js';

const JPEG_START = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const PNG_START = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);

describe('Image', () => {
  it('recognises JPEG and PNG by their leading bytes', () => {
    expect(Image.fromBytes(JPEG_START, 'source', 100).format).toBe('jpeg');
    expect(Image.fromBytes(PNG_START, 'source', 100).format).toBe('png');
  });

  it('rejects bytes of another format with UnsupportedImageFormat naming the field', () => {
    const gif = new TextEncoder().encode('GIF89a....');
    expect(() => Image.fromBytes(gif, 'target', 100)).toThrow(UnsupportedImageFormat);
    expect(() => Image.fromBytes(gif, 'target', 100)).toThrow(/target/);
  });

  it('rejects an image over the byte limit with ImageTooLarge before sniffing it', () => {
    expect(() => Image.fromBytes(JPEG_START, 'source', 5)).toThrow(ImageTooLarge);
  });

  it('rejects an empty or truncated signature', () => {
    expect(() => Image.fromBytes(new Uint8Array(), 'source', 100)).toThrow(UnsupportedImageFormat);
    expect(() => Image.fromBytes(PNG_START.subarray(0, 4), 'source', 100)).toThrow(UnsupportedImageFormat);
  });
});
