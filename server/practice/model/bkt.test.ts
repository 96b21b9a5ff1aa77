import { DEFAULT_BKT_PARAMS, MASTERY_THRESHOLD, posteriorKnown, predictCorrect, replay, updateKnown, type BktParams } from './bkt';

// The worked example: P(L) .2, T .15, G .2, S .1.
const P: BktParams = { pInit: 0.2, pLearn: 0.15, pGuess: 0.2, pSlip: 0.1, pForget: 0 };
const WITH_FORGET: BktParams = { ...P, pForget: 0.05 };

describe('predictCorrect', () => {
  it('mixes 1 − slip and guess by P(known)', () => {
    // 0.2 × 0.9 + 0.8 × 0.2 = 0.18 + 0.16 = 0.34
    expect(predictCorrect(0.2, P)).toBeCloseTo(0.34, 12);
  });
});

describe('updateKnown', () => {
  it('after a correct answer', () => {
    // posterior = 0.2 × 0.9 / (0.18 + 0.8 × 0.2) = 0.18 / 0.34 = 0.529411…
    expect(posteriorKnown(0.2, true, P)).toBeCloseTo(0.18 / 0.34, 12);
    // next = 0.529411 + 0.470588 × 0.15 = (0.18 + 0.16 × 0.15) / 0.34 = 0.204 / 0.34 = 0.6
    expect(updateKnown(0.2, true, P)).toBeCloseTo(0.6, 12);
  });

  it('after an incorrect answer', () => {
    // posterior = 0.2 × 0.1 / (0.02 + 0.8 × 0.8) = 0.02 / 0.66 = 0.030303…
    expect(posteriorKnown(0.2, false, P)).toBeCloseTo(0.02 / 0.66, 12);
    // next = (0.02 + 0.64 × 0.15) / 0.66 = 0.116 / 0.66 = 0.175757…
    expect(updateKnown(0.2, false, P)).toBeCloseTo(0.1757575757575, 12);
  });

  it('with forgetting', () => {
    // correct: (0.18 × 0.95 + 0.16 × 0.15) / 0.34 = (0.171 + 0.024) / 0.34 = 0.573529…
    expect(updateKnown(0.2, true, WITH_FORGET)).toBeCloseTo(0.5735294117647, 12);
    // incorrect: (0.02 × 0.95 + 0.64 × 0.15) / 0.66 = (0.019 + 0.096) / 0.66 = 0.174242…
    expect(updateKnown(0.2, false, WITH_FORGET)).toBeCloseTo(0.1742424242424, 12);
  });

  it('two correct answers in a row', () => {
    // from 0.6: posterior = 0.54 / (0.54 + 0.4 × 0.2) = 0.54 / 0.62;
    // next = (0.54 + 0.08 × 0.15) / 0.62 = 0.552 / 0.62 = 0.890322…
    expect(updateKnown(updateKnown(0.2, true, P), true, P)).toBeCloseTo(0.8903225806452, 12);
  });

  it('keeps the belief when the model calls the observation impossible', () => {
    // G = 0 and P(L) = 0: a correct answer has probability 0; posterior stays 0, then learning.
    const noGuess = { ...P, pGuess: 0 };
    expect(posteriorKnown(0, true, noGuess)).toBe(0);
    expect(updateKnown(0, true, noGuess)).toBeCloseTo(0.15, 12);
  });

  it('reaches mastery after three correct answers from the defaults', () => {
    // 0.2 → 0.6 → 0.890 → 0.977 (see the two tests above for the first two steps)
    let pKnown = DEFAULT_BKT_PARAMS.pInit;
    let answers = 0;
    while (pKnown < MASTERY_THRESHOLD) {
      const next = updateKnown(pKnown, true, DEFAULT_BKT_PARAMS);
      expect(next).toBeGreaterThan(pKnown);
      pKnown = next;
      answers++;
    }
    expect(answers).toBe(3);
  });
});

describe('replay', () => {
  it('equals folding updateKnown, starting at pInit', () => {
    const history = [true, false, false, true, true, true, false, true];
    for (const params of [P, WITH_FORGET]) {
      const trajectory = replay(history, params);
      expect(trajectory).toHaveLength(history.length + 1);
      let pKnown = params.pInit;
      expect(trajectory[0]).toBe(pKnown);
      history.forEach((correct, i) => {
        pKnown = updateKnown(pKnown, correct, params);
        expect(trajectory[i + 1]).toBe(pKnown);
      });
    }
  });

  it('of no attempts is just pInit', () => {
    expect(replay([], P)).toEqual([0.2]);
  });
});
