export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

export interface Row {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  holds: boolean | undefined;
}
