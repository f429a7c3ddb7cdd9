import { barChart } from './bar-chart.view';

describe('barChart', () => {
  it('scales bars to the largest figure and keeps a small non-zero one visible', () => {
    const chart = barChart('c', 'T', 'D', [
      { label: 'a', value: 380 },
      { label: 'b', value: 1 },
      { label: 'c', value: 0 },
    ]);
    expect(chart.bars.map((bar) => bar.width)).toEqual([380, 2, 0]);
    expect(chart.bars.map((bar) => bar.y)).toEqual([10, 42, 74]);
    expect(chart.height).toBe(106);
    expect(chart.bars[0].valueX).toBe(200 + 380 + 6);
  });

  it('draws nothing but empty bars when every figure is zero', () => {
    expect(barChart('c', 'T', 'D', [{ label: 'a', value: 0 }]).bars[0].width).toBe(0);
  });
});
