import { describe, expect, it } from 'vitest';
import { isLabError } from '../../core/lab-error';
import { findTilingProblems, type Scenario } from '../scenario';
import {
  buildTcpScenario,
  getTcpScenario,
  normalizeTcpParameters,
  TCP_SCENARIO_IDS,
  tcpScenarios,
  type TcpScenarioId,
} from './scenarios';
import { TEACHING_SEED } from './scenario-kit';

const SEEDS = [TEACHING_SEED, 2, 12345];
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const built = new Map<string, Scenario>();
function scenarioFor(id: string, seed: number): Scenario {
  const key = `${id}:${seed}`;
  if (!built.has(key)) built.set(key, buildTcpScenario(id, {}, seed));
  return built.get(key)!;
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isLabError(error) ? error.code : 'not a LabError';
  }
  return undefined;
}

describe('TCP scenario registry', () => {
  it('lists every scenario in order', () => {
    expect(Object.keys(tcpScenarios)).toEqual([...TCP_SCENARIO_IDS]);
  });

  it.each(TCP_SCENARIO_IDS)('%s declares its own id', (id) => {
    expect(tcpScenarios[id].id).toBe(id);
  });

  it('rejects an unknown id', () => {
    expect(codeOf(() => getTcpScenario('teardown'))).toBe('tcp/unknown-scenario');
  });
});

describe.each(TCP_SCENARIO_IDS)('scenario %s', (id) => {
  it('replays deep-equal for a seed', () => {
    expect(buildTcpScenario(id, {}, TEACHING_SEED)).toEqual(scenarioFor(id, TEACHING_SEED));
  });

  it('has steps with unique slug ids', () => {
    const ids = scenarioFor(id, TEACHING_SEED).steps.map((s) => s.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    for (const stepId of ids) expect(stepId).toMatch(SLUG);
  });

  it('every step narrates and cites an RFC', () => {
    for (const step of scenarioFor(id, TEACHING_SEED).steps) {
      expect(step.title.length).toBeGreaterThan(0);
      expect(step.narration.length).toBeGreaterThan(20);
      expect(step.reference).toMatch(/RFC \d+/);
      expect(step.time).toBeTypeOf('number');
    }
  });

  it('every step shows the client and the server', () => {
    for (const step of scenarioFor(id, TEACHING_SEED).steps) {
      const actors = step.actors.map((a) => a.actorId);
      expect(actors).toContain('client');
      expect(actors).toContain('server');
    }
  });

  it('message and actor ids name declared actors', () => {
    const scenario = scenarioFor(id, TEACHING_SEED);
    const declared = new Set(scenario.actors.map((a) => a.id));
    for (const step of scenario.steps) {
      for (const actor of step.actors) expect(declared.has(actor.actorId)).toBe(true);
      for (const message of step.messages) {
        expect(declared.has(message.from)).toBe(true);
        expect(declared.has(message.to)).toBe(true);
      }
    }
  });

  it.each(SEEDS)('byte spans tile every message and computation (seed %i)', (seed) => {
    for (const step of scenarioFor(id, seed).steps) {
      for (const message of step.messages) {
        if (!message.bytes) continue;
        expect(message.spans, `${step.id} ${message.id}`).toBeDefined();
        expect(
          findTilingProblems(message.bytes.length, message.spans!),
          `${step.id} ${message.id}`,
        ).toEqual([]);
        const names = new Set(message.fields.map((f) => f.name));
        for (const span of message.spans!)
          expect(names.has(span.field ?? ''), `${step.id} ${span.label}`).toBe(true);
      }
      for (const computation of step.computations ?? []) {
        if (!computation.bytes) continue;
        expect(
          findTilingProblems(computation.bytes.length, computation.spans!),
          `${step.id} ${computation.id}`,
        ).toEqual([]);
        const names = new Set([...computation.inputs, computation.output].map((f) => f.name));
        for (const span of computation.spans!)
          expect(names.has(span.field ?? ''), `${step.id} ${span.label}`).toBe(true);
      }
    }
  });
});

describe('scenario details', () => {
  it('a different seed changes the ISNs', () => {
    const first = scenarioFor('handshake', 1).steps[0]!.messages[0]!.fields.find(
      (f) => f.name === 'Sequence Number',
    );
    const second = scenarioFor('handshake', 2).steps[0]!.messages[0]!.fields.find(
      (f) => f.name === 'Sequence Number',
    );
    expect(first?.value).not.toBe(second?.value);
  });

  it('handshake starts with the SYN and its checksum', () => {
    const first = scenarioFor('handshake', TEACHING_SEED).steps[0]!;
    expect(first.id).toBe('syn-sent');
    expect(first.messages[0]?.label).toMatch(/^SYN seq=0/);
    expect(first.computations?.[0]?.output.name).toBe('Checksum');
  });

  it('handshake checksum output matches the SYN', () => {
    const first = scenarioFor('handshake', TEACHING_SEED).steps[0]!;
    const checksum = first.messages[0]!.fields.find((f) => f.name === 'Checksum')?.value;
    expect(first.computations?.[0]?.output.value).toBe(checksum);
  });

  it('handshake ends with both sides ESTABLISHED', () => {
    const last = scenarioFor('handshake', TEACHING_SEED).steps.at(-1)!;
    expect(last.actors.map((a) => a.headline)).toEqual(['ESTABLISHED', 'ESTABLISHED']);
  });

  it('close has the states of the four-way close', () => {
    const ids = scenarioFor('close', TEACHING_SEED).steps.map((s) => s.id);
    for (const id of ['fin-wait-1', 'close-wait', 'fin-wait-2', 'last-ack', 'time-wait'])
      expect(ids).toContain(id);
  });

  it('close fin-wait-2 step shows the client in FIN-WAIT-2', () => {
    const step = scenarioFor('close', TEACHING_SEED).steps.find((s) => s.id === 'fin-wait-2')!;
    expect(step.actors.find((a) => a.actorId === 'client')?.headline).toBe('FIN-WAIT-2');
  });

  it('close time-wait lasts 2·MSL', () => {
    const steps = scenarioFor('close', TEACHING_SEED).steps;
    const timeWait = steps.find((s) => s.id === 'time-wait')!;
    const closed = steps.find((s) => s.id === 'client-closed')!;
    expect(closed.time! - timeWait.time!).toBe(60_000);
  });

  it('close with a lost final ACK restarts TIME-WAIT', () => {
    const ids = buildTcpScenario('close', { loseFinalAck: true }, TEACHING_SEED).steps.map(
      (s) => s.id,
    );
    expect(ids).toContain('fin-retransmitted');
    expect(ids).toContain('time-wait-restarted');
  });

  it('simultaneous close passes through CLOSING', () => {
    const step = scenarioFor('simultaneous-close', TEACHING_SEED).steps.find(
      (s) => s.id === 'closing',
    )!;
    expect(step.actors.map((a) => a.headline)).toEqual(['CLOSING', 'CLOSING']);
  });

  it('simultaneous open passes through SYN-RECEIVED', () => {
    const ids = scenarioFor('simultaneous-open', TEACHING_SEED).steps.map((s) => s.id);
    expect(ids).toEqual(['syn-sent', 'syn-received', 'established']);
  });

  it('reset refuses the connection', () => {
    const last = scenarioFor('reset', TEACHING_SEED).steps.at(-1)!;
    expect(last.id).toBe('closed');
    expect(last.actors.find((a) => a.actorId === 'client')?.headline).toBe('CLOSED');
  });

  it('abort resets the server', () => {
    const ids = scenarioFor('abort', TEACHING_SEED).steps.map((s) => s.id);
    expect(ids).toContain('closed');
    expect(ids).toContain('server-closed');
  });

  it('syn-loss backs off 1 s, 2 s, 4 s', () => {
    const steps = scenarioFor('syn-loss', TEACHING_SEED).steps;
    const times = steps.filter((s) => s.id.startsWith('syn-retransmitted')).map((s) => s.time);
    expect(times).toEqual([1000, 3000, 7000]);
  });

  it('fast-retransmit resends after the third duplicate ACK', () => {
    const ids = scenarioFor('fast-retransmit', TEACHING_SEED).steps.map((s) => s.id);
    expect(ids.indexOf('duplicate-ack-2')).toBeLessThan(ids.indexOf('fast-retransmit'));
    expect(ids).not.toContain('timeout');
  });

  it('zero-window probes and reopens', () => {
    const ids = scenarioFor('zero-window', TEACHING_SEED).steps.map((s) => s.id);
    for (const id of ['zero-window', 'probe-1', 'application-reads', 'window-open'])
      expect(ids).toContain(id);
  });

  it('congestion marks every kind of event', () => {
    const plot = scenarioFor('congestion', TEACHING_SEED).plot!;
    const kinds = new Set(plot.events.map((e) => e.kind));
    for (const kind of ['loss', 'fast-retransmit', 'timeout', 'slow-start-exit'])
      expect(kinds).toContain(kind);
  });

  it('congestion plots cwnd and ssthresh', () => {
    const plot = scenarioFor('congestion', TEACHING_SEED).plot!;
    expect(plot.series.map((s) => s.name)).toEqual(['cwnd', 'ssthresh']);
    expect(plot.series[0]!.points.length).toBeGreaterThan(100);
  });

  it('congestion steps carry plotX inside the plot', () => {
    const scenario = scenarioFor('congestion', TEACHING_SEED);
    const maxX = Math.max(...scenario.plot!.series[0]!.points.map(([x]) => x));
    for (const step of scenario.steps) {
      expect(step.plotX).toBeGreaterThanOrEqual(0);
      expect(step.plotX).toBeLessThanOrEqual(maxX);
    }
  });

  it('congestion with Reno differs from NewReno', () => {
    const reno = buildTcpScenario('congestion', { algorithm: 'reno' }, TEACHING_SEED);
    expect(reno.plot?.title).toContain('Reno');
    expect(reno).not.toEqual(scenarioFor('congestion', TEACHING_SEED));
  });

  it('nagle stall ends with the delayed ACK', () => {
    const withNagle = scenarioFor('nagle', TEACHING_SEED).steps.find(
      (s) => s.id === 'response-received',
    )!;
    const withoutNagle = buildTcpScenario('nagle', { noDelay: true }, TEACHING_SEED).steps.find(
      (s) => s.id === 'response-received',
    )!;
    expect(withNagle.time! - withoutNagle.time!).toBeGreaterThanOrEqual(200);
  });

  it('tcp-vs-udp tiles the 8-byte UDP header', () => {
    const step = scenarioFor('tcp-vs-udp', TEACHING_SEED).steps.find(
      (s) => s.id === 'header-sizes',
    )!;
    const udp = step.messages.find((m) => m.from === 'udp-client')!;
    expect(udp.spans!.filter((s) => s.end <= 8).map((s) => s.label)).toEqual([
      'Source Port',
      'Destination Port',
      'Length',
      'Checksum',
    ]);
  });

  it('tcp-vs-udp retries a lost UDP request in the application', () => {
    const ids = scenarioFor('tcp-vs-udp', TEACHING_SEED).steps.map((s) => s.id);
    expect(ids).toContain('tcp-retransmission');
    expect(ids).toContain('udp-application-retry');
  });
});

describe('parameters', () => {
  it('replaces an out-of-range number with its default', () => {
    expect(normalizeTcpParameters('congestion', { rttMs: '5000' }).rttMs).toBe(100);
  });

  it('reads a number from URL text', () => {
    expect(normalizeTcpParameters('congestion', { lossPercent: '0.4' }).lossPercent).toBe(0.4);
  });

  it('falls back to the default for garbage', () => {
    expect(
      normalizeTcpParameters('congestion', { rttMs: 'fast', algorithm: 'cubic', outage: 'maybe' }),
    ).toMatchObject({
      rttMs: 100,
      algorithm: 'newreno',
      outage: true,
    });
  });

  it('reads booleans from URL words', () => {
    expect(normalizeTcpParameters('nagle', { noDelay: 'true' }).noDelay).toBe(true);
    expect(normalizeTcpParameters('nagle', { noDelay: '0' }).noDelay).toBe(false);
  });

  it('drops unknown names', () => {
    expect(Object.keys(normalizeTcpParameters('reset', { evil: 1 }))).toEqual(['port', 'rttMs']);
  });

  it('builder rejects an out-of-range value', () => {
    expect(codeOf(() => tcpScenarios.handshake.build({ mss: 70000 }, 1))).toBe(
      'tcp/invalid-parameter',
    );
  });

  it('builder rejects a wrong type', () => {
    expect(codeOf(() => tcpScenarios.data.build({ delayedAck: 'yes' }, 1))).toBe(
      'tcp/invalid-parameter',
    );
  });

  it.each(TCP_SCENARIO_IDS)('%s parameters have valid defaults', (id) => {
    const specs = tcpScenarios[id].parameters;
    const defaults = Object.fromEntries(specs.map((s) => [s.name, s.default]));
    expect(normalizeTcpParameters(id, defaults)).toEqual(defaults);
  });
});

/** Lists the scenario's defaults, each number parameter at its minimum and maximum, and each boolean flipped. */
function parameterVariants(id: TcpScenarioId): Record<string, unknown>[] {
  const variants: Record<string, unknown>[] = [{}];
  for (const spec of tcpScenarios[id].parameters) {
    if (spec.kind === 'number') variants.push({ [spec.name]: spec.min }, { [spec.name]: spec.max });
    if (spec.kind === 'boolean') variants.push({ [spec.name]: !spec.default });
  }
  return variants;
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/).filter(Boolean);
}

function stepTexts(scenario: Scenario): string[] {
  return [
    scenario.summary,
    ...scenario.steps.flatMap((step) => [
      step.title,
      step.narration,
      ...step.actors.flatMap((actor) => actor.fields.map((f) => `${f.value} ${f.note ?? ''}`)),
      ...step.messages.flatMap((message) => message.fields.map((f) => f.value)),
    ]),
  ];
}

describe.each(TCP_SCENARIO_IDS)('scenario %s across its parameters', (id) => {
  const scenarios = parameterVariants(id).map(
    (parameters) => [JSON.stringify(parameters), buildTcpScenario(id, parameters, 3)] as const,
  );

  it('narrates each step in one or two sentences', () => {
    for (const [parameters, scenario] of scenarios) {
      for (const step of scenario.steps) {
        const count = sentences(step.narration).length;
        expect(count, `${parameters} ${step.id}`).toBeGreaterThanOrEqual(1);
        expect(count, `${parameters} ${step.id}`).toBeLessThanOrEqual(2);
      }
    }
  });

  it('gives every step a unique id', () => {
    for (const [parameters, scenario] of scenarios) {
      const ids = scenario.steps.map((step) => step.id);
      expect(new Set(ids).size, parameters).toBe(ids.length);
    }
  });

  it('puts times on the 0.1 ms clock', () => {
    for (const [parameters, scenario] of scenarios) {
      for (const step of scenario.steps) {
        const times = [step.time!, ...step.messages.flatMap((m) => [m.sentAt, m.arrivesAt])];
        for (const time of times.filter((t) => t !== undefined))
          expect(Math.round(time * 10) / 10, `${parameters} ${step.id}`).toBe(time);
      }
    }
  });

  it('writes a singular noun after the count 1', () => {
    for (const [parameters, scenario] of scenarios) {
      for (const text of stepTexts(scenario))
        expect(text, parameters).not.toMatch(/(^|[^\d.])1 (segments|bytes|seconds|ACKs|RSTs)\b/);
    }
  });

  it('labels sequence numbers relative to the ISNs', () => {
    for (const [parameters, scenario] of scenarios) {
      for (const step of scenario.steps) {
        for (const message of step.messages) {
          const seq = /\bseq=(\d+)/.exec(message.label)?.[1];
          // Every scenario sends far less than 1 MB, so a relative number stays below it.
          if (seq !== undefined)
            expect(Number(seq), `${parameters} ${message.label}`).toBeLessThan(1e6);
        }
      }
    }
  });
});

describe('abort scenario', () => {
  const scenario = scenarioFor('abort', TEACHING_SEED);
  const step = (id: string) => scenario.steps.find((s) => s.id === id)!;
  const serverField = (stepId: string, name: string) =>
    step(stepId)
      .actors.find((a) => a.actorId === 'server')!
      .fields.find((f) => f.name === name);

  it('labels the abort RST and the late RSTs alike', () => {
    const labels = scenario.steps.flatMap((s) =>
      s.messages.filter((m) => m.label.startsWith('RST')).map((m) => m.label),
    );
    expect(labels.length).toBeGreaterThan(1);
    expect(new Set(labels)).toEqual(new Set(['RST seq=38']));
  });

  it('keeps the absolute number in a late RST', () => {
    const late = step('rst-replies').messages.find((m) => m.label.startsWith('RST'))!;
    const field = late.fields.find((f) => f.name === 'Sequence Number')!;
    expect(Number(field.value)).toBeGreaterThan(1e6);
    expect(field.note).toBe(
      'relative 38, taken from the ACK field of the segment answered (RFC 9293 §3.10.7.1)',
    );
  });

  it('explains the ACKs before the server resets', () => {
    const ids = scenario.steps.map((s) => s.id);
    expect(ids.indexOf('acks-received')).toBe(ids.indexOf('server-closed') - 1);
    const narration = step('acks-received').narration;
    expect(narration).toContain(
      `SND.UNA moves to ${serverField('acks-received', 'SND.UNA')!.value}`,
    );
    expect(narration).toContain(`cwnd grows to ${serverField('acks-received', 'cwnd')!.value}`);
    expect(narration).toContain('SRTT is now 53 ms');
  });

  it('changes only the state when the RST arrives', () => {
    for (const name of ['SND.UNA', 'cwnd', 'RTO'])
      expect(serverField('server-closed', name), name).toEqual(serverField('acks-received', name));
    expect(step('server-closed').messages.map((m) => m.label)).toEqual(['RST seq=38']);
  });

  it('explains the late RSTs the server drops', () => {
    const last = scenario.steps.at(-1)!;
    expect(last.id).toBe('late-rsts-dropped');
    expect(last.messages.every((m) => m.label === 'RST seq=38' && m.fate === 'delivered')).toBe(
      true,
    );
  });

  it.each([
    [{ abortAfterMs: 1, rttMs: 2 }],
    [{ abortAfterMs: 2000, rttMs: 1000, responseSegments: 2 }],
    [{ abortAfterMs: 20, rttMs: 10 }],
  ])('gives unique step ids for %j', (parameters) => {
    const ids = buildTcpScenario('abort', parameters, TEACHING_SEED).steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('says when the abort comes after the whole response', () => {
    const late = buildTcpScenario('abort', { abortAfterMs: 2000 }, TEACHING_SEED);
    expect(late.steps[0]!.narration).toContain('will abort after the whole response has arrived');
  });
});

describe('narration wording', () => {
  it('time-wait sets 2·MSL against RFC 793 and Linux', () => {
    for (const id of ['close', 'simultaneous-close']) {
      const narration = scenarioFor(id, TEACHING_SEED).steps.find(
        (s) => s.id === 'time-wait',
      )!.narration;
      expect(narration, id).toContain('2·MSL = 60 s in TIME-WAIT');
      expect(narration, id).toContain('RFC 793 sets MSL to 2 minutes');
      expect(narration, id).toContain('such as 60 s on Linux');
    }
  });

  it('congestion names an initial window of one segment', () => {
    const narration = buildTcpScenario('congestion', { initialWindow: 1 }, TEACHING_SEED).steps[0]!
      .narration;
    expect(narration).toContain('an initial window of 1 segment and');
  });

  it('zero-window sends a single segment in the singular', () => {
    const step = buildTcpScenario(
      'zero-window',
      { receiveBufferBytes: 1460 },
      TEACHING_SEED,
    ).steps.find((s) => s.id === 'data-sent')!;
    expect(step.narration).toContain('so only 1 segment leaves and');
  });

  it.each([8, 11, 18, 80, 800])(
    'congestion names the bottleneck rate %i Mbit/s',
    (bandwidthMbps) => {
      const summary = buildTcpScenario(
        'congestion',
        { bandwidthMbps, durationSeconds: 5 },
        1,
      ).steps.at(-1)!.narration;
      expect(summary).toContain(`through a bottleneck of ${bandwidthMbps.toFixed(2)} Mbit/s`);
    },
  );

  it('congestion reports step times on the 0.1 ms clock', () => {
    const times = scenarioFor('congestion', TEACHING_SEED).steps.map((s) => s.time!);
    expect(times).toContain(218.7);
    for (const time of times) expect(Math.round(time * 10) / 10).toBe(time);
  });
});
