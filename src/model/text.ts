/**
 * Model files as bytes: UTF-8, with or without a byte-order mark. Internal to the model layer
 * (`parseModel` accepts bytes and uses this); portable: TextDecoder exists in Node, Deno and browsers.
 */

/** The decoded text, or where the bytes stop being UTF-8. */
export type DecodedText = { ok: true; text: string } | { ok: false; offset: number; message: string };

const decode = (bytes: Uint8Array, stream: boolean): string => new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream });

function fails(bytes: Uint8Array, stream: boolean): boolean {
  try {
    decode(bytes, stream);
    return false;
  } catch {
    return true;
  }
}

/** Offset of the first byte at which decoding fails (the bytes are known not to be UTF-8). */
function firstBadByte(bytes: Uint8Array): number {
  // Decoding a prefix as a stream fails once it contains an invalid byte (an unfinished sequence
  // at its end is not an error), so the first failing prefix length is found by bisection.
  if (!fails(bytes, true)) {
    // Only the end is wrong: a sequence cut short. Report where it starts.
    let i = bytes.length - 1;
    while (i > 0 && bytes.length - i < 4 && (bytes[i]! & 0xc0) === 0x80) i--;
    return i;
  }
  let lo = 0; // prefix of length lo decodes
  let hi = bytes.length; // prefix of length hi fails
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (fails(bytes.subarray(0, mid), true)) hi = mid;
    else lo = mid;
  }
  return hi - 1;
}

/**
 * Decodes UTF-8 bytes strictly: a leading byte-order mark is dropped; invalid bytes are refused
 * with their offset (and line), never replaced with U+FFFD.
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { ok: true, text: decode(bytes, false) };
  } catch {
    const offset = firstBadByte(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    const hex = bytes[offset]!.toString(16).toUpperCase().padStart(2, "0");
    return { ok: false, offset, message: `not valid UTF-8: byte 0x${hex} at byte offset ${offset} (line ${line}) cannot be decoded; save the file as UTF-8` };
  }
}

/** Drops a leading byte-order mark (U+FEFF) from text already decoded. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
