import { auc, logLoss, rmse } from './metrics';

describe('auc', () => {
  it('is 1 when every correct attempt is ranked above every incorrect one', () => {
    expect(auc([false, false, true, true], [0.1, 0.2, 0.7, 0.9])).toBe(1);
  });

  it('is 0 when the ranking is reversed', () => {
    expect(auc([true, true, false, false], [0.1, 0.2, 0.7, 0.9])).toBe(0);
  });

  it('is 0.5 when every prediction ties', () => {
    expect(auc([true, false, true, false, false], [0.4, 0.4, 0.4, 0.4, 0.4])).toBe(0.5);
  });

  it('counts a tie between a correct and an incorrect attempt as half', () => {
    // Pairs (correct, incorrect): (0.5, 0.5) tie = ½, (0.5, 0.2) = 1, (0.9, 0.5) = 1, (0.9, 0.2) = 1
    // → 3.5 / 4 = 0.875, whatever the input order.
    expect(auc([true, false, true, false], [0.5, 0.5, 0.9, 0.2])).toBe(0.875);
    expect(auc([false, true, false, true], [0.2, 0.9, 0.5, 0.5])).toBe(0.875);
  });

  it('is NaN with only one kind of outcome', () => {
    expect(auc([true, true], [0.3, 0.6])).toBeNaN();
  });
});

describe('rmse', () => {
  it('is the root of the mean squared error', () => {
    // errors 0.2, −0.4, 0 → (0.04 + 0.16 + 0) / 3 = 0.0666… → 0.258198…
    expect(rmse([true, false, true], [0.8, 0.4, 1])).toBeCloseTo(Math.sqrt(0.2 / 3), 12);
  });
});

describe('logLoss', () => {
  it('is the mean negative log-probability of what happened', () => {
    // −(ln 0.8 + ln 0.6) / 2
    expect(logLoss([true, false], [0.8, 0.4])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12);
  });

  it('stays finite for a certain prediction that was wrong', () => {
    const loss = logLoss([true], [0]);
    expect(Number.isFinite(loss)).toBe(true);
    expect(loss).toBeCloseTo(-Math.log(1e-15), 6);
  });
});

describe('inputs', () => {
  it('rejects lists of different lengths and empty lists', () => {
    expect(() => auc([true], [0.1, 0.2])).toThrow(RangeError);
    expect(() => rmse([], [])).toThrow(RangeError);
  });
});
