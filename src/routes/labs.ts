// The labs listed on the home page, in the order a newcomer should take them.

export interface LabSummary {
  readonly path: '/jwt' | '/tcp' | '/tls';
  readonly title: string;
  readonly kind: 'tool' | 'flow';
  readonly learn: string;
  readonly minutes: number;
}

export const labs: readonly LabSummary[] = [
  {
    path: '/jwt',
    title: 'JWT inspector',
    kind: 'tool',
    learn:
      'Paste a token and see every byte of it: header, claims and signature, verified with your key, with a security review of what an attacker could do with it.',
    minutes: 5,
  },
  {
    path: '/tcp',
    title: 'TCP',
    kind: 'flow',
    learn:
      'The three-way handshake, the four-way close, loss and retransmission, flow control and congestion control, stepped through segment by segment.',
    minutes: 25,
  },
  {
    path: '/tls',
    title: 'TLS 1.3',
    kind: 'flow',
    learn:
      'The key exchange and the key schedule computed live in your browser and checked against RFC 8448, with the bugs that break it and why 1.3 has forward secrecy.',
    minutes: 30,
  },
];
