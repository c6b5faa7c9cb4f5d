import { describe, expect, it } from 'vitest';
import { toHex } from '../../bytes';
import { findTilingProblems, type Scenario } from '../../scenario';
import { isTls12Error } from './errors';
import { runForwardSecrecy } from './forward-secrecy';
import { buildForwardSecrecy } from './forward-secrecy-scenario';
import { secretRequestKinds } from './secret-request';
import { decryptTls12Recording } from './tls12-session';
import { attemptTls13Decryption, readKeyShare } from './tls13-session';

const SEED = 2024;
const leakRun = runForwardSecrecy({ request: 'login', leakKey: true }, SEED);
const scenario = buildForwardSecrecy({}, SEED);

function allScenarios(): Scenario[] {
  const variants: Scenario[] = [scenario, buildForwardSecrecy({ leakKey: false }, SEED)];
  for (const kind of secretRequestKinds)
    variants.push(buildForwardSecrecy({ request: kind.value }, 7));
  return variants;
}

describe('forward-secrecy run', () => {
  it('opens the TLS 1.2 recording after the leak', () => {
    const plaintext = new TextDecoder().decode(leakRun.leak!.tls12.opened.plaintext);
    expect(plaintext).toBe(leakRun.requestText);
  });

  it('recovers the client premaster secret from the recording', () => {
    const decryption = decryptTls12Recording(leakRun.tls12Recording, leakRun.keyPair.privateKey);
    expect(toHex(decryption.premaster.preMasterSecret)).toBe(toHex(leakRun.tls12.preMasterSecret));
  });

  it('recovers the password from the TLS 1.2 recording', () => {
    const plaintext = new TextDecoder().decode(leakRun.leak!.tls12.opened.plaintext);
    expect(plaintext).toContain('password=correct-horse-battery');
  });

  it('fails the TLS 1.3 server flight with the RSA key', () => {
    const result = leakRun.leak!.tls13.serverFlight;
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.error.code).toBe('record-authentication-failed');
  });

  it('fails the TLS 1.3 request with the RSA key', () => {
    const result = leakRun.leak!.tls13.applicationData;
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.error.code).toBe('record-authentication-failed');
  });

  it('opens the TLS 1.3 recording with the erased ephemeral key', () => {
    const control = attemptTls13Decryption(
      leakRun.tls13Recording,
      leakRun.tls13.clientPrivateKey,
      leakRun.tls13.serverFinishedHash,
    );
    expect(control.serverFlight.ok).toBe(true);
    expect(control.applicationData.ok).toBe(true);
    const opened = control.applicationData.ok
      ? control.applicationData.opened.content
      : new Uint8Array();
    expect(new TextDecoder().decode(opened)).toBe(leakRun.requestText);
  });

  it('reads both key shares from the recorded hellos', () => {
    expect(toHex(readKeyShare(leakRun.tls13Recording.clientHello, 'client'))).toBe(
      toHex(leakRun.tls13.clientPublicKey),
    );
    expect(toHex(readKeyShare(leakRun.tls13Recording.serverHello, 'server'))).toBe(
      toHex(leakRun.tls13.serverPublicKey),
    );
  });

  it('skips the attack when the key does not leak', () => {
    expect(runForwardSecrecy({ request: 'login', leakKey: false }, SEED).leak).toBeUndefined();
  });

  it('keeps the handshakes when only the request changes', () => {
    const other = runForwardSecrecy({ request: 'card', leakKey: true }, SEED);
    expect(toHex(other.tls12.records.clientKeyExchange.bytes)).toBe(
      toHex(leakRun.tls12.records.clientKeyExchange.bytes),
    );
    expect(toHex(other.tls13.signature)).toBe(toHex(leakRun.tls13.signature));
  });
});

describe('buildForwardSecrecy', () => {
  it('has the expected step ids', () => {
    expect(scenario.steps.map((step) => step.id)).toEqual([
      'tls12-client-hello',
      'tls12-server-hello',
      'tls12-encrypt-premaster',
      'tls12-client-key-exchange',
      'tls12-session-keys',
      'tls12-finished',
      'tls12-application-data',
      'tls12-connection-closed',
      'tls13-client-hello',
      'tls13-server-hello',
      'tls13-handshake-keys',
      'tls13-certificate-verify',
      'tls13-server-flight',
      'tls13-application-keys',
      'tls13-application-data',
      'tls13-erase-ephemeral-keys',
      'key-leak',
      'tls12-recover-premaster',
      'tls12-recover-keys',
      'tls12-read-recording',
      'tls13-try-rsa-key',
      'tls13-try-application-record',
      'summary',
    ]);
  });

  it('ends with the key private when it does not leak', () => {
    const ids = buildForwardSecrecy({ leakKey: false }, SEED).steps.map((step) => step.id);
    expect(ids.at(-1)).toBe('key-stays-private');
    expect(ids).not.toContain('tls12-read-recording');
  });

  it('replays the same scenario for a seed', () => {
    expect(buildForwardSecrecy({}, SEED)).toEqual(scenario);
  });

  it('changes with the seed', () => {
    const other = buildForwardSecrecy({}, SEED + 1);
    expect(toHex(other.steps[0]!.messages[0]!.bytes!)).not.toBe(
      toHex(scenario.steps[0]!.messages[0]!.bytes!),
    );
  });

  it('shows the recovered plaintext', () => {
    const step = scenario.steps.find((candidate) => candidate.id === 'tls12-read-recording')!;
    expect(step.computations?.[0]?.output.value).toBe(leakRun.requestText);
  });

  it('shows both TLS 1.3 attempts failing', () => {
    for (const id of ['tls13-guess-open-server-flight', 'tls13-guess-open-application-record']) {
      const found = scenario.steps
        .flatMap((step) => step.computations ?? [])
        .find((item) => item.id === id);
      expect(found?.output.value).toContain('record-authentication-failed');
    }
  });

  it('uses the three actors', () => {
    expect(scenario.actors.map((actor) => actor.id)).toEqual(['client', 'server', 'eavesdropper']);
    for (const step of scenario.steps) {
      expect(step.actors.map((actor) => actor.actorId)).toEqual([
        'client',
        'server',
        'eavesdropper',
      ]);
    }
  });

  it('rejects an unknown request kind', () => {
    let code: string | undefined;
    try {
      buildForwardSecrecy({ request: 'salary' }, SEED);
    } catch (error) {
      code = isTls12Error(error) ? error.code : undefined;
    }
    expect(code).toBe('invalid-parameter');
  });
});

describe('forward-secrecy scenario structure', () => {
  it.each(allScenarios().map((item, index) => [index, item] as const))(
    'variant %i tiles every byte',
    (_, item) => {
      for (const step of item.steps) {
        for (const message of step.messages) {
          if (!message.bytes) continue;
          const problems = findTilingProblems(message.bytes.length, message.spans ?? []);
          expect(problems, `${step.id} / ${message.id}`).toEqual([]);
        }
        for (const item of step.computations ?? []) {
          if (!item.bytes) continue;
          const problems = findTilingProblems(item.bytes.length, item.spans ?? []);
          expect(problems, `${step.id} / ${item.id}`).toEqual([]);
        }
      }
    },
  );

  it('links every message span field to a message field', () => {
    for (const step of scenario.steps) {
      for (const message of step.messages) {
        const names = new Set(message.fields.map((field) => field.name));
        const missing = (message.spans ?? []).filter(
          (span) => span.field && !names.has(span.field),
        );
        expect(missing, message.id).toEqual([]);
      }
    }
  });

  it('links every computation span field to an input or the output', () => {
    for (const step of scenario.steps) {
      for (const item of step.computations ?? []) {
        const names = new Set([...item.inputs.map((input) => input.name), item.output.name]);
        const missing = (item.spans ?? []).filter((span) => span.field && !names.has(span.field));
        expect(missing, item.id).toEqual([]);
      }
    }
  });

  it('has unique step, message and computation ids', () => {
    for (const item of allScenarios()) {
      const stepIds = item.steps.map((step) => step.id);
      const messageIds = item.steps.flatMap((step) => step.messages.map((message) => message.id));
      const computationIds = item.steps.flatMap((step) =>
        (step.computations ?? []).map((entry) => entry.id),
      );
      expect(new Set(stepIds).size).toBe(stepIds.length);
      expect(new Set(messageIds).size).toBe(messageIds.length);
      expect(new Set(computationIds).size).toBe(computationIds.length);
    }
  });

  it('depends only on earlier computations', () => {
    const seen = new Set<string>();
    for (const step of scenario.steps) {
      for (const item of step.computations ?? []) {
        for (const dependency of item.dependsOn ?? []) {
          expect(seen.has(dependency), `${item.id} depends on ${dependency}`).toBe(true);
        }
        seen.add(item.id);
      }
    }
  });

  it('narrates each step in one or two sentences', () => {
    for (const step of scenario.steps) {
      const sentences = step.narration.split(/(?<=[.!?])\s+/).filter(Boolean);
      expect(sentences.length, step.id).toBeGreaterThanOrEqual(1);
      expect(sentences.length, step.id).toBeLessThanOrEqual(2);
    }
  });

  it('uses slug step ids', () => {
    for (const step of scenario.steps) expect(step.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
});
