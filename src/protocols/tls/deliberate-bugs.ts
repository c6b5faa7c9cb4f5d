// Deliberately wrong key-schedule rules, used only by the bug toggles of the
// handshake scenario to show how one encoding mistake changes every secret
// after it. Never use these outside that demo.

import type { TlsHash } from './suites';
import { layOutHkdfLabel, rfc8446Rules, type KeyScheduleRules } from './key-schedule';

/**
 * Wrong: writes a two-byte length in front of the label and the context of
 * HkdfLabel. RFC 8446 §7.1 declares both as `opaque <..255>`, and a vector
 * whose ceiling fits in one byte has a one-byte length (§3.4).
 */
export const twoByteLabelLengthRules: KeyScheduleRules = {
  encodeHkdfLabel: (length, label, context) => layOutHkdfLabel(length, label, context, 2),
  derivedContext: rfc8446Rules.derivedContext,
};

/**
 * Wrong: passes an empty context to Derive-Secret(., "derived", ""). The ""
 * there names the empty message list, and Derive-Secret hashes it, so the
 * RFC's context is Hash("") (e3b0c442... for SHA-256), not zero bytes.
 */
export const emptyDerivedContextRules: KeyScheduleRules = {
  encodeHkdfLabel: rfc8446Rules.encodeHkdfLabel,
  derivedContext: (_hash: TlsHash) => new Uint8Array(0),
};
