import { InvalidNovelTextError } from '@storyboard/domain';
import { decodeUtf8 } from './utf8';

export interface DecodedText {
  text: string;
  /** WHATWG name of the encoding the bytes were read as, e.g. `utf-8`, `gb18030`, `utf-16le`. */
  encoding: string;
}

/** jschardet names → names TextDecoder accepts. jschardet says `UTF-8-SIG`, `utf-16-le`, `UTF-16`,
 * which TextDecoder refuses. */
const DETECTOR_NAMES: Readonly<Record<string, string>> = {
  'utf-8': 'utf-8',
  'utf-8-sig': 'utf-8',
  ascii: 'utf-8',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16-le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'utf-16-be': 'utf-16be',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  gb18030: 'gb18030',
  big5: 'big5',
  'euc-tw': 'big5',
  'windows-1252': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'iso-8859-2': 'iso-8859-2',
  'iso-8859-5': 'iso-8859-5',
  'iso-8859-7': 'iso-8859-7',
  'windows-1253': 'windows-1253',
  'iso-8859-8': 'iso-8859-8',
  'windows-1255': 'windows-1255',
  'koi8-r': 'koi8-r',
  maccyrillic: 'x-mac-cyrillic',
  ibm866: 'ibm866',
  shift_jis: 'shift_jis',
  'euc-jp': 'euc-jp',
  'iso-2022-jp': 'iso-2022-jp',
  'euc-kr': 'euc-kr',
  'tis-620': 'windows-874',
};

const DETECT_WINDOW = 64 * 1024;

type Detect = (input: string | Uint8Array) => { encoding: string | null; confidence: number };
let detector: Promise<Detect> | undefined;

/** jschardet costs 200–370 ms and ~50 MB on first use: load it only for non-UTF-8 input. */
function loadDetector(): Promise<Detect> {
  detector ??= import('jschardet').then((mod) => {
    const m = mod as unknown as { detect?: Detect; default?: { detect: Detect } };
    const detect = m.detect ?? m.default?.detect;
    if (!detect) throw new Error('jschardet exposes no detect function');
    return detect;
  });
  return detector;
}

/** Decodes uploaded bytes: BOM → strict UTF-8 → jschardet on the first 64 KB → TextDecoder.
 * Throws `InvalidNovelTextError` for empty or binary input. */
export async function decodeBytes(bytes: Uint8Array): Promise<DecodedText> {
  if (bytes.length === 0) {
    throw new InvalidNovelTextError('The file is empty: send a plain-text novel.');
  }
  const bom = fromBom(bytes);
  if (bom)
    return checkText({
      text: decodeWith(bom.encoding, bytes.subarray(bom.length)),
      encoding: bom.encoding,
    });
  if (looksBinary(bytes)) {
    throw new InvalidNovelTextError(
      'The file looks binary (an image, archive or document), not plain text: save the novel as a .txt file and send that instead.',
    );
  }
  const utf16 = sniffUtf16(bytes);
  if (utf16) return checkText({ text: decodeWith(utf16, bytes), encoding: utf16 });
  try {
    return checkText({
      text: decodeUtf8(bytes, true),
      encoding: 'utf-8',
    });
  } catch (err) {
    if (err instanceof InvalidNovelTextError) throw err;
    // Not valid UTF-8: ask the detector below.
  }
  const detect = await loadDetector();
  const window = bytes.subarray(0, DETECT_WINDOW);
  const guess = detect(window);
  const name = guess.encoding ? DETECTOR_NAMES[guess.encoding.toLowerCase()] : undefined;
  const encoding = name ?? 'utf-8';
  return checkText({ text: decodeWith(encoding, bytes), encoding: name ? encoding : 'utf-8' });
}

function fromBom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  const [a, b, c] = [bytes[0], bytes[1], bytes[2]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** BOM-less UTF-16 shows a NUL in every other byte for Latin text: catch it before the
 * binary check, which would otherwise refuse it for its NULs. */
function sniffUtf16(bytes: Uint8Array): string | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Binary if the first 8 KB hold NUL bytes or many C0 control bytes (text uses only tab, LF, CR,
 * FF and ESC). Also catches common magic numbers (PNG, PDF, ZIP, GIF, JPEG). */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) return true; // PNG
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return true; // %PDF
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return true; // ZIP, DOCX, EPUB
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return true; // GIF
  if (startsWith(head, [0xff, 0xd8, 0xff])) return true; // JPEG
  let controls = 0;
  for (const byte of head) {
    if (byte === 0) return !sniffUtf16(bytes);
    if (
      byte < 0x20 &&
      byte !== 0x09 &&
      byte !== 0x0a &&
      byte !== 0x0d &&
      byte !== 0x0c &&
      byte !== 0x1b
    ) {
      controls++;
    }
  }
  return controls > head.length * 0.1;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

function decodeWith(encoding: string, bytes: Uint8Array): string {
  if (encoding === 'utf-8') return decodeUtf8(bytes, false);
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    // An encoding this runtime lacks: fall back to lenient UTF-8, which never throws.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** The replacement character, NUL and control characters other than tab, line feed, form feed
 * and carriage return: what a wrong encoding or a binary file decodes to. */
const BAD_UNIT = /[\u0000-\u0008\u000B\u000E-\u001F\uFFFD]/g;

/** Refuses text that decoded to mostly replacement characters or controls: the bytes were not
 * text in any encoding we know. */
function checkText(decoded: DecodedText): DecodedText {
  const sample = decoded.text.slice(0, 65536);
  // Counted by a regular expression, not a loop over the sample's units: ~2 ms cold less.
  const bad = sample.match(BAD_UNIT)?.length ?? 0;
  if (sample.length > 0 && bad > sample.length * 0.2) {
    throw new InvalidNovelTextError(
      `The file could not be read as text (it decoded as ${decoded.encoding} to mostly invalid characters): save it as UTF-8 plain text and send it again.`,
    );
  }
  return decoded;
}
