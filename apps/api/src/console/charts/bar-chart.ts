/** One bar: a label and a value per series (one series is a plain bar chart, several are stacked). */
export interface ChartRow {
  label: string;
  values: number[];
}

export interface BarChart {
  id: string;
  title: string;
  /** The chart in words, for the SVG's <desc> (screen readers) and as its caption. */
  summary: string;
  series: { name: string; className: string }[];
  rows: { label: string; total: number; y: number; segments: { x: number; width: number; value: number; className: string; series: string }[] }[];
  width: number;
  height: number;
  labelWidth: number;
}

const ROW_HEIGHT = 32;
const LABEL_WIDTH = 260;
const PLOT_WIDTH = 400;
const VALUE_WIDTH = 60;

/**
 * A horizontal bar chart drawn on the server as SVG (no chart script, no CDN), with a sentence
 * that says what it shows and the same figures as a table beside it (views/_chart.njk).
 */
export function barChart(id: string, title: string, seriesNames: string[], rows: ChartRow[]): BarChart {
  const max = Math.max(1, ...rows.map((r) => sum(r.values)));
  const series = seriesNames.map((name, i) => ({ name, className: `app-bar app-bar--${(i % 4) + 1}` }));
  return {
    id,
    title,
    summary: describe(title, seriesNames, rows),
    series,
    labelWidth: LABEL_WIDTH,
    width: LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH,
    height: Math.max(1, rows.length) * ROW_HEIGHT,
    rows: rows.map((row, i) => {
      let x = LABEL_WIDTH;
      const segments = row.values.map((value, s) => {
        const width = Math.round((value / max) * PLOT_WIDTH);
        const segment = { x, width, value, className: series[s]!.className, series: series[s]!.name };
        x += width;
        return segment;
      });
      return { label: row.label, total: sum(row.values), y: i * ROW_HEIGHT, segments };
    }),
  };
}

function describe(title: string, seriesNames: string[], rows: ChartRow[]): string {
  if (rows.length === 0) return `${title}: no data yet.`;
  const top = [...rows].sort((a, b) => sum(b.values) - sum(a.values))[0]!;
  const total = rows.reduce((all, r) => all + sum(r.values), 0);
  if (total === 0) return `${title}: none yet.`;
  const across = seriesNames.length > 1 ? ` across ${seriesNames.join(', ')}` : '';
  return `${title}: ${total} in all${across}; the largest is ${top.label} with ${sum(top.values)}.`;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
