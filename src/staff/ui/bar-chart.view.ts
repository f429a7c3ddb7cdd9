/** A horizontal bar chart drawn as inline SVG by the page (no script, no chart library): one bar
 *  per item, its label on the left and its figure as text after it, so the chart reads without
 *  colour or hover. The page gives it a <title> and <desc>; the same figures are in a table too. */
export interface BarChartView {
  id: string;
  title: string;
  desc: string;
  width: number;
  height: number;
  labelX: number;
  bars: Array<{ label: string; value: number; x: number; y: number; width: number; height: number; textY: number; valueX: number }>;
}

const WIDTH = 640;
const LABEL_WIDTH = 200;
const VALUE_ROOM = 60;
const BAR = 22;
const GAP = 10;

export function barChart(id: string, title: string, desc: string, items: Array<{ label: string; value: number }>): BarChartView {
  const largest = Math.max(1, ...items.map((item) => item.value));
  const room = WIDTH - LABEL_WIDTH - VALUE_ROOM;
  return {
    id,
    title,
    desc,
    width: WIDTH,
    height: items.length * (BAR + GAP) + GAP,
    labelX: LABEL_WIDTH - 8,
    bars: items.map((item, index) => {
      const y = GAP + index * (BAR + GAP);
      // A bar for a figure above zero is at least 2 units wide, so it is never lost.
      const width = item.value > 0 ? Math.max(2, Math.round((item.value / largest) * room)) : 0;
      return { label: item.label, value: item.value, x: LABEL_WIDTH, y, width, height: BAR, textY: y + BAR / 2 + 5, valueX: LABEL_WIDTH + width + 6 };
    }),
  };
}
