// Accuracy of predicted probabilities of a correct answer against what students did.
// `labels[i]` is the observed outcome (true = correct), `predictions[i]` its predicted
// probability; both lists are the same length.

/**
 * Area under the ROC curve: the probability that a random correct attempt was predicted
 * higher than a random incorrect one, ties counting half (Mann-Whitney U from average
 * ranks). NaN when all outcomes are the same, since there is nothing to rank.
 */
export function auc(labels: readonly boolean[], predictions: readonly number[]): number {
  checkLengths(labels, predictions);
  const order = Array.from(predictions.keys()).sort((a, b) => predictions[a]! - predictions[b]!);
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && predictions[order[end + 1]!] === predictions[order[start]!]) end++;
    // Ranks are 1-based; tied predictions share the mean of the ranks they span.
    const averageRank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) {
      if (labels[order[i]!]) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Root mean squared error of the probabilities against 0/1 outcomes. */
export function rmse(labels: readonly boolean[], predictions: readonly number[]): number {
  checkLengths(labels, predictions);
  let sum = 0;
  labels.forEach((label, i) => {
    const error = (label ? 1 : 0) - predictions[i]!;
    sum += error * error;
  });
  return Math.sqrt(sum / labels.length);
}

/**
 * Mean negative log-likelihood (natural log). Probabilities are clipped to
 * [1e-15, 1 − 1e-15] so one confident miss costs a lot but not infinity.
 */
export function logLoss(labels: readonly boolean[], predictions: readonly number[]): number {
  checkLengths(labels, predictions);
  const eps = 1e-15;
  let sum = 0;
  labels.forEach((label, i) => {
    const p = Math.min(1 - eps, Math.max(eps, predictions[i]!));
    sum -= Math.log(label ? p : 1 - p);
  });
  return sum / labels.length;
}

function checkLengths(labels: readonly boolean[], predictions: readonly number[]): void {
  if (labels.length !== predictions.length) {
    throw new RangeError(`${labels.length} labels but ${predictions.length} predictions`);
  }
  if (labels.length === 0) throw new RangeError('no predictions to score');
}
