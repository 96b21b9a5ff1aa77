// Chart colours, each ≥ 3:1 against white (WCAG 1.4.11); lines also differ in dash pattern,
// and every chart sits beside a table with the numbers in words.
export const CHART_COLORS = {
  mastered: '#1d5a45',
  learning: '#9a5b00',
  notStarted: '#6b7673',
} as const;

export const LINE_STYLES: readonly { color: string; dash: string | undefined }[] = [
  { color: '#1d5a45', dash: undefined },
  { color: '#0b57d0', dash: '6 3' },
  { color: '#9a5b00', dash: '2 3' },
  { color: '#6b3fa0', dash: '10 3 2 3' },
  { color: '#8c1d18', dash: '4 2 4 6' },
  { color: '#00677f', dash: '1 4' },
];
