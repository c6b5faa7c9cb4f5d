import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes';
import type { Computation, Scenario } from '../scenario';
import { rfc8448 } from './rfc8448.fixture';
import {
  buildTlsHandshake,
  DIFFERS_NOTE,
  isComputationDifferent,
  MATCHES_NOTE,
  RFC8448_NOTE,
} from './handshake';
import {
  computeTlsHandshake,
  isClientFinishedAccepted,
  isServerFinishedAccepted,
} from './handshake-trace';
import { tlsBugs, type TlsBug, type TlsHandshakeParameters } from './handshake-parameters';
import { cipherSuiteNames } from './suites';
import { contentTypes, sealRecord } from './record';
import { findScenarioProblems } from './scenario-checks';

const rfcParameters: TlsHandshakeParameters = {
  mode: 'rfc8448',
  cipherSuite: 'TLS_AES_128_GCM_SHA256',
  bug: 'none',
};
const fresh = (overrides: Partial<TlsHandshakeParameters> = {}): TlsHandshakeParameters => ({
  mode: 'fresh',
  cipherSuite: 'TLS_AES_128_GCM_SHA256',
  bug: 'none',
  ...overrides,
});

function computation(scenario: Scenario, id: string): Computation {
  for (const step of scenario.steps) {
    const found = step.computations?.find((c) => c.id === id);
    if (found) return found;
  }
  throw new Error(`no computation ${id}`);
}

function step(scenario: Scenario, id: string) {
  const found = scenario.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

const rfcStepIds = [
  'client-key-share',
  'client-hello',
  'server-key-share',
  'server-hello',
  'shared-secret',
  'early-secret',
  'derived-secret-for-handshake',
  'handshake-secret',
  'transcript-hash-server-hello',
  'client-handshake-traffic-secret',
  'server-handshake-traffic-secret',
  'handshake-keys',
  'encrypted-extensions',
  'certificate',
  'certificate-verify',
  'server-finished',
  'derived-secret-for-master',
  'master-secret',
  'transcript-hash-server-finished',
  'client-application-traffic-secret',
  'server-application-traffic-secret',
  'exporter-master-secret',
  'server-application-keys',
  'client-application-keys',
  'client-finished',
  'resumption-master-secret',
  'new-session-ticket',
  'client-application-data',
  'server-application-data',
];

describe('RFC 8448 mode scenario', () => {
  const scenario = buildTlsHandshake(rfcParameters, 1);

  it('has the steps in protocol order', () => {
    expect(scenario.steps.map((s) => s.id)).toEqual(rfcStepIds);
  });

  it('sends the RFC ClientHello and ServerHello records', () => {
    const hello = step(scenario, 'client-hello').messages[0]!;
    expect(toHex(hello.bytes!)).toBe(rfc8448.clientHelloRecordHeader + rfc8448.clientHello);
    const serverHello = step(scenario, 'server-hello').messages[0]!;
    expect(toHex(serverHello.bytes!)).toBe(rfc8448.serverHelloRecordHeader + rfc8448.serverHello);
  });

  it.each([
    ['encrypted-extensions', rfc8448.encryptedExtensions],
    ['certificate', rfc8448.certificate],
    ['certificate-verify', rfc8448.certificateVerify],
    ['server-finished', rfc8448.serverFinished],
    ['client-finished', rfc8448.clientFinished],
    ['new-session-ticket', rfc8448.newSessionTicket],
  ])('seals the RFC %s message', (id, message) => {
    const seal = computation(scenario, `${id}-seal`);
    expect(toHex(seal.bytes!)).toBe(message + '16');
    expect(computation(scenario, `${id}-open`).output.value).toBe(message);
  });

  it.each([
    ['client-finished', rfc8448.clientFinishedRecord],
    ['new-session-ticket', rfc8448.newSessionTicketRecord],
    ['client-application-data', rfc8448.clientApplicationDataRecord],
    ['server-application-data', rfc8448.serverApplicationDataRecord],
  ])('puts the RFC %s record on the wire', (id, record) => {
    expect(toHex(step(scenario, id).messages[0]!.bytes!)).toBe(record);
  });

  it('opens application data to the RFC bytes', () => {
    expect(computation(scenario, 'client-application-data-open').output.value).toBe(
      rfc8448.applicationData,
    );
    expect(computation(scenario, 'server-application-data-open').output.value).toBe(
      rfc8448.applicationData,
    );
  });

  const published: [string, string][] = [
    ['client-key-share', rfc8448.clientPublicKey],
    ['server-key-share', rfc8448.serverPublicKey],
    ['client-shared-secret', rfc8448.sharedSecret],
    ['server-shared-secret', rfc8448.sharedSecret],
    ['early-secret', rfc8448.earlySecret],
    ['derived-secret-for-handshake', rfc8448.derivedForHandshake],
    ['handshake-secret', rfc8448.handshakeSecret],
    ['transcript-hash-server-hello', rfc8448.helloHash],
    ['client-handshake-traffic-secret', rfc8448.clientHandshakeTrafficSecret],
    ['server-handshake-traffic-secret', rfc8448.serverHandshakeTrafficSecret],
    ['server-handshake-key', rfc8448.serverHandshakeKey],
    ['server-handshake-iv', rfc8448.serverHandshakeIv],
    ['client-handshake-key', rfc8448.clientHandshakeKey],
    ['client-handshake-iv', rfc8448.clientHandshakeIv],
    ['server-finished-key', rfc8448.serverFinishedKey],
    ['server-verify-data', rfc8448.serverVerifyData],
    ['derived-secret-for-master', rfc8448.derivedForMaster],
    ['master-secret', rfc8448.masterSecret],
    ['transcript-hash-server-finished', rfc8448.serverFinishedHash],
    ['client-application-traffic-secret', rfc8448.clientApplicationTrafficSecret],
    ['server-application-traffic-secret', rfc8448.serverApplicationTrafficSecret],
    ['exporter-master-secret', rfc8448.exporterMasterSecret],
    ['server-application-key', rfc8448.serverApplicationKey],
    ['server-application-iv', rfc8448.serverApplicationIv],
    ['client-application-key', rfc8448.clientApplicationKey],
    ['client-application-iv', rfc8448.clientApplicationIv],
    ['client-finished-key', rfc8448.clientFinishedKey],
    ['client-verify-data', rfc8448.clientVerifyData],
    ['transcript-hash-client-finished', rfc8448.clientFinishedHash],
    ['resumption-master-secret', rfc8448.resumptionMasterSecret],
  ];

  it.each(published)('shows the RFC value on %s', (id, expected) => {
    const found = computation(scenario, id);
    expect(found.output.value).toBe(expected);
    expect(found.output.note).toContain(RFC8448_NOTE);
  });

  it('shows the RFC server application key on its step', () => {
    const keyStep = step(scenario, 'server-application-keys');
    expect(keyStep.computations!.map((c) => c.output.value)).toContain(
      rfc8448.serverApplicationKey,
    );
  });

  it('shows the client_handshake_traffic_secret HkdfLabel', () => {
    const found = computation(scenario, 'client-handshake-traffic-secret');
    expect(toHex(found.bytes!)).toBe(rfc8448.hkdfLabelClientHandshakeTraffic);
    expect(found.dependsOn).toEqual(['handshake-secret', 'transcript-hash-server-hello']);
  });

  it('verifies the RFC CertificateVerify and both Finished messages', () => {
    expect(computation(scenario, 'certificate-verify-check').output.value).toBe('valid');
    expect(computation(scenario, 'server-finished-check').output.value).toBe('matches');
    expect(computation(scenario, 'client-finished-check').output.value).toBe('matches');
  });

  it('uses sequence numbers 0 to 3 for the server flight', () => {
    const ids = ['encrypted-extensions', 'certificate', 'certificate-verify', 'server-finished'];
    const sequences = ids.map((id) => computation(scenario, `${id}-nonce`).inputs[1]!.value);
    expect(sequences).toEqual(['0', '1', '2', '3']);
  });

  it('reproduces the RFC coalesced server flight record', () => {
    // RFC 8448 sends the four server messages in one record; the trace's keys rebuild it exactly.
    const trace = computeTlsHandshake(rfcParameters, 1);
    const keys = trace.server.serverHandshakeKeys;
    const m = trace.messages;
    const flight =
      toHex(m.encryptedExtensions.bytes) +
      toHex(m.certificate.bytes) +
      toHex(m.certificateVerify.bytes) +
      toHex(m.serverFinished.bytes);
    const record = sealRecord(
      trace.suite,
      { key: keys.key.output, iv: keys.iv.output },
      0,
      contentTypes.handshake,
      fromHex(flight),
    );
    expect(toHex(record.record)).toBe(rfc8448.serverFlightRecord);
  });

  it('ignores the seed', () => {
    expect(buildTlsHandshake(rfcParameters, 99).steps).toEqual(scenario.steps);
  });
});

describe('fresh mode', () => {
  it('is deterministic for a seed', () => {
    expect(buildTlsHandshake(fresh(), 42)).toEqual(buildTlsHandshake(fresh(), 42));
  });

  it('changes with the seed', () => {
    const a = computation(buildTlsHandshake(fresh(), 1), 'client-shared-secret').output.value;
    const b = computation(buildTlsHandshake(fresh(), 2), 'client-shared-secret').output.value;
    expect(a).not.toBe(b);
  });

  const keyDependent = [
    'client-key-share',
    'client-shared-secret',
    'server-shared-secret',
    'handshake-secret',
    'transcript-hash-server-hello',
    'client-handshake-traffic-secret',
    'server-handshake-traffic-secret',
    'server-handshake-key',
    'server-handshake-iv',
    'client-handshake-key',
    'client-handshake-iv',
    'encrypted-extensions-seal',
    'transcript-hash-certificate',
    'certificate-verify-signature',
    'server-finished-key',
    'server-verify-data',
    'master-secret',
    'transcript-hash-server-finished',
    'client-application-traffic-secret',
    'server-application-traffic-secret',
    'exporter-master-secret',
    'server-application-key',
    'server-application-iv',
    'client-application-key',
    'client-application-iv',
    'client-finished-key',
    'client-verify-data',
    'client-finished-seal',
    'transcript-hash-client-finished',
    'resumption-master-secret',
    'new-session-ticket-seal',
    'client-application-data-seal',
    'server-application-data-seal',
  ];

  it('a typed client key changes the shared secret and every later value', () => {
    const seeded = buildTlsHandshake(fresh(), 5);
    const typed = buildTlsHandshake(fresh({ clientPrivateKey: '11'.repeat(32) }), 5);
    for (const id of keyDependent) {
      expect(computation(typed, id).output.value, id).not.toBe(
        computation(seeded, id).output.value,
      );
    }
    expect(computation(typed, 'early-secret').output.value).toBe(
      computation(seeded, 'early-secret').output.value,
    );
    expect(computation(typed, 'server-key-share').output.value).toBe(
      computation(seeded, 'server-key-share').output.value,
    );
  });

  it('a typed client key is the one used', () => {
    const typed = buildTlsHandshake(fresh({ clientPrivateKey: rfc8448.clientPrivateKey }), 5);
    expect(computation(typed, 'client-key-share').output.value).toBe(rfc8448.clientPublicKey);
  });

  it('typed RFC keys give the RFC shared secret', () => {
    const typed = buildTlsHandshake(
      fresh({
        clientPrivateKey: rfc8448.clientPrivateKey,
        serverPrivateKey: rfc8448.serverPrivateKey,
      }),
      5,
    );
    expect(computation(typed, 'client-shared-secret').output.value).toBe(rfc8448.sharedSecret);
  });

  it.each(cipherSuiteNames)('%s completes with every record opened', (cipherSuite) => {
    const trace = computeTlsHandshake(fresh({ cipherSuite }), 11);
    expect(Object.values(trace.records).every((record) => record.opened.ok)).toBe(true);
    expect(trace.certificateVerify.valid).toBe(true);
    expect(trace.certificateVerify.signedHere).toBe(true);
    expect(isServerFinishedAccepted(trace)).toBe(true);
    expect(isClientFinishedAccepted(trace)).toBe(true);
    expect(trace.client.handshake.handshakeSecret.length).toBe(trace.suite.hash.length);
  });

  it('sends the HTTP request as application data', () => {
    const scenario = buildTlsHandshake(fresh(), 3);
    const opened = computation(scenario, 'client-application-data-open').output.value;
    expect(new TextDecoder().decode(fromHex(opened))).toBe(
      'GET / HTTP/1.1\r\nHost: server\r\n\r\n',
    );
  });

  it('rejects a private key that is not 32 bytes of hex', () => {
    expect(() => buildTlsHandshake(fresh({ clientPrivateKey: 'abcd' }), 1)).toThrow(RangeError);
  });
});

describe('scenario structure', () => {
  const cases: [string, TlsHandshakeParameters][] = [];
  for (const bug of tlsBugs) {
    cases.push([`rfc8448 ${bug}`, { ...rfcParameters, bug }]);
    for (const cipherSuite of cipherSuiteNames)
      cases.push([`fresh ${cipherSuite} ${bug}`, fresh({ cipherSuite, bug })]);
  }

  it.each(cases)('%s tiles every byte and links every span', (_name, parameters) => {
    expect(findScenarioProblems(buildTlsHandshake(parameters, 7))).toEqual([]);
  });

  it('has the same step ids in every mode and bug', () => {
    for (const [, parameters] of cases) {
      expect(buildTlsHandshake(parameters, 7).steps.map((s) => s.id)).toEqual(rfcStepIds);
    }
  });

  it('names client and server as actors', () => {
    const scenario = buildTlsHandshake(rfcParameters, 1);
    expect(scenario.actors.map((actor) => actor.id)).toEqual(['client', 'server']);
    expect(scenario.steps.every((s) => s.actors.length === 2)).toBe(true);
  });
});

describe('bug toggles', () => {
  const build = (bug: TlsBug) => buildTlsHandshake({ ...rfcParameters, bug }, 1);

  it('two-byte label length changes client_handshake_traffic_secret', () => {
    const scenario = build('two-byte-label-length');
    const secret = computation(scenario, 'client-handshake-traffic-secret');
    expect(secret.output.value).not.toBe(rfc8448.clientHandshakeTrafficSecret);
    expect(secret.output.note).toBe(`${DIFFERS_NOTE} ${rfc8448.clientHandshakeTrafficSecret}`);
    expect(isComputationDifferent(secret)).toBe(true);
    expect(toHex(secret.bytes!).slice(0, 8)).toBe('00200012');
  });

  it('two-byte label length leaves the server correct', () => {
    const scenario = build('two-byte-label-length');
    expect(computation(scenario, 'client-handshake-traffic-secret-server').output.value).toBe(
      rfc8448.clientHandshakeTrafficSecret,
    );
    expect(computation(scenario, 'early-secret').output.note).toBe(MATCHES_NOTE);
    expect(computation(scenario, 'encrypted-extensions-open').output.value).toBe(
      'authentication failed',
    );
    expect(computation(scenario, 'client-finished-check').output.value).not.toBe('matches');
  });

  it('empty derived context changes the handshake secret', () => {
    const scenario = build('empty-derived-context');
    expect(isComputationDifferent(computation(scenario, 'derived-secret-for-handshake'))).toBe(
      true,
    );
    expect(computation(scenario, 'handshake-secret').output.value).not.toBe(
      rfc8448.handshakeSecret,
    );
    expect(isComputationDifferent(computation(scenario, 'handshake-secret'))).toBe(true);
    expect(computation(scenario, 'early-secret').output.value).toBe(rfc8448.earlySecret);
    expect(toHex(computation(scenario, 'derived-secret-for-handshake').bytes!)).toBe(
      '00200d746c7331332064657269766564' + '00',
    );
  });

  it('wrong sequence number keeps the key schedule', () => {
    const scenario = build('wrong-sequence-number');
    expect(computation(scenario, 'client-handshake-traffic-secret').output.value).toBe(
      rfc8448.clientHandshakeTrafficSecret,
    );
    expect(computation(scenario, 'server-application-key').output.value).toBe(
      rfc8448.serverApplicationKey,
    );
    expect(computation(scenario, 'client-finished-seal').output.note).toContain(MATCHES_NOTE);
  });

  it('wrong sequence number changes a ciphertext and breaks opens', () => {
    const scenario = build('wrong-sequence-number');
    expect(isComputationDifferent(computation(scenario, 'client-application-data-seal'))).toBe(
      true,
    );
    expect(toHex(step(scenario, 'client-application-data').messages[0]!.bytes!)).not.toBe(
      rfc8448.clientApplicationDataRecord,
    );
    expect(computation(scenario, 'new-session-ticket-open').output.value).toBe(
      'authentication failed',
    );
    expect(computation(scenario, 'server-application-data-open').output.value).toBe(
      'authentication failed',
    );
    expect(computation(scenario, 'client-application-data-open').output.value).toBe(
      'authentication failed',
    );
  });

  it.each(tlsBugs.filter((bug) => bug !== 'none'))('%s highlights what it changed', (bug) => {
    const scenario = build(bug);
    const flagged = scenario.steps.flatMap((s) =>
      (s.computations ?? []).filter(isComputationDifferent).map((c) => c.id),
    );
    expect(flagged.length).toBeGreaterThan(0);
    for (const s of scenario.steps) {
      for (const c of (s.computations ?? []).filter(isComputationDifferent))
        expect(s.highlight).toContain(c.id);
    }
  });

  it('no bug marks nothing as different', () => {
    const scenario = buildTlsHandshake(fresh(), 1);
    expect(scenario.steps.flatMap((s) => s.computations ?? []).some(isComputationDifferent)).toBe(
      false,
    );
  });
});

/** The steps of the key schedule that carry a sentence about the client's bug. */
const scheduleStepIds = [
  'early-secret',
  'derived-secret-for-handshake',
  'handshake-secret',
  'client-handshake-traffic-secret',
  'server-handshake-traffic-secret',
  'handshake-keys',
  'derived-secret-for-master',
  'master-secret',
  'client-application-traffic-secret',
  'server-application-traffic-secret',
  'exporter-master-secret',
  'server-application-keys',
  'client-application-keys',
  'resumption-master-secret',
];

const recordStepIds = [
  'encrypted-extensions',
  'certificate',
  'certificate-verify',
  'server-finished',
  'client-finished',
  'new-session-ticket',
  'client-application-data',
  'server-application-data',
];

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/).filter(Boolean);
}

function actorState(scenario: Scenario, stepId: string, actorId: string) {
  const found = step(scenario, stepId).actors.find((actor) => actor.actorId === actorId);
  if (!found) throw new Error(`no actor ${actorId} in step ${stepId}`);
  return found;
}

describe('bug narration in the key schedule', () => {
  const build = (bug: TlsBug) => buildTlsHandshake({ ...rfcParameters, bug }, 1);

  it('sequence-number bug leaves every schedule step unaffected', () => {
    const scenario = build('wrong-sequence-number');
    for (const id of scheduleStepIds) {
      const narration = step(scenario, id).narration;
      expect(narration, id).toContain('The sequence-number bug does not touch key derivation');
      expect(narration, id).not.toContain('applies here');
    }
  });

  it('sequence-number bug shows each schedule value once', () => {
    const scenario = build('wrong-sequence-number');
    for (const id of scheduleStepIds) {
      const ids = step(scenario, id).computations!.map((c) => c.id);
      expect(
        ids.filter((computationId) => computationId.endsWith('-server')),
        id,
      ).toEqual([]);
    }
  });

  it.each(['two-byte-label-length', 'empty-derived-context'] as const)(
    '%s leaves the Early Secret unaffected',
    (bug) => {
      const early = step(build(bug), 'early-secret');
      expect(early.computations!.map((c) => c.output.note)).toEqual([MATCHES_NOTE, MATCHES_NOTE]);
      expect(early.narration).toContain('both derive the same Early Secret');
      expect(early.narration).not.toContain('applies here');
    },
  );

  it('two-byte bug narration names HKDF-Extract as free of HkdfLabel', () => {
    const narration = step(build('two-byte-label-length'), 'early-secret').narration;
    expect(narration).toContain('HKDF-Extract encodes no HkdfLabel');
  });

  it.each(['two-byte-label-length', 'empty-derived-context'] as const)(
    '%s narrates a difference only where one is shown',
    (bug) => {
      const scenario = build(bug);
      for (const id of scheduleStepIds) {
        const shown = step(scenario, id);
        const differs = (shown.computations ?? []).some(isComputationDifferent);
        if (differs) {
          expect(shown.narration, id).toMatch(/differs? from the server's correct ones?|too\./);
          expect(shown.narration, id).not.toContain('derive the same');
        } else {
          expect(shown.narration, id).toContain('derive the same');
          expect(shown.narration, id).not.toContain('differ');
        }
      }
    },
  );

  it('two-byte bug applies in every HKDF-Expand-Label step', () => {
    const scenario = build('two-byte-label-length');
    const applies = scheduleStepIds.filter((id) =>
      step(scenario, id).narration.includes("The client's bug applies here"),
    );
    expect(applies).toEqual(
      scheduleStepIds.filter(
        (id) => !['early-secret', 'handshake-secret', 'master-secret'].includes(id),
      ),
    );
  });

  it('empty-context bug applies only in the derived steps', () => {
    const scenario = build('empty-derived-context');
    const applies = scheduleStepIds.filter((id) =>
      step(scenario, id).narration.includes("The client's bug applies here"),
    );
    expect(applies).toEqual(['derived-secret-for-handshake', 'derived-secret-for-master']);
  });

  it('empty-context bug traces the Handshake Secret to its salt', () => {
    const narration = step(build('empty-derived-context'), 'handshake-secret').narration;
    expect(narration).toContain("the client's salt already differs");
  });

  it('no bug says each value is shown once', () => {
    const scenario = build('none');
    for (const id of scheduleStepIds) {
      expect(step(scenario, id).narration, id).toContain(
        'Both sides compute the same value, so the step shows it once.',
      );
    }
  });
});

describe('records that do not open', () => {
  const cases: [string, TlsHandshakeParameters][] = tlsBugs.flatMap((bug) => [
    [`rfc8448 ${bug}`, { ...rfcParameters, bug }] as [string, TlsHandshakeParameters],
    [`fresh ${bug}`, fresh({ bug })] as [string, TlsHandshakeParameters],
  ]);

  it.each(cases)('%s shows each failed open in the step data', (_name, parameters) => {
    const scenario = buildTlsHandshake(parameters, 3);
    for (const id of recordStepIds) {
      const open = computation(scenario, `${id}-open`);
      const receiver = actorState(scenario, id, open.actorId);
      const alert = receiver.fields.find((field) => field.name === 'alert');
      const highlight = step(scenario, id).highlight ?? [];
      if (open.output.value === 'authentication failed') {
        expect(receiver.headline, id).toMatch(/^bad_record_mac: /);
        expect(alert?.value, id).toBe('bad_record_mac (RFC 8446 §5.2)');
        expect(highlight, id).toContain('alert');
        expect(highlight, id).toContain(`${id}-open`);
      } else {
        expect(highlight, id).not.toContain('alert');
      }
    }
  });

  it('sequence-number bug rejects the client data on the server', () => {
    const scenario = buildTlsHandshake({ ...rfcParameters, bug: 'wrong-sequence-number' }, 1);
    const server = actorState(scenario, 'client-application-data', 'server');
    expect(server.headline).toBe(
      "bad_record_mac: the client's application data record did not open",
    );
    expect(server.fields.find((field) => field.name === 'alert')?.value).toBe(
      'bad_record_mac (RFC 8446 §5.2)',
    );
    expect(step(scenario, 'client-application-data').narration).toContain(
      'The server opens this record with sequence number 0, but the client sealed it with 1',
    );
  });

  it('two-byte bug blames the keys, not the sequence numbers', () => {
    const scenario = buildTlsHandshake({ ...rfcParameters, bug: 'two-byte-label-length' }, 1);
    expect(step(scenario, 'encrypted-extensions').narration).toContain(
      "The client's key and IV for this record differ from the server's",
    );
    expect(actorState(scenario, 'client-finished', 'server').headline).toBe(
      'bad_record_mac: the client Finished record did not open',
    );
  });

  it('no bug sends no alert', () => {
    for (const parameters of [rfcParameters, fresh()]) {
      const scenario = buildTlsHandshake(parameters, 3);
      for (const shown of scenario.steps) {
        for (const actor of shown.actors)
          expect(actor.fields.map((field) => field.name)).not.toContain('alert');
      }
    }
  });

  it('summary says the lab goes on after a failure', () => {
    expect(
      buildTlsHandshake({ ...rfcParameters, bug: 'two-byte-label-length' }, 1).summary,
    ).toContain('the lab goes on as if the record had opened');
    expect(buildTlsHandshake(rfcParameters, 1).summary).not.toContain('goes on');
  });
});

describe('handshake narration', () => {
  const cases: [string, TlsHandshakeParameters][] = [];
  for (const bug of tlsBugs) {
    cases.push([`rfc8448 ${bug}`, { ...rfcParameters, bug }]);
    for (const cipherSuite of cipherSuiteNames)
      cases.push([`fresh ${cipherSuite} ${bug}`, fresh({ cipherSuite, bug })]);
  }

  it.each(cases)('%s narrates each step in one or two sentences', (_name, parameters) => {
    for (const shown of buildTlsHandshake(parameters, 7).steps) {
      const count = sentences(shown.narration).length;
      expect(count, shown.id).toBeGreaterThanOrEqual(1);
      expect(count, shown.id).toBeLessThanOrEqual(2);
    }
  });

  it.each(cases)('%s puts the right article before names', (_name, parameters) => {
    const scenario = buildTlsHandshake(parameters, 7);
    const texts = [
      scenario.summary,
      ...scenario.steps.flatMap((shown) => [
        shown.narration,
        ...shown.actors.flatMap((actor) => [actor.headline, ...actor.fields.map((f) => f.note)]),
      ]),
    ];
    for (const text of texts) {
      expect(text ?? '').not.toMatch(/\ba (AES|HKDF|HMAC|X25519|RSA|Ed25519|ECDHE|HTTP|IV)\b/);
      expect(text ?? '').not.toMatch(/\ban (SHA|ChaCha)/);
    }
  });

  it('names the AEAD key length without an article', () => {
    const narration = step(buildTlsHandshake(rfcParameters, 1), 'handshake-keys').narration;
    expect(narration).toContain('the AES-128-GCM key (16 bytes) and IV (12 bytes)');
  });
});
