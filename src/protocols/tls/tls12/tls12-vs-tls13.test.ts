import { describe, expect, it } from 'vitest';
import { findTilingProblems } from '../../scenario';
import {
  countRoundTrips,
  handshakeVisibility,
  removedInTls13,
  versionDifferences,
} from './comparison';
import { isTls12Error } from './errors';
import { buildTls12VsTls13 } from './tls12-vs-tls13-scenario';

function firstArrival(
  scenario: ReturnType<typeof buildTls12VsTls13>,
  label: string,
  from: string,
): number | undefined {
  return scenario.steps
    .flatMap((step) => step.messages)
    .find((message) => message.label === label && message.from === from)?.arrivesAt;
}

describe('countRoundTrips', () => {
  it.each([
    ['TLS 1.2', true, 4],
    ['TLS 1.3', true, 3],
    ['TLS 1.2', false, 3],
    ['TLS 1.3', false, 2],
  ] as const)('%s with TCP %s takes %i round trips', (version, tcp, total) => {
    expect(countRoundTrips(version, { tcp }).total).toBe(total);
  });

  it('puts the whole difference in the handshake', () => {
    expect(countRoundTrips('TLS 1.2', { tcp: true }).handshake).toBe(2);
    expect(countRoundTrips('TLS 1.3', { tcp: true }).handshake).toBe(1);
  });
});

describe('comparison data', () => {
  it('lists every removal the lab teaches', () => {
    expect(removedInTls13.map((item) => item.id)).toEqual([
      'rsa-key-transport',
      'static-dh',
      'rc4',
      '3des',
      'md5',
      'sha1-signatures',
      'compression',
      'renegotiation',
      'non-aead',
    ]);
  });

  it('gives each removal one sentence and a citation', () => {
    for (const item of removedInTls13) {
      expect(item.reason.split(/(?<=[.!?])\s+/).length, item.id).toBe(1);
      expect(item.reference, item.id).toMatch(/^RFC \d+ §/);
    }
  });

  it('cites a section for every difference', () => {
    for (const item of versionDifferences) expect(item.reference, item.id).toMatch(/RFC \d+ §/);
  });

  it('shows the certificate in clear only in TLS 1.2', () => {
    const certificate = handshakeVisibility.find((item) => item.message === 'Certificate');
    expect(certificate?.tls12).toBe('plaintext');
    expect(certificate?.tls13).toBe('encrypted');
  });
});

describe('buildTls12VsTls13', () => {
  const scenario = buildTls12VsTls13({}, 1);

  it('has the expected step ids', () => {
    expect(scenario.steps.map((step) => step.id)).toEqual([
      'tcp-syn',
      'tcp-syn-ack',
      'client-hello',
      'server-first-flight',
      'client-second-flight',
      'server-second-flight',
      'tls13-response-arrives',
      'tls12-response-sent',
      'tls12-response-arrives',
      'round-trip-count',
    ]);
  });

  it('delivers the TLS 1.3 response after 3 RTT', () => {
    expect(firstArrival(scenario, '[HTTP response]', 'tls13-server')).toBe(300);
  });

  it('delivers the TLS 1.2 response after 4 RTT', () => {
    expect(firstArrival(scenario, 'HTTP response', 'tls12-server')).toBe(400);
  });

  it('drops the TCP round trip when asked', () => {
    const withoutTcp = buildTls12VsTls13({ tcpHandshake: false, rttMs: 50 }, 1);
    expect(withoutTcp.steps[0]?.id).toBe('client-hello');
    expect(firstArrival(withoutTcp, '[HTTP response]', 'tls13-server')).toBe(100);
    expect(firstArrival(withoutTcp, 'HTTP response', 'tls12-server')).toBe(150);
  });

  it('sends the TCP ACK with the ClientHello', () => {
    const labels = scenario.steps
      .find((step) => step.id === 'client-hello')
      ?.messages.map((message) => message.label);
    expect(labels).toContain('ACK');
  });

  it('encrypts the TLS 1.3 certificate only', () => {
    const messages = scenario.steps.flatMap((step) => step.messages);
    const protection = (label: string) =>
      messages
        .find((message) => message.label === label)
        ?.fields.find((field) => field.name === 'protection')?.value;
    expect(protection('Certificate')).toBe('plaintext');
    expect(protection('{Certificate}')).toBe('encrypted (handshake keys)');
  });

  it('has unique step and message ids', () => {
    const stepIds = scenario.steps.map((step) => step.id);
    const messageIds = scenario.steps.flatMap((step) => step.messages.map((message) => message.id));
    expect(new Set(stepIds).size).toBe(stepIds.length);
    expect(new Set(messageIds).size).toBe(messageIds.length);
  });

  it('tiles any message that has bytes', () => {
    for (const message of scenario.steps.flatMap((step) => step.messages)) {
      if (message.bytes)
        expect(findTilingProblems(message.bytes.length, message.spans ?? []), message.id).toEqual(
          [],
        );
    }
  });

  it('replays the same scenario', () => {
    expect(buildTls12VsTls13({ rttMs: 80 }, 3)).toEqual(buildTls12VsTls13({ rttMs: 80 }, 3));
  });

  it.each([
    { rttMs: 0 },
    { rttMs: 5000 },
    { rttMs: 'fast' },
    { tcpHandshake: 'yes' },
    { jitter: 3 },
  ])('rejects %o with invalid-parameter', (parameters) => {
    let code: string | undefined;
    try {
      buildTls12VsTls13(parameters, 1);
    } catch (error) {
      code = isTls12Error(error) ? error.code : undefined;
    }
    expect(code).toBe('invalid-parameter');
  });
});
