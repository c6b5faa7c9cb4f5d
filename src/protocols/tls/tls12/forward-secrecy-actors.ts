// The actors of the forward-secrecy scenario and the eavesdropper's running
// tally of what it has recorded.

import type { NamedValue } from '../../scenario';

export const ACTORS = { client: 'client', server: 'server', eavesdropper: 'eavesdropper' } as const;

/** Counts what the eavesdropper has stored, per protocol version. */
export class Capture {
  private records = 0;
  private bytes = 0;

  constructor(private readonly name: string) {}

  /** Adds captured records and returns the tally as an actor field. */
  add(...records: readonly Uint8Array[]): NamedValue {
    this.records += records.length;
    this.bytes += records.reduce((sum, record) => sum + record.length, 0);
    return { name: this.name, value: `${this.records} records, ${this.bytes} bytes` };
  }
}
