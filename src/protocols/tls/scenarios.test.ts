import { describe, expect, it } from 'vitest';
import { normalizeParameters, type ParameterSpec } from './parameters';
import { choiceValues } from '../parameters';
import {
  TLS_TEACHING_SEED,
  buildTlsScenario,
  isTlsScenarioId,
  normalizeTlsParameters,
  tlsScenarioIds,
  tlsScenarios,
} from './scenarios';
import { findScenarioProblems } from './scenario-checks';

describe('tlsScenarios', () => {
  it('lists handshake then resumption', () => {
    expect(tlsScenarioIds).toEqual(['handshake', 'resumption']);
    expect(isTlsScenarioId('resumption')).toBe(true);
    expect(isTlsScenarioId('toString')).toBe(false);
  });

  it.each(tlsScenarioIds)('%s builds from its defaults', (id) => {
    const { parameters, problems } = normalizeTlsParameters(id, {});
    expect(problems).toEqual([]);
    const scenario = tlsScenarios[id].build(parameters, TLS_TEACHING_SEED);
    expect(scenario.id).toBe(id);
    expect(findScenarioProblems(scenario)).toEqual([]);
  });

  it.each(tlsScenarioIds)('%s declares valid defaults', (id) => {
    for (const spec of tlsScenarios[id].parameters) {
      if (spec.kind === 'choice') expect(choiceValues(spec)).toContain(spec.default);
    }
  });
});

describe('normalizeTlsParameters', () => {
  it('keeps valid fresh-mode values', () => {
    const key = 'AB'.repeat(32);
    const { parameters, problems } = normalizeTlsParameters('handshake', {
      mode: 'fresh',
      cipherSuite: 'TLS_CHACHA20_POLY1305_SHA256',
      clientPrivateKey: key,
      bug: 'wrong-sequence-number',
    });
    expect(problems).toEqual([]);
    expect(parameters).toEqual({
      mode: 'fresh',
      cipherSuite: 'TLS_CHACHA20_POLY1305_SHA256',
      clientPrivateKey: 'ab'.repeat(32),
      serverPrivateKey: '',
      bug: 'wrong-sequence-number',
    });
  });

  it('replaces invalid values with defaults and reports them', () => {
    const { parameters, problems } = normalizeTlsParameters('handshake', {
      mode: 'live',
      bug: 'all',
      clientPrivateKey: 'xyz',
    });
    expect(parameters.mode).toBe('rfc8448');
    expect(parameters.bug).toBe('none');
    expect(problems.map((p) => p.name)).toEqual(['mode', 'clientPrivateKey', 'bug']);
    expect(problems[1]!.reason).toBe('must contain only hex digits 0-9 and a-f');
  });

  it('reports a key of the wrong length', () => {
    const { problems } = normalizeTlsParameters('handshake', {
      mode: 'fresh',
      serverPrivateKey: 'abcd',
    });
    expect(problems).toEqual([
      {
        name: 'serverPrivateKey',
        received: 'abcd',
        reason: 'must be 32 bytes (64 hex digits), got 4 hex digits',
      },
    ]);
  });

  it('pins the suite and clears keys in rfc8448 mode', () => {
    const { parameters } = normalizeTlsParameters('handshake', {
      mode: 'rfc8448',
      cipherSuite: 'TLS_AES_256_GCM_SHA384',
      clientPrivateKey: '11'.repeat(32),
    });
    expect(parameters.cipherSuite).toBe('TLS_AES_128_GCM_SHA256');
    expect(parameters.clientPrivateKey).toBe('');
  });

  it('drops names it does not declare', () => {
    const { parameters } = normalizeTlsParameters('resumption', {
      step: 'x',
      antiReplay: 'single-use-ticket',
    });
    expect(Object.keys(parameters).sort()).toEqual(['antiReplay', 'cipherSuite', 'mode']);
    expect(parameters.antiReplay).toBe('single-use-ticket');
  });

  it('builds the same scenario from URL values and from the registry', () => {
    const raw = { mode: 'fresh', cipherSuite: 'TLS_AES_256_GCM_SHA384' };
    expect(buildTlsScenario('handshake', raw, 3)).toEqual(
      tlsScenarios.handshake.build(normalizeTlsParameters('handshake', raw).parameters, 3),
    );
  });
});

describe('normalizeParameters', () => {
  const specs: ParameterSpec[] = [
    { name: 'count', label: 'Count', kind: 'number', default: 3, min: 1, max: 10 },
    { name: 'verbose', label: 'Verbose', kind: 'boolean', default: false },
  ];

  it.each([
    [{ count: '7', verbose: 'true' }, { count: 7, verbose: true }, 0],
    [{ count: '0', verbose: '1' }, { count: 3, verbose: true }, 1],
    [{ count: 'many', verbose: 'maybe' }, { count: 3, verbose: false }, 2],
    [{}, { count: 3, verbose: false }, 0],
  ])('normalizes %j', (raw, expected, problemCount) => {
    const result = normalizeParameters(specs, raw);
    expect(result.values).toEqual(expected);
    expect(result.problems.length).toBe(problemCount);
  });
});
