// Small DOM helpers: elements are built with textContent, never innerHTML, so article text cannot inject markup.

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (key === 'class') el.className = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

export function link(href: string, text: string, attrs: Record<string, string> = {}): HTMLAnchorElement {
  return h('a', { href, 'data-link': true, ...attrs }, text);
}

export function loading(): HTMLElement {
  return h('p', { class: 'state loading', role: 'status' }, 'Loading…');
}

export function empty(text: string): HTMLElement {
  return h('p', { class: 'state empty' }, text);
}

export function failure(error: unknown): HTMLElement {
  return h('p', { class: 'state error', role: 'alert' }, `Could not load: ${error instanceof Error ? error.message : String(error)}`);
}

export function actorLabel(a: { name: string | null; text: string | null; code: string | null } | null): string {
  if (!a) return '—';
  const name = a.name ?? a.text ?? '?';
  return a.code ? `${name} (${a.code})` : name;
}
