export function percentile(values: number[], p: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export const median = (values: number[]) => {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** 12345 -> "12,345" */
export const thousands = (value: number) => value.toLocaleString('en');

export interface Row {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  holds: boolean | undefined;
}
