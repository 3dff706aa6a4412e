import { deflateSync } from 'node:zlib';

// 5×7 bitmap digits: enough to draw a readable captcha without an image library.
const GLYPHS: Record<string, string[]> = {
  '0': ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  '1': ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  '2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  '3': ['11111', '00010', '00100', '00010', '00001', '10001', '01110'],
  '4': ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  '5': ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  '6': ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  '7': ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  '8': ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  '9': ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A grayscale PNG of the code, with a little deterministic noise so it looks like a captcha. */
export function captchaPng(code: string, scale = 6): Buffer {
  const pad = 2 * scale;
  const glyphW = 5 * scale;
  const gap = 2 * scale;
  const width = pad * 2 + code.length * glyphW + (code.length - 1) * gap;
  const height = pad * 2 + 7 * scale;
  const pixels = Buffer.alloc(width * height, 0xf4);
  let seed = [...code].reduce((a, ch) => a * 31 + ch.charCodeAt(0), 7);
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;

  [...code].forEach((ch, i) => {
    const glyph = GLYPHS[ch] ?? GLYPHS['0']!;
    const x0 = pad + i * (glyphW + gap);
    const y0 = pad + Math.round((rand() - 0.5) * scale * 2);
    glyph.forEach((row, gy) =>
      [...row].forEach((bit, gx) => {
        if (bit !== '1') return;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const y = y0 + gy * scale + dy;
            const x = x0 + gx * scale + dx;
            if (y >= 0 && y < height) pixels[y * width + x] = 0x20;
          }
        }
      }),
    );
  });
  for (let n = 0; n < width * 2; n++) pixels[Math.floor(rand() * pixels.length)] = 0x80;

  // Each scanline starts with filter type 0 (none).
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++)
    pixels.copy(raw, y * (width + 1) + 1, y * width, (y + 1) * width);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// DTMF pairs: the audio captcha "says" each digit as its telephone tone.
const DTMF: Record<string, [number, number]> = {
  '1': [697, 1209],
  '2': [697, 1336],
  '3': [697, 1477],
  '4': [770, 1209],
  '5': [770, 1336],
  '6': [770, 1477],
  '7': [852, 1209],
  '8': [852, 1336],
  '9': [852, 1477],
  '0': [941, 1336],
};

/** A 16-bit mono 8 kHz WAV: one DTMF tone per digit, separated by silence. */
export function captchaWav(code: string, sampleRate = 8000): Buffer {
  const tone = Math.round(sampleRate * 0.25);
  const silence = Math.round(sampleRate * 0.15);
  const samples: number[] = [];
  for (const ch of code) {
    const [lo, hi] = DTMF[ch] ?? DTMF['0']!;
    for (let i = 0; i < tone; i++) {
      const t = i / sampleRate;
      samples.push(
        Math.round(8000 * (Math.sin(2 * Math.PI * lo * t) + Math.sin(2 * Math.PI * hi * t))),
      );
    }
    for (let i = 0; i < silence; i++) samples.push(0);
  }
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(s, i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // PCM chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
