// The page's one chart module: small SVG charts drawn from plain numbers. Each chart carries a
// <title> and an aria-label so that what it shows is also readable as text.

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return element;
}

function frame(width, height, label) {
  return svg('svg', {
    viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label, class: 'chart',
    preserveAspectRatio: 'xMinYMin meet',
  }, svg('title', {}, label));
}

const clamp = (value, lo, hi) => Math.min(hi, Math.max(lo, value));

/** A one-line bar for a share in 0...1 (the svd and content parts of an explanation). */
export function shareBar(label, value, { width = 120, height = 12 } = {}) {
  const share = clamp(Number(value) || 0, 0, 1);
  const root = frame(width, height, `${label}: ${share.toFixed(2)} of 1`);
  root.classList.add('share-bar');
  root.append(
    svg('rect', { x: 0, y: 0, width, height, rx: 3, class: 'track' }),
    svg('rect', { x: 0, y: 0, width: Math.max(1, share * width), height, rx: 3, class: `fill ${label}` }));
  return root;
}

/**
 * Vertical bars in groups, one colour per series, with a 0...max axis and a legend.
 * @param {{groups: {label: string, values: number[]}[], series: string[], max?: number, label: string}} data
 */
export function groupedBars({ groups, series, max = 1, label }) {
  const barWidth = 12, gap = 18, left = 34, top = 10, plot = 150, bottom = 42;
  const groupWidth = series.length * barWidth + gap;
  const width = Math.max(260, left + groups.length * groupWidth + 10);
  const height = top + plot + bottom + 18;
  const root = frame(width, height, label);
  const y = (value) => top + plot - clamp(value / max, 0, 1) * plot;
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const value = tick * max;
    root.append(
      svg('line', { x1: left, x2: width - 4, y1: y(value), y2: y(value), class: tick === 0 ? 'axis' : 'grid' }),
      svg('text', { x: left - 4, y: y(value) + 4, class: 'tick', 'text-anchor': 'end' }, value.toFixed(2)));
  }
  groups.forEach((group, g) => {
    const x0 = left + 8 + g * groupWidth;
    group.values.forEach((value, s) => {
      const bar = svg('rect', {
        x: x0 + s * barWidth, y: y(value), width: barWidth - 2, height: Math.max(0, top + plot - y(value)),
        class: `series-${s}`,
      }, svg('title', {}, `${group.label} ${series[s]}: ${Number(value).toFixed(3)}`));
      root.append(bar);
    });
    root.append(svg('text', {
      x: x0 + (series.length * barWidth) / 2, y: top + plot + 14, class: 'tick', 'text-anchor': 'middle',
    }, group.label));
  });
  let legendX = left;
  series.forEach((name, s) => {
    root.append(
      svg('rect', { x: legendX, y: height - 14, width: 10, height: 10, class: `series-${s}` }),
      svg('text', { x: legendX + 14, y: height - 5, class: 'tick' }, name));
    legendX += 24 + name.length * 7;
  });
  return root;
}

/**
 * A forest plot: each row's value with its 95 % interval (thick) and confidence sequence (thin)
 * around a zero line, for the differences of an experiment's arms against control.
 * @param {{rows: {label: string, value: number|null, ci?: number[], cs?: number[]}[], label: string}} data
 */
export function intervals({ rows, label }) {
  const left = 110, right = 16, rowHeight = 26, width = 420, top = 8;
  const height = top + rows.length * rowHeight + 20;
  const numbers = rows.flatMap((r) => [r.value, ...(r.ci || []), ...(r.cs || [])]).filter(Number.isFinite);
  const extent = Math.max(1e-9, ...numbers.map(Math.abs)) * 1.1;
  const x = (value) => left + ((clamp(value, -extent, extent) + extent) / (2 * extent)) * (width - left - right);
  const root = frame(width, height, label);
  root.append(svg('line', { x1: x(0), x2: x(0), y1: top, y2: height - 18, class: 'axis' }));
  root.append(
    svg('text', { x: left, y: height - 4, class: 'tick' }, (-extent).toPrecision(2)),
    svg('text', { x: x(0), y: height - 4, class: 'tick', 'text-anchor': 'middle' }, '0'),
    svg('text', { x: width - right, y: height - 4, class: 'tick', 'text-anchor': 'end' }, extent.toPrecision(2)));
  rows.forEach((row, i) => {
    const cy = top + i * rowHeight + rowHeight / 2;
    root.append(svg('text', { x: 4, y: cy + 4, class: 'tick' }, row.label));
    if (row.cs && row.cs.every(Number.isFinite)) {
      root.append(svg('line', { x1: x(row.cs[0]), x2: x(row.cs[1]), y1: cy, y2: cy, class: 'sequence' }));
    }
    if (row.ci && row.ci.every(Number.isFinite)) {
      root.append(svg('line', { x1: x(row.ci[0]), x2: x(row.ci[1]), y1: cy, y2: cy, class: 'interval' }));
    }
    if (Number.isFinite(row.value)) root.append(svg('circle', { cx: x(row.value), cy, r: 4, class: 'point' }));
  });
  return root;
}
