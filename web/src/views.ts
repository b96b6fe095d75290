import { get, DyadEvent, Mark, ROOTS, QUADS } from './api';
import { h, link, loading, empty, failure, actorLabel } from './dom';
import { eventParams, filterForm } from './filters';
import { navigate } from './main';

const PAGE = 50;

interface EventPage { total: number; offset: number; limit: number; events: DyadEvent[] }
type Facets = Record<string, { value: string; count: number }[]> & { total: number };

function withParams(path: string, params: URLSearchParams): string {
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

// ---- event table with filters and facets ----

export async function eventsView(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const filters = eventParams(params);
  const sort = params.get('sort') ?? 'date';
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const go = (next: URLSearchParams) => navigate(withParams('/events', next));
  const facetsBox = h('aside', { class: 'facets', 'aria-label': 'Facets' }, loading());
  const tableBox = h('section', { class: 'results' }, loading());
  const exportQuery = new URLSearchParams(filters);
  const exports = h('p', { class: 'exports' }, 'Export: ',
    h('a', { href: `/api/export?${new URLSearchParams([...exportQuery, ['format', 'jsonl']])}` }, 'JSONL'), ' · ',
    h('a', { href: `/api/export?${new URLSearchParams([...exportQuery, ['format', 'csv']])}` }, 'CSV'), ' · ',
    h('a', { href: `/api/export?${new URLSearchParams([...exportQuery, ['format', 'gdelt']])}` }, 'GDELT TSV'));
  root.append(h('h1', {}, 'Events'), filterForm(params, go), exports, h('div', { class: 'with-facets' }, facetsBox, tableBox));

  const query = new URLSearchParams(filters);
  query.set('limit', String(PAGE));
  query.set('offset', String(offset));
  query.set('sort', sort);
  try {
    const [page, facets] = await Promise.all([get<EventPage>('/api/events', query), get<Facets>('/api/events/facets', filters)]);
    facetsBox.replaceChildren(...renderFacets(facets, filters, go));
    tableBox.replaceChildren(...renderTable(page, params, sort, go));
  } catch (e) {
    tableBox.replaceChildren(failure(e));
    facetsBox.replaceChildren();
  }
}

const FACET_FILTER: Record<string, string> = { root: 'root', quad: 'quad', country: 'country', role: 'role', source: 'actor', target: 'actor', place: 'place' };

function renderFacets(facets: Facets, filters: URLSearchParams, go: (p: URLSearchParams) => void): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const [name, key] of Object.entries(FACET_FILTER)) {
    const values = facets[name];
    if (!values || values.length === 0) continue;
    const list = h('ul', {});
    for (const v of values.slice(0, 8)) {
      const next = new URLSearchParams(filters);
      next.set(key, v.value);
      const label = name === 'root' ? `${v.value} ${ROOTS[v.value] ?? ''}` : name === 'quad' ? `${v.value} ${QUADS[v.value] ?? ''}` : v.value;
      const a = link(withParams('/events', next), label);
      a.addEventListener('click', (e) => { e.preventDefault(); e.stopPropagation(); go(next); });
      list.append(h('li', {}, a, h('span', { class: 'count' }, String(v.count))));
    }
    out.push(h('section', { class: 'facet' }, h('h3', {}, name), list));
  }
  return out;
}

function renderTable(page: EventPage, params: URLSearchParams, sort: string, go: (p: URLSearchParams) => void): HTMLElement[] {
  if (page.total === 0) return [empty('No events match these filters.')];
  const header = (key: string, label: string) => {
    const active = sort.replace('-', '') === key;
    const descending = sort.startsWith('-');
    const button = h('button', { type: 'button', class: 'sort' }, label + (active ? (descending ? ' ▼' : ' ▲') : ''));
    button.addEventListener('click', () => {
      const next = new URLSearchParams(params);
      next.set('sort', active && !descending ? `-${key}` : key);
      next.delete('offset');
      go(next);
    });
    return h('th', { scope: 'col', 'aria-sort': active ? (descending ? 'descending' : 'ascending') : undefined }, button);
  };
  const body = h('tbody', {});
  for (const e of page.events) {
    const row = h('tr', { tabindex: 0, 'data-event': e.id, class: `quad${e.quad}` },
      h('td', {}, e.date ?? '—'),
      h('td', {}, actorLabel(e.source)),
      h('td', {}, h('span', { class: 'cameo' }, e.cameo), ' ', ROOTS[e.root] ?? '', e.negated ? ' (not)' : ''),
      h('td', {}, actorLabel(e.target)),
      h('td', { class: 'num' }, e.goldstein.toFixed(1)),
      h('td', {}, e.location?.name ?? ''),
      h('td', { class: 'sentence' }, link(`/events/${e.id}`, e.sentence)));
    row.addEventListener('keydown', (k) => {
      if (k.key === 'Enter') navigate(`/events/${e.id}`);
      else if (k.key === 'ArrowDown') (row.nextElementSibling as HTMLElement | null)?.focus();
      else if (k.key === 'ArrowUp') (row.previousElementSibling as HTMLElement | null)?.focus();
      else return;
      k.preventDefault();
    });
    body.append(row);
  }
  const table = h('table', { class: 'events' },
    h('caption', {}, `${page.total} events · ${page.offset + 1}–${page.offset + page.events.length} · ↑↓ to move, Enter to open`),
    h('thead', {}, h('tr', {}, header('date', 'Date'), header('source', 'Source'), header('cameo', 'Event'), header('target', 'Target'),
      header('goldstein', 'Goldstein'), h('th', { scope: 'col' }, 'Place'), h('th', { scope: 'col' }, 'Sentence'))),
    body);
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });
  const to = (offset: number) => { const next = new URLSearchParams(params); next.set('offset', String(offset)); return withParams('/events', next); };
  if (page.offset > 0) pager.append(link(to(Math.max(0, page.offset - PAGE)), '← Previous'));
  if (page.offset + page.events.length < page.total) pager.append(link(to(page.offset + PAGE), 'Next →'));
  return [table, pager];
}

// ---- one event: its sentence highlighted ----

interface EventDetail {
  event: DyadEvent;
  article: { id: string; title: string | null; published: string | null; source: string | null; url: string | null } | null;
  sentence: { text: string; start: number | null; highlights: Mark[] };
  mentions: { start: number; end: number; text: string; name: string | null; code: string | null; why: string | null }[];
  reports: DyadEvent[];
}

export async function eventView(root: HTMLElement, _params: URLSearchParams, id?: string): Promise<void> {
  root.append(loading());
  let d: EventDetail;
  try { d = await get<EventDetail>(`/api/events/${id}`); } catch (e) { root.replaceChildren(failure(e)); return; }
  const e = d.event;
  const legend = h('p', { class: 'legend' }, h('mark', { class: 'source' }, 'source'), ' ', h('mark', { class: 'predicate' }, 'predicate'), ' ',
    h('mark', { class: 'target' }, 'target'), ' ', h('mark', { class: 'place' }, 'place'));
  root.replaceChildren(
    h('h1', {}, `${actorLabel(e.source)} → ${e.cameo} ${ROOTS[e.root] ?? ''} → ${actorLabel(e.target)}`),
    h('blockquote', { class: 'sentence', 'data-testid': 'event-sentence' }, ...marked(d.sentence.text, d.sentence.highlights)),
    legend,
    h('dl', { class: 'facts' },
      h('dt', {}, 'Date'), h('dd', {}, e.date ?? 'unknown'),
      h('dt', {}, 'Place'), h('dd', {}, e.location ? `${e.location.name}${e.location.country ? ', ' + e.location.country : ''}` : '—'),
      h('dt', {}, 'QuadClass'), h('dd', {}, `${e.quad} ${QUADS[String(e.quad)]}`),
      h('dt', {}, 'Goldstein'), h('dd', {}, e.goldstein.toFixed(1)),
      h('dt', {}, 'Modality'), h('dd', {}, `${e.modality}${e.negated ? ', negated' : ''}`),
      h('dt', {}, 'Dictionary entry'), h('dd', {}, e.entry ?? '—'),
      h('dt', {}, 'Article'), h('dd', {}, d.article ? link(`/articles/${encodeURIComponent(d.article.id)}#event-${e.id}`, d.article.title ?? d.article.id) : e.doc)),
    h('h2', {}, `Mentions of these actors in the article (${d.mentions.length})`),
    d.mentions.length === 0 ? empty('No coded mentions.') :
      h('ul', { class: 'mentions' }, ...d.mentions.map((m) => h('li', {}, h('strong', {}, m.text), ` — ${m.name ?? ''} ${m.code ?? ''} `, h('small', {}, m.why ?? '')))),
    ...(d.reports.length ? [h('h2', {}, `Also reported (${d.reports.length})`),
      h('ul', {}, ...d.reports.map((r) => h('li', {}, link(`/events/${r.id}`, `${r.doc}: ${r.sentence}`))))] : []));
}

/** Text split at every mark boundary; each piece carries the classes of all marks over it. */
function marked(text: string, marks: { kind: string; start: number; end: number; event?: number }[]): Node[] {
  const cuts = new Set<number>([0, text.length]);
  for (const m of marks) { cuts.add(Math.max(0, m.start)); cuts.add(Math.min(text.length, m.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes: Node[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const over = marks.filter((m) => m.start <= a && m.end >= b);
    const piece = text.slice(a, b);
    if (over.length === 0) { nodes.push(document.createTextNode(piece)); continue; }
    const kinds = [...new Set(over.map((m) => m.kind))];
    const tag = kinds.includes('removed') ? 'span' : 'mark';
    const events = [...new Set(over.map((m) => m.event).filter((x) => x !== undefined))];
    nodes.push(h(tag, { class: kinds.join(' '), 'data-events': events.join(' ') || undefined, title: kinds.join(', ') }, piece));
  }
  return nodes;
}

// ---- articles: search and one article with its layers ----

interface ArticleList { total?: number; q?: string; articles: { id: string; title: string | null; published: string | null; source: string | null; events?: number; snippet?: string }[] }

export async function articlesView(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const q = params.get('q') ?? '';
  const input = h('input', { name: 'q', type: 'search', value: q, placeholder: 'words or "a phrase"', 'aria-label': 'Search articles' });
  const form = h('form', { class: 'filters', role: 'search' }, input, h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (e) => { e.preventDefault(); navigate(input.value.trim() ? `/articles?q=${encodeURIComponent(input.value.trim())}` : '/articles'); });
  const list = h('section', {}, loading());
  root.append(h('h1', {}, 'Articles'), form, list);
  try {
    const query = new URLSearchParams({ limit: '100' });
    if (q) query.set('q', q);
    const data = await get<ArticleList>('/api/articles', query);
    if (data.articles.length === 0) { list.replaceChildren(empty(q ? `No article matches “${q}”.` : 'The store has no articles yet.')); return; }
    list.replaceChildren(h('ul', { class: 'articles' }, ...data.articles.map((a) => h('li', {},
      link(`/articles/${encodeURIComponent(a.id)}`, a.title ?? a.id),
      h('small', {}, ` ${a.published ?? 'undated'}${a.source ? ' · ' + a.source : ''}${a.events !== undefined ? ` · ${a.events} events` : ''}`),
      a.snippet ? h('p', { class: 'snippet' }, ...snippet(a.snippet)) : null))));
  } catch (e) { list.replaceChildren(failure(e)); }
}

/** The store marks matched words with [brackets]; show them as highlights. */
function snippet(text: string): Node[] {
  return text.split(/(\[[^\]]*\])/).map((part) => part.startsWith('[') && part.endsWith(']') ? h('mark', {}, part.slice(1, -1)) : document.createTextNode(part));
}

interface ArticleDetail {
  id: string; title: string | null; published: string | null; source: string | null; url: string | null; text: string;
  removed: { start: number; end: number; line: number; reason: string }[];
  highlights: Mark[]; events: DyadEvent[];
}

export async function articleView(root: HTMLElement, _params: URLSearchParams, id?: string): Promise<void> {
  root.append(loading());
  let a: ArticleDetail;
  try { a = await get<ArticleDetail>(`/api/articles/${encodeURIComponent(id ?? '')}`); } catch (e) { root.replaceChildren(failure(e)); return; }
  const marks = [...a.highlights, ...a.removed.map((r) => ({ kind: 'removed', start: r.start, end: r.end }))];
  const body = h('div', { class: 'article-text', 'data-testid': 'article-text' }, ...marked(a.text, marks));
  const events = h('ol', { class: 'article-events' }, ...a.events.map((e) => {
    const item = h('li', { id: `event-${e.id}`, tabindex: 0, 'data-event': e.id },
      link(`/events/${e.id}`, `${actorLabel(e.source)} · ${e.cameo} ${ROOTS[e.root] ?? ''} · ${actorLabel(e.target)}`),
      h('small', {}, ` ${e.date ?? ''} ${e.location?.name ?? ''}`));
    // focusing an event lights its parts in the text
    const light = (on: boolean) => body.querySelectorAll(`[data-events~="${e.id}"]`).forEach((m) => m.classList.toggle('lit', on));
    item.addEventListener('mouseenter', () => light(true));
    item.addEventListener('mouseleave', () => light(false));
    item.addEventListener('focusin', () => light(true));
    item.addEventListener('focusout', () => light(false));
    return item;
  }));
  root.replaceChildren(
    h('h1', {}, a.title ?? a.id),
    h('p', { class: 'meta' }, `${a.published ?? 'undated'} · ${a.source ?? ''} `, a.url ? h('a', { href: a.url, rel: 'noopener noreferrer' }, a.url) : null),
    h('p', { class: 'legend' }, h('mark', { class: 'source' }, 'source'), ' ', h('mark', { class: 'predicate' }, 'predicate'), ' ',
      h('mark', { class: 'target' }, 'target'), ' ', h('mark', { class: 'place' }, 'place'), ' ', h('span', { class: 'removed' }, 'dropped as noise')),
    h('div', { class: 'article-layout' }, body, h('aside', {}, h('h2', {}, `${a.events.length} events`), a.events.length ? events : empty('No events coded in this article.'),
      h('h2', {}, `${a.removed.length} blocks dropped`),
      h('ul', { class: 'removed-list' }, ...a.removed.map((r) => h('li', {}, `line ${r.line}: ${r.reason}`))))));
}
