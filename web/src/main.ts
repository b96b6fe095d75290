import './style.css';
import { get } from './api';
import { eventsView, eventView, articlesView, articleView } from './views';
import { dyadsView, networkView, mapView, storiesView, storyView } from './charts';

// Path routes, filters in the query string: every view is a shareable URL.
type View = (root: HTMLElement, params: URLSearchParams, id?: string) => Promise<void>;

const routes: [RegExp, string, View][] = [
  [/^\/(?:events)?\/?$/, 'events', eventsView],
  [/^\/events\/(\d+)$/, 'events', eventView],
  [/^\/articles\/?$/, 'articles', articlesView],
  [/^\/articles\/(.+)$/, 'articles', articleView],
  [/^\/dyads\/?$/, 'dyads', dyadsView],
  [/^\/network\/?$/, 'network', networkView],
  [/^\/map\/?$/, 'map', mapView],
  [/^\/stories\/?$/, 'stories', storiesView],
  [/^\/stories\/(.+)$/, 'stories', storyView],
];

let renderCount = 0;

export async function render(): Promise<void> {
  const root = document.getElementById('view')!;
  const path = location.pathname;
  const params = new URLSearchParams(location.search);
  const match = routes.find(([pattern]) => pattern.test(path));
  const mine = ++renderCount;
  // the browser tests (and any script) wait on data-ready: it must drop before the old view goes
  root.dataset.ready = 'false';
  root.replaceChildren();
  root.dataset.view = match ? match[1] : 'missing';
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    if (a.dataset.view === root.dataset.view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  if (!match) {
    root.append(Object.assign(document.createElement('p'), { className: 'state empty', textContent: `Nothing at ${path}.` }));
    root.dataset.ready = 'true';
    return;
  }
  const id = path.match(match[0])?.[1];
  await match[2](root, params, id ? decodeURIComponent(id) : undefined);
  if (mine === renderCount) root.dataset.ready = 'true';
}

export function navigate(url: string): void {
  history.pushState(null, '', url);
  void render();
  window.scrollTo(0, 0);
}

document.addEventListener('click', (event) => {
  const a = (event.target as Element).closest?.('a[data-link]') as HTMLAnchorElement | null;
  if (!a || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(a.getAttribute('href')!);
});
window.addEventListener('popstate', () => void render());

get<{ articles: number; events: number }>('/api/').then((c) => {
  document.getElementById('counts')!.textContent = `${c.articles} articles · ${c.events} events`;
}).catch(() => { /* the view shows the error */ });

void render();
