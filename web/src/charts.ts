import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import cytoscape from 'cytoscape';
import { geoNaturalEarth1, geoPath, geoGraticule10 } from 'd3-geo';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';
import { get, Bucket, Pair, DyadEvent, ROOTS } from './api';
import { h, link, loading, empty, failure, actorLabel } from './dom';
import { eventParams, filterForm } from './filters';
import { navigate } from './main';

function withParams(path: string, params: URLSearchParams): string {
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

const QUAD_COLOURS = ['#2e7d32', '#81c784', '#ef9a9a', '#c62828'];

/** Counts by QuadClass as bars-like steps and mean Goldstein as a line on its own axis. */
function seriesChart(box: HTMLElement, series: Bucket[], width: number): uPlot {
  const x = series.map((b) => Date.parse(b.period + 'T00:00:00Z') / 1000);
  const data: uPlot.AlignedData = [x, series.map((b) => b.quad1), series.map((b) => b.quad2), series.map((b) => b.quad3), series.map((b) => b.quad4), series.map((b) => b.mean_goldstein)];
  const quad = (i: number, label: string): uPlot.Series => ({ label, stroke: QUAD_COLOURS[i], width: 2, points: { show: true, size: 6 } });
  return new uPlot({
    width, height: 320,
    scales: { x: { time: true }, g: { range: [-10, 10] } },
    series: [{}, quad(0, 'Verbal cooperation'), quad(1, 'Material cooperation'), quad(2, 'Verbal conflict'), quad(3, 'Material conflict'),
      { label: 'Mean Goldstein', stroke: '#1565c0', dash: [6, 4], width: 2, scale: 'g', points: { show: true, size: 5 } }],
    axes: [{}, { label: 'events' }, { side: 1, scale: 'g', label: 'Goldstein', grid: { show: false } }],
  }, data, box);
}

// ---- dyads: cooperation and conflict over time ----

export async function dyadsView(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const go = (next: URLSearchParams) => navigate(withParams('/dyads', next));
  const interval = params.get('interval') ?? 'week';
  const intervalSelect = h('select', { name: 'interval', 'aria-label': 'interval' },
    ...['day', 'week', 'month'].map((i) => h('option', { value: i, selected: i === interval }, i)));
  const form = filterForm(params, (next) => { next.set('interval', intervalSelect.value); go(next); }, ['source', 'target']);
  form.querySelector('.buttons')!.before(h('label', { class: 'field' }, h('span', {}, 'Per'), intervalSelect));
  const chart = h('div', { class: 'chart', 'data-testid': 'dyad-chart' }, loading());
  const pairs = h('section', {});
  root.append(h('h1', {}, 'Dyads'), h('p', { class: 'hint' }, 'Give a source and a target code (RUS, GEO) for one dyad, in both directions; or leave them empty for all events.'), form, chart, pairs);
  const query = eventParams(params);
  query.set('interval', interval);
  try {
    const data = await get<{ series: Bucket[]; pairs: Pair[] }>('/api/dyads', query);
    if (data.series.length === 0) chart.replaceChildren(empty('No dated events for this dyad.'));
    else { chart.replaceChildren(); seriesChart(chart, data.series, Math.min(1100, root.clientWidth || 900)); }
    pairs.replaceChildren(h('h2', {}, 'Busiest pairs'), data.pairs.length === 0 ? empty('No actor pairs.') : h('table', { class: 'pairs' },
      h('thead', {}, h('tr', {}, ...['Source', 'Target', 'Events', 'Cooperation', 'Conflict', 'Mean Goldstein'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...data.pairs.map((p) => {
        const next = new URLSearchParams({ source: p.source, target: p.target, interval });
        return h('tr', {}, h('td', {}, link(withParams('/dyads', next), p.source)), h('td', {}, p.target), h('td', { class: 'num' }, String(p.count)),
          h('td', { class: 'num' }, String(p.cooperation)), h('td', { class: 'num' }, String(p.conflict)), h('td', { class: 'num' }, p.mean_goldstein.toFixed(1)));
      }))));
  } catch (e) { chart.replaceChildren(failure(e)); }
}

// ---- actor network ----

interface Network { nodes: { id: string; name: string | null; country: string | null; events: number }[]; edges: Pair[] }

export async function networkView(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const go = (next: URLSearchParams) => navigate(withParams('/network', next));
  const box = h('div', { class: 'network', 'data-testid': 'network' }, loading());
  root.append(h('h1', {}, 'Actor network'), filterForm(params, go),
    h('p', { class: 'hint' }, 'Green edges co-operate, red ones conflict; width is the number of events. Select an actor to see its events.'), box);
  try {
    const data = await get<Network>('/api/network', eventParams(params));
    if (data.nodes.length === 0) { box.replaceChildren(empty('No actor pairs match these filters.')); return; }
    box.replaceChildren();
    const max = Math.max(...data.edges.map((e) => e.count));
    const cy = cytoscape({
      container: box,
      elements: [
        ...data.nodes.map((n) => ({ data: { id: n.id, label: n.id, size: 18 + 6 * Math.sqrt(n.events), title: n.name ?? n.id } })),
        ...data.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, width: 1 + 5 * e.count / max, colour: e.mean_goldstein >= 0 ? '#2e7d32' : '#c62828' } })),
      ],
      style: [
        { selector: 'node', style: { label: 'data(label)', width: 'data(size)', height: 'data(size)', 'background-color': '#37474f', color: '#111', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 3 } },
        { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', opacity: 0.75 } },
      ],
      layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000 } as cytoscape.LayoutOptions,
    });
    cy.on('tap', 'node', (e) => navigate(`/events?actor=${encodeURIComponent(e.target.id())}`));
    box.dataset.nodes = String(data.nodes.length);
  } catch (e) { box.replaceChildren(failure(e)); }
}

// ---- map of event locations ----

interface PlaceRow { name: string; country: string | null; lat: number | null; lon: number | null; count: number; mean_goldstein: number }

export async function mapView(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const go = (next: URLSearchParams) => navigate(withParams('/map', next));
  const box = h('div', { class: 'map', 'data-testid': 'map' }, loading());
  const list = h('section', {});
  root.append(h('h1', {}, 'Map of event locations'), filterForm(params, go), box, list);
  try {
    const data = await get<{ places: PlaceRow[] }>('/api/places', eventParams(params));
    const placed = data.places.filter((p) => p.lat !== null && p.lon !== null);
    const width = 960, height = 500;
    const projection = geoNaturalEarth1().fitSize([width, height], { type: 'Sphere' });
    const path = geoPath(projection);
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', `Map with ${placed.length} event locations`);
    const add = (tag: string, attrs: Record<string, string>) => {
      const el = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      svg.append(el);
      return el;
    };
    add('path', { d: path({ type: 'Sphere' }) ?? '', class: 'sphere' });
    add('path', { d: path(geoGraticule10()) ?? '', class: 'graticule' });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const countries = feature(world as any, (world as any).objects.countries);
    add('path', { d: path(countries) ?? '', class: 'land' });
    const max = Math.max(1, ...placed.map((p) => p.count));
    for (const p of placed) {
      const [x, y] = projection([p.lon!, p.lat!]) ?? [0, 0];
      const dot = add('circle', { cx: String(x), cy: String(y), r: String(3 + 12 * Math.sqrt(p.count / max)), class: p.mean_goldstein >= 0 ? 'dot coop' : 'dot conflict', tabindex: '0' });
      const title = document.createElementNS(ns, 'title');
      title.textContent = `${p.name}${p.country ? ', ' + p.country : ''}: ${p.count} events, mean Goldstein ${p.mean_goldstein.toFixed(1)}`;
      dot.append(title);
      const open = () => navigate(`/events?place=${encodeURIComponent(p.name)}`);
      dot.addEventListener('click', open);
      dot.addEventListener('keydown', (k) => { if ((k as KeyboardEvent).key === 'Enter') open(); });
    }
    box.replaceChildren(svg);
    box.dataset.places = String(placed.length);
    list.replaceChildren(placed.length === 0 ? empty('No located events match these filters.') :
      h('ul', { class: 'places' }, ...placed.slice(0, 30).map((p) => h('li', {}, link(`/events?place=${encodeURIComponent(p.name)}`, p.name), ` ${p.count}`))));
  } catch (e) { box.replaceChildren(failure(e)); }
}

// ---- stories and a story's timeline ----

interface Story { id: string; title: string; first: string | null; last: string | null; events: number; articles: number; actors: string[] }

export async function storiesView(root: HTMLElement): Promise<void> {
  const list = h('section', {}, loading());
  root.append(h('h1', {}, 'Stories'), list);
  try {
    const data = await get<{ stories: Story[] }>('/api/stories', new URLSearchParams({ limit: '200' }));
    if (data.stories.length === 0) { list.replaceChildren(empty('This store has no stories yet: events have not been grouped into stories.')); return; }
    list.replaceChildren(h('ul', { class: 'stories' }, ...data.stories.map((s) => h('li', {},
      link(`/stories/${encodeURIComponent(s.id)}`, s.title), h('small', {}, ` ${s.first ?? '?'} – ${s.last ?? '?'} · ${s.events} events · ${s.articles} articles · ${s.actors.join(', ')}`)))));
  } catch (e) { list.replaceChildren(failure(e)); }
}

export async function storyView(root: HTMLElement, _params: URLSearchParams, id?: string): Promise<void> {
  root.append(loading());
  try {
    const data = await get<{ story: Story; series: Bucket[]; events: DyadEvent[] }>(`/api/stories/${encodeURIComponent(id ?? '')}`);
    const chart = h('div', { class: 'chart' });
    const timeline = h('ol', { class: 'timeline' }, ...data.events.map((e) => h('li', {},
      h('time', {}, e.date ?? 'undated'), ' ', link(`/events/${e.id}`, `${actorLabel(e.source)} · ${ROOTS[e.root] ?? e.cameo} · ${actorLabel(e.target)}`),
      h('p', { class: 'snippet' }, e.sentence))));
    root.replaceChildren(h('h1', {}, data.story.title), h('p', { class: 'meta' }, `${data.story.first ?? '?'} – ${data.story.last ?? '?'} · ${data.story.events} events`),
      chart, h('h2', {}, 'Timeline'), data.events.length ? timeline : empty('No events in this story.'),
      h('p', {}, link(`/events?story=${encodeURIComponent(data.story.id)}`, 'Open these events in the table')));
    if (data.series.length) seriesChart(chart, data.series, Math.min(1100, root.clientWidth || 900));
  } catch (e) { root.replaceChildren(failure(e)); }
}
