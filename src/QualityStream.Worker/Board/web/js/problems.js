// Root-cause grouping: open incidents folded into the problems a person would name. Pure: no DOM, no hub.
//
// The rule, per metric and window (docs/design.md, Board README):
// 1. A source problem: a source with buyer×source incidents at two or more buyers (corroborated), or with its own
//    source-scope incident and no buyer×source incident. Its source-scope incident and every buyer×source incident of
//    that source are folded in; the buyers are listed. A source whose own incident comes with buyer×source incidents
//    at one buyer only is buyer-specific: its incident is folded into the problem holding that pair (rules 2–4).
// 2. A buyer incident whose buyer has exactly one buyer×source cell of that metric in warning or breach comes from
//    that source: it is folded into the source problem when there is one, else it becomes that buyer×source
//    problem (with the pair's own incident, if open, folded in).
// 3. Any other buyer incident is a buyer problem, with the buyer's remaining pair incidents of that metric folded
//    in and their sources listed.
// 4. A pair incident left over is a buyer×source problem of its own.
// The headline counts these problems; a problem's state is the worst of its parts, its start the earliest.

const SEVERITY = { breach: 0, warning: 1 };
const REACH = { buyer: 0, source: 1, buyer_source: 2 };

const groupKey = (i) => `${i.metric}|${i.window}`;

/**
 * @param incidents open incidents ({ incidentId, metric, window, scope, buyerId, sourceId, state, openedAt }).
 * @param problemSources (buyerId, metric, window) → the sourceIds of that buyer's buyer×source cells in warning or
 *   breach for the metric (from the cells, whether or not an incident is listed for them).
 * @returns problems, breaches first, then wider reach, then oldest.
 */
export function groupProblems(incidents, problemSources) {
  const problems = [];
  const byGroup = new Map();
  for (const i of incidents) {
    if (!byGroup.has(groupKey(i))) byGroup.set(groupKey(i), []);
    byGroup.get(groupKey(i)).push(i);
  }
  for (const group of byGroup.values()) problems.push(...groupOneMetric(group, problemSources));
  return problems.sort(compareProblems);
}

function groupOneMetric(incidents, problemSources) {
  const sourceIncident = new Map();
  const pairsBySource = new Map();
  const buyerIncidents = [];
  for (const i of incidents) {
    if (i.scope === 'source') sourceIncident.set(i.sourceId, i);
    else if (i.scope === 'buyer') buyerIncidents.push(i);
    else push(pairsBySource, i.sourceId, i);
  }

  const sourceProblems = new Map();
  const buyerSpecific = [];
  const sourceIds = new Set([...sourceIncident.keys(), ...pairsBySource.keys()]);
  for (const sourceId of sourceIds) {
    const pairs = pairsBySource.get(sourceId) ?? [];
    const own = sourceIncident.get(sourceId);
    const hit = new Set(pairs.map((p) => p.buyerId));
    if (own && hit.size === 1) {
      buyerSpecific.push({ own, buyerId: pairs[0].buyerId, sourceId });
      continue;
    }
    if (!own && hit.size < 2) continue;
    sourceProblems.set(sourceId, problem('source', own ?? pairs[0], [own, ...pairs].filter(Boolean)));
    pairsBySource.delete(sourceId);
  }

  const pairOf = (buyerId, sourceId) => {
    const pairs = pairsBySource.get(sourceId) ?? [];
    const at = pairs.findIndex((p) => p.buyerId === buyerId);
    return at < 0 ? null : pairs.splice(at, 1)[0];
  };

  const rest = [];
  for (const b of buyerIncidents) {
    const sources = [...new Set(problemSources(b.buyerId, b.metric, b.window) ?? [])];
    if (sources.length === 1) {
      const [sourceId] = sources;
      const root = sourceProblems.get(sourceId);
      if (root) {
        root.incidents.push(b);
        refresh(root);
        continue;
      }
      const pair = pairOf(b.buyerId, sourceId);
      rest.push(problem('buyer_source', pair ?? { ...b, scope: 'buyer_source', sourceId }, [pair, b].filter(Boolean)));
      continue;
    }
    const parts = [b];
    for (const sourceId of sources) {
      if (sourceProblems.has(sourceId)) continue;
      const pair = pairOf(b.buyerId, sourceId);
      if (pair) parts.push(pair);
    }
    rest.push(problem('buyer', b, parts));
  }
  for (const pairs of pairsBySource.values()) {
    for (const p of pairs) rest.push(problem('buyer_source', p, [p]));
  }
  for (const { own, buyerId, sourceId } of buyerSpecific) {
    const home = rest.find((p) => p.incidents.some((i) => i.scope === 'buyer_source' && i.buyerId === buyerId && i.sourceId === sourceId));
    if (home) {
      home.incidents.push(own);
      refresh(home);
    } else {
      rest.push(problem('source', own, [own]));
    }
  }
  return [...sourceProblems.values(), ...rest];
}

function problem(kind, lead, incidents) {
  const p = {
    kind,
    id: lead.incidentId,
    metric: lead.metric,
    window: lead.window,
    buyerId: kind === 'source' ? null : lead.buyerId,
    sourceId: kind === 'buyer' ? null : lead.sourceId,
    lead,
    incidents,
  };
  return refresh(p);
}

/** Worst state, earliest start, and who is affected, from the parts. */
function refresh(p) {
  p.state = p.incidents.some((i) => i.state === 'breach') ? 'breach' : 'warning';
  p.openedAt = p.incidents.map((i) => i.openedAt).sort()[0];
  p.buyers = [...new Set(p.incidents.map((i) => i.buyerId).filter(Boolean))].sort();
  p.sources = [...new Set(p.incidents.map((i) => i.sourceId).filter(Boolean))].sort();
  return p;
}

function push(map, key, value) {
  if (!map.has(key)) map.set(key, []);
  map.get(key).push(value);
}

function compareProblems(a, b) {
  return (SEVERITY[a.state] - SEVERITY[b.state]) || (REACH[a.kind] - REACH[b.kind])
    || a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id);
}

/** Breaches and warnings among problems, for the headline. */
export function countProblems(problems) {
  const breaches = problems.filter((p) => p.state === 'breach').length;
  return { problems: problems.length, breaches, warnings: problems.length - breaches };
}
