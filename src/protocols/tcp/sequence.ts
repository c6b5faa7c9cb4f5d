// Sequence number arithmetic modulo 2^32 (RFC 9293 §3.4): every comparison is
// made on the signed 32-bit difference, so it stays correct across the wrap.

const MODULUS = 2 ** 32;

/** Adds `n` to sequence number `seq`, wrapping at 2^32. */
export function seqAdd(seq: number, n: number): number {
  return (((seq + n) % MODULUS) + MODULUS) % MODULUS;
}

/** Returns the signed distance a − b, in the range −2^31 .. 2^31 − 1. */
export function seqDiff(a: number, b: number): number {
  return ((a - b + MODULUS + 2 ** 31) % MODULUS) - 2 ** 31;
}

export function seqLt(a: number, b: number): boolean {
  return seqDiff(a, b) < 0;
}

export function seqLte(a: number, b: number): boolean {
  return seqDiff(a, b) <= 0;
}

export function seqGt(a: number, b: number): boolean {
  return seqDiff(a, b) > 0;
}

/**
 * RFC 9293 §3.4: an ACK is acceptable when SND.UNA < SEG.ACK ≤ SND.NXT,
 * that is, it acknowledges something sent and not yet acknowledged.
 */
export function isAcceptableAck(sndUna: number, segAck: number, sndNxt: number): boolean {
  return seqLt(sndUna, segAck) && seqLte(segAck, sndNxt);
}

/**
 * RFC 9293 §3.10.7.4, first check: a segment is acceptable when any part of it falls inside the
 * receive window [RCV.NXT, RCV.NXT + RCV.WND). With a zero window only an empty segment at
 * exactly RCV.NXT is acceptable, so a zero-window probe always draws an ACK.
 */
export function isAcceptableSegment(
  rcvNxt: number,
  rcvWnd: number,
  seq: number,
  length: number,
): boolean {
  const inWindow = (s: number): boolean => seqLte(rcvNxt, s) && seqLt(s, seqAdd(rcvNxt, rcvWnd));

  if (length === 0 && rcvWnd === 0) return seq === rcvNxt;
  if (length === 0) return inWindow(seq);
  if (rcvWnd === 0) return false;
  return inWindow(seq) || inWindow(seqAdd(seq, length - 1));
}
