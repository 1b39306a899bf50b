// A row's trend as a small SVG line, with its warn level dashed. No library: a polyline is all it takes.
import { metricName } from './format.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 100;
const H = 28;

/** `values` oldest first (null = no point); `level` the warn level drawn as a dashed line. */
export function sparkline(values, { metric, level, state }) {
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${metricName(metric)} trend`);
  svg.dataset.metric = metric;
  svg.dataset.state = state ?? 'none';
  const points = values.map((v, i) => [i, v]).filter(([, v]) => v !== null && v !== undefined);
  if (points.length === 0) return svg;
  const all = points.map(([, v]) => v).concat(level ?? []);
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi - lo < 0.02) { lo -= 0.01; hi += 0.01; }
  const x = (i) => (values.length <= 1 ? W : (i / (values.length - 1)) * W);
  const y = (v) => H - 2 - ((v - lo) / (hi - lo)) * (H - 4);
  if (level !== null && level !== undefined) {
    const line = document.createElementNS(NS, 'line');
    Object.entries({ x1: 0, x2: W, y1: y(level), y2: y(level), class: 'level' }).forEach(([k, v]) => line.setAttribute(k, v));
    svg.append(line);
  }
  if (points.length === 1) {
    // One point is no line yet: a dot says where the rate stands.
    const dot = document.createElementNS(NS, 'circle');
    Object.entries({ cx: x(points[0][0]), cy: y(points[0][1]), r: 2.5, class: 'point' }).forEach(([k, v]) => dot.setAttribute(k, v));
    svg.append(dot);
  }
  const path = document.createElementNS(NS, 'polyline');
  path.setAttribute('points', points.map(([i, v]) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' '));
  path.setAttribute('class', 'trend');
  svg.append(path);
  return svg;
}
