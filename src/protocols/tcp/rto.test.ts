import { describe, expect, it } from 'vitest';
import { backOffRto, createRtoEstimator, sampleRtt } from './rto';

describe('RFC 6298 retransmission timer', () => {
  it('starts at 1 s', () => {
    expect(createRtoEstimator().rto).toBe(1000);
  });

  it('doubles on each expiry: 1, 2, 4, 8 s', () => {
    let estimator = createRtoEstimator();
    const values: number[] = [];
    for (let i = 0; i < 4; i++) {
      values.push(estimator.rto);
      estimator = backOffRto(estimator);
    }
    expect(values).toEqual([1000, 2000, 4000, 8000]);
  });

  it('stops doubling at 60 s', () => {
    let estimator = createRtoEstimator();
    for (let i = 0; i < 10; i++) estimator = backOffRto(estimator);
    expect(estimator.rto).toBe(60_000);
  });

  it('first sample sets SRTT = R and RTTVAR = R/2', () => {
    const estimator = sampleRtt(createRtoEstimator(), 400);
    expect(estimator.srtt).toBe(400);
    expect(estimator.rttvar).toBe(200);
    // RTO = SRTT + max(G, 4·RTTVAR) = 400 + 800.
    expect(estimator.rto).toBe(1200);
  });

  it('later samples use alpha 1/8 and beta 1/4', () => {
    const estimator = sampleRtt(sampleRtt(createRtoEstimator(), 400), 800);
    // RTTVAR = 3/4·200 + 1/4·|400 − 800| = 250; SRTT = 7/8·400 + 1/8·800 = 450.
    expect(estimator.rttvar).toBe(250);
    expect(estimator.srtt).toBe(450);
    expect(estimator.rto).toBe(1450);
  });

  it('rounds a small RTO up to 1 s', () => {
    expect(sampleRtt(createRtoEstimator(), 50).rto).toBe(1000);
  });

  it('a new sample clears the backoff', () => {
    const backedOff = backOffRto(backOffRto(sampleRtt(createRtoEstimator(), 400)));
    expect(backedOff.rto).toBe(4800);
    expect(sampleRtt(backedOff, 400).backoffs).toBe(0);
  });
});
