import { h } from './dom';
import { QUADS, ROOTS } from './api';

// The filter form every event view shares; submitting it rewrites the query string.
export const FILTERS = ['actor', 'country', 'role', 'root', 'quad', 'since', 'until', 'place', 'text', 'story', 'source', 'target'] as const;

export function eventParams(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) out.set(key, value);
  }
  return out;
}

export function filterForm(params: URLSearchParams, onApply: (next: URLSearchParams) => void, extra: string[] = []): HTMLFormElement {
  const field = (name: string, label: string, input: HTMLElement) =>
    h('label', { class: 'field' }, h('span', {}, label), input);
  const text = (name: string, placeholder: string, type = 'text') =>
    h('input', { name, type, placeholder, value: params.get(name) ?? '', 'aria-label': name });
  const select = (name: string, options: Record<string, string>) => {
    const s = h('select', { name, 'aria-label': name }, h('option', { value: '' }, 'any'));
    for (const [value, label] of Object.entries(options)) s.append(h('option', { value, selected: params.get(name) === value }, `${value} ${label}`));
    return s;
  };
  const form = h('form', { class: 'filters', role: 'search' },
    field('actor', 'Actor', text('actor', 'RUS, USAGOV, Putin')),
    field('country', 'Country', text('country', 'ISO3, e.g. RUS')),
    field('role', 'Role', text('role', 'GOV, MIL, REB')),
    field('root', 'Event type', select('root', ROOTS)),
    field('quad', 'QuadClass', select('quad', QUADS)),
    field('since', 'From', text('since', 'YYYY-MM-DD', 'date')),
    field('until', 'To', text('until', 'YYYY-MM-DD', 'date')),
    field('place', 'Place', text('place', 'city or ISO3')),
    field('text', 'Words', text('text', 'in the sentence')),
    ...extra.map((name) => field(name, name[0].toUpperCase() + name.slice(1), text(name, name === 'source' || name === 'target' ? 'code prefix' : ''))),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit' }, 'Apply'),
      h('button', { type: 'reset', class: 'secondary' }, 'Clear')));
  if (params.get('story')) form.append(h('input', { type: 'hidden', name: 'story', value: params.get('story')! }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (String(value).trim()) next.set(key, String(value).trim());
    onApply(next);
  });
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    onApply(new URLSearchParams());
  });
  return form;
}
