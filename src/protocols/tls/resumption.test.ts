import { describe, expect, it } from 'vitest';
import { webcrypto } from 'node:crypto';
import { concatBytes, toHex } from '../bytes';
import type { Computation, Scenario } from '../scenario';
import { rfc8448, rfc8448Resumption } from './rfc8448.fixture';
import { buildTlsResumption } from './resumption';
import { computeTlsResumption, type TlsResumptionParameters } from './resumption-trace';
import { findScenarioProblems } from './scenario-checks';
import { cipherSuiteNames } from './suites';

const rfcParameters: TlsResumptionParameters = {
  mode: 'rfc8448',
  cipherSuite: 'TLS_AES_128_GCM_SHA256',
  antiReplay: 'none',
};

function computation(scenario: Scenario, id: string): Computation {
  const found = scenario.steps.flatMap((step) => step.computations ?? []).find((c) => c.id === id);
  if (!found) throw new Error(`no computation ${id}`);
  return found;
}

const stepIds = [
  'earlier-session',
  'new-session-ticket',
  'resumption-psk',
  'early-secret-from-psk',
  'binder-key',
  'truncated-client-hello',
  'psk-binder',
  'client-hello',
  'client-early-traffic-secret',
  'early-data',
  'server-accepts-early-data',
  'replay',
  'server-handles-replay',
  'why-idempotent',
];

describe('RFC 8448 resumption values', () => {
  const scenario = buildTlsResumption(rfcParameters, 1);

  it('has the steps in order', () => {
    expect(scenario.steps.map((step) => step.id)).toEqual(stepIds);
  });

  it.each([
    ['resumption-psk', rfc8448Resumption.psk],
    ['early-secret-from-psk', rfc8448Resumption.earlySecret],
    ['binder-key', rfc8448Resumption.binderKey],
    ['binder-finished-key', rfc8448Resumption.binderFinishedKey],
    ['truncated-client-hello-hash', rfc8448Resumption.truncatedHelloHash],
    ['psk-binder', rfc8448Resumption.binder],
    ['client-early-traffic-secret', rfc8448Resumption.clientEarlyTrafficSecret],
    ['early-exporter-master-secret', rfc8448Resumption.earlyExporterMasterSecret],
    ['early-data-key', rfc8448Resumption.earlyKey],
    ['early-data-iv', rfc8448Resumption.earlyIv],
  ])('shows the RFC value on %s', (id, expected) => {
    expect(computation(scenario, id).output.value).toBe(expected);
    expect(computation(scenario, id).output.note).toContain('RFC 8448 value');
  });

  it('encodes the PSK HkdfLabel with the ticket nonce', () => {
    const label = toHex(new TextEncoder().encode('tls13 resumption'));
    expect(toHex(computation(scenario, 'resumption-psk').bytes!)).toBe(
      '0020' + '10' + label + '02' + '0000',
    );
  });

  it('sends the RFC 8448 §4 ClientHello', () => {
    const hello = scenario.steps.find((step) => step.id === 'client-hello')!.messages[0]!;
    // Record header: handshake, version 0x0301, length 512.
    expect(toHex(hello.bytes!)).toBe(
      '1603010200' + rfc8448Resumption.truncatedClientHello + rfc8448Resumption.binders,
    );
  });

  it('hashes exactly the truncated ClientHello', () => {
    expect(toHex(computation(scenario, 'truncated-client-hello-hash').bytes!)).toBe(
      rfc8448Resumption.truncatedClientHello,
    );
  });

  it('sends the RFC early data record', () => {
    const early = scenario.steps.find((step) => step.id === 'early-data')!.messages[0]!;
    expect(toHex(early.bytes!)).toBe(rfc8448Resumption.earlyDataRecord);
    expect(computation(scenario, 'early-data-open').output.value).toBe(rfc8448Resumption.earlyData);
  });

  it('carries the RFC NewSessionTicket record', () => {
    const ticket = scenario.steps.find((step) => step.id === 'new-session-ticket')!.messages[0]!;
    expect(toHex(ticket.bytes!)).toBe(rfc8448.newSessionTicketRecord);
  });

  it('recovers the ticket age', () => {
    expect(computation(scenario, 'server-ticket-age').output.value).toBe('6 ms');
  });
});

describe('0-RTT replay', () => {
  it('without anti-replay the order is processed twice', () => {
    const trace = computeTlsResumption(rfcParameters, 1);
    expect(trace.original.ordersProcessed).toBe(1);
    expect(trace.replay.binderValid).toBe(true);
    expect(trace.replay.opened?.ok).toBe(true);
    expect(trace.replay.ordersProcessed).toBe(2);
  });

  it('a single-use ticket rejects the replay', () => {
    const trace = computeTlsResumption({ ...rfcParameters, antiReplay: 'single-use-ticket' }, 1);
    expect(trace.replay.ticketAccepted).toBe(false);
    expect(trace.replay.opened).toBeUndefined();
    expect(trace.replay.ordersProcessed).toBe(1);
  });

  it('shows the counter in the server state', () => {
    const counter = (scenario: Scenario) =>
      scenario.steps
        .find((step) => step.id === 'server-handles-replay')!
        .actors.find((actor) => actor.actorId === 'server')!
        .fields.find((field) => field.name === 'orders processed')!.value;
    expect(counter(buildTlsResumption(rfcParameters, 1))).toBe('2');
    expect(
      counter(buildTlsResumption({ ...rfcParameters, antiReplay: 'single-use-ticket' }, 1)),
    ).toBe('1');
  });

  it('the attacker sends the same bytes as the client', () => {
    const scenario = buildTlsResumption(rfcParameters, 1);
    const original = scenario.steps.find((step) => step.id === 'client-hello')!.messages[0]!;
    const replayed = scenario.steps.find((step) => step.id === 'replay')!.messages;
    expect(replayed.map((message) => message.from)).toEqual(['attacker', 'attacker']);
    expect(toHex(replayed[0]!.bytes!)).toBe(toHex(original.bytes!));
  });
});

describe('fresh resumption', () => {
  const fresh = (cipherSuite = cipherSuiteNames[0]!): TlsResumptionParameters => ({
    mode: 'fresh',
    cipherSuite,
    antiReplay: 'none',
  });

  it('is deterministic for a seed', () => {
    expect(buildTlsResumption(fresh(), 9)).toEqual(buildTlsResumption(fresh(), 9));
  });

  it('computes the SHA-384 binder like WebCrypto', async () => {
    const trace = computeTlsResumption(fresh('TLS_AES_256_GCM_SHA384'), 9);
    const subtle = webcrypto.subtle;
    const hmac = async (key: Uint8Array, data: Uint8Array) =>
      new Uint8Array(
        await subtle.sign(
          'HMAC',
          await subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-384' }, false, ['sign']),
          data,
        ),
      );
    const label = (length: number, text: string, context: Uint8Array) => {
      const full = new TextEncoder().encode(`tls13 ${text}`);
      return concatBytes(
        new Uint8Array([0, length, full.length]),
        full,
        new Uint8Array([context.length]),
        context,
      );
    };
    const expand = async (prk: Uint8Array, info: Uint8Array) =>
      (await hmac(prk, concatBytes(info, new Uint8Array([1])))).slice(0, 48);
    const sha384 = async (data: Uint8Array) => new Uint8Array(await subtle.digest('SHA-384', data));

    const psk = await expand(
      trace.resumptionMasterSecret,
      label(48, 'resumption', trace.ticket.ticketNonce),
    );
    const early = await hmac(new Uint8Array(48), psk);
    const binderKey = await expand(early, label(48, 'res binder', await sha384(new Uint8Array(0))));
    const finishedKey = await expand(binderKey, label(48, 'finished', new Uint8Array(0)));
    const binder = await hmac(finishedKey, await sha384(trace.truncatedClientHello));
    expect(toHex(trace.binder)).toBe(toHex(binder));
    expect(trace.binder.length).toBe(48);
  });

  it('opens its early data request', () => {
    const scenario = buildTlsResumption(fresh('TLS_CHACHA20_POLY1305_SHA256'), 9);
    const opened = computation(scenario, 'early-data-open').output.value;
    expect(Buffer.from(opened, 'hex').toString()).toContain('POST /orders');
  });
});

describe('resumption structure', () => {
  const cases: [string, TlsResumptionParameters][] = [
    ['rfc8448 none', rfcParameters],
    ['rfc8448 single-use', { ...rfcParameters, antiReplay: 'single-use-ticket' }],
    ...cipherSuiteNames.map((cipherSuite): [string, TlsResumptionParameters] => [
      `fresh ${cipherSuite}`,
      { mode: 'fresh', cipherSuite, antiReplay: 'single-use-ticket' },
    ]),
  ];

  it.each(cases)('%s tiles every byte and links every span', (_name, parameters) => {
    const scenario = buildTlsResumption(parameters, 4);
    expect(findScenarioProblems(scenario)).toEqual([]);
    expect(scenario.steps.map((step) => step.id)).toEqual(stepIds);
  });

  it.each(cases)('%s narrates each step in one or two sentences', (_name, parameters) => {
    for (const step of buildTlsResumption(parameters, 4).steps) {
      const count = step.narration.split(/(?<=[.!?])\s+/).filter(Boolean).length;
      expect(count, step.id).toBeGreaterThanOrEqual(1);
      expect(count, step.id).toBeLessThanOrEqual(2);
    }
  });
});
