/**
 * Short notes stored on-chain as `bytes32` (a deliverable reference, a dispute's reason): a text of
 * up to 32 UTF-8 bytes is stored as is (right-padded with zeros) so the other party and the arbiter
 * can read it; a longer statement is stored as its keccak-256 hash (share the text off-chain); a
 * 0x-prefixed 32-byte hex string is taken as a hash already.
 */
import { hexToString, keccak256, stringToHex, toBytes, trim, zeroHash, type Hex } from "viem";

export function noteToBytes32(text: string): Hex {
  const s = text.trim();
  if (s === "") return zeroHash;
  if (/^0x[0-9a-fA-F]{64}$/.test(s)) return s.toLowerCase() as Hex;
  if (toBytes(s).length <= 32) return stringToHex(s, { size: 32 });
  return keccak256(toBytes(s));
}

export type Note = { text: string; hash?: undefined } | { hash: Hex; text?: undefined };

/** A stored note back as text when it is readable text, else as the hash it is; null when empty. */
export function bytes32ToNote(value: Hex | null | undefined): Note | null {
  if (!value || /^0x0*$/.test(value)) return null;
  // Text was right-padded with zeros; a hash is (almost surely) not printable UTF-8.
  try {
    const text = hexToString(trim(value, { dir: "right" }));
    if (text.trim() && !/[\u0000-\u001f\u007f-\u009f\ufffd]/.test(text)) return { text };
  } catch {
    // not UTF-8: a hash
  }
  return { hash: value };
}
