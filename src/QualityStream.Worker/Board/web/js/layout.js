// Fitting the wall: lists keep the rows that fit whole and count the rest; the buyer and source grids condense into
// side-by-side columns sized to the data, and turn pages when even that does not fit. A row is never cut in half.
import { el } from './format.js';

/**
 * Keeps the leading items of `list` whose boxes fit its height whole, followed by `more(n)` (an item saying how many
 * were left out) when some are; returns how many were left out.
 */
export function fitList(list, items, more) {
  list.replaceChildren(...items);
  const limit = list.clientHeight;
  const fits = (node) => node.offsetTop + node.offsetHeight <= limit;
  if (items.every(fits)) return 0;
  let kept = items.findIndex((item) => !fits(item));
  let line = more(items.length - kept);
  list.replaceChildren(...items.slice(0, kept), line);
  while (kept > 0 && !fits(line)) {
    kept -= 1;
    line = more(items.length - kept);
    list.replaceChildren(...items.slice(0, kept), line);
  }
  return items.length - kept;
}

/**
 * Lays out grids that share one row of space (`grids`: [{ section, box, head, rows }]). Each box gets as many tables
 * side by side as its rows need at the height available; when they do not all fit the width, the grid with the most
 * columns gives some up and shows page `pageOf(grid)` of its rows. `availableWidth` is what the grids may take in all.
 * Returns each grid's page count, whether the grids fit the width, and whether all rows are shown at once within it.
 */
export function layoutGrids(container, grids, pageOf, availableWidth) {
  const measured = grids.map((g) => measure(g));
  const sample = measured.find((m) => m.rowPitch > 0);
  if (!sample) {
    grids.forEach((g) => { g.box.replaceChildren(); });
    return { pages: grids.map(() => 1), fits: true, widthFits: true };
  }
  const gap = parseFloat(getComputedStyle(container).columnGap) || 0;
  const inner = parseFloat(getComputedStyle(grids[0].box).columnGap) || 0;
  const boxHeight = Math.min(...grids.map((g) => g.box.clientHeight));
  const perColumn = Math.max(1, Math.floor((boxHeight - sample.headPitch - sample.tail) / sample.rowPitch));
  // A grid without rows takes no column: it shows its "no data" line instead.
  const columns = grids.map((g) => Math.ceil(g.rows.length / perColumn));
  const widthOf = (cols) => cols.reduce((sum, c, i) => sum + (c > 0 ? (c * measured[i].width) + ((c - 1) * inner) : 0), 0)
    + (gap * (grids.length - 1));
  // Too wide: the grid with the most columns gives one up (it turns pages instead), until all fit or each has one.
  while (widthOf(columns) > availableWidth && columns.some((c) => c > 1)) {
    columns[columns.indexOf(Math.max(...columns))] -= 1;
  }

  const pageCounts = grids.map((g, i) => {
    if (columns[i] === 0) {
      g.box.replaceChildren();
      return 1;
    }
    const capacity = columns[i] * perColumn;
    const pages = Math.max(1, Math.ceil(g.rows.length / capacity));
    const page = Math.min(pageOf(g), pages - 1);
    const shown = g.rows.slice(page * capacity, (page + 1) * capacity);
    const used = Math.max(1, Math.min(columns[i], Math.ceil(shown.length / perColumn)));
    const per = Math.ceil(shown.length / used);
    const tables = [];
    for (let c = 0; c < used; c += 1) tables.push(table(g.head, shown.slice(c * per, (c + 1) * per)));
    g.box.replaceChildren(...tables);
    g.section.dataset.columns = String(used);
    return pages;
  });
  const widthFits = widthOf(columns) <= availableWidth;
  return { pages: pageCounts, fits: widthFits && pageCounts.every((p) => p === 1), widthFits };
}

/** One column with every row, at its natural width: the pitch of a row and of the header, and the column's width. */
function measure(g) {
  const probe = table(g.head, g.rows);
  probe.classList.add('measuring');
  g.box.replaceChildren(probe);
  const body = probe.tBodies[0].rows;
  if (body.length === 0) return { rowPitch: 0, headPitch: 0, tail: 0, width: 0 };
  const box = probe.getBoundingClientRect();
  const first = body[0].getBoundingClientRect();
  const last = body[body.length - 1].getBoundingClientRect();
  const rowPitch = body.length > 1 ? body[1].getBoundingClientRect().top - first.top : first.height;
  // n rows fit a height h when headPitch + n × rowPitch − (rowPitch − rowHeight) + bottom space ≤ h.
  return {
    rowPitch,
    headPitch: first.top - box.top,
    tail: box.bottom - last.bottom - (rowPitch - first.height),
    width: Math.ceil(box.width),
  };
}

function table(head, rows) {
  return el('table', { class: 'grid' }, el('thead', {}, head.cloneNode(true)), el('tbody', {}, rows));
}
