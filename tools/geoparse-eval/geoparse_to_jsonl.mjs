#!/usr/bin/env node
// Turns the geoparsing gold sets (LGL / TR-News format, or GeoVirus format) into Dyad input and gold lines.
//   corpus.jsonl: {id, text, url, places: [{start, end}]}   (places = gold spans, for `dyad places --given-spans`)
//   gold.jsonl:   {doc, start, end, text, lat, lon, country}  (country: the gold country's name, when the set gives it)
// Usage: node geoparse_to_jsonl.mjs FILE.xml OUT_DIR
import fs from 'node:fs';
import path from 'node:path';

const [file, outDir] = process.argv.slice(2);
if (!file || !outDir) { console.error('usage: geoparse_to_jsonl.mjs FILE.xml OUT_DIR'); process.exit(2); }
fs.mkdirSync(outDir, { recursive: true });
const xml = fs.readFileSync(file, 'utf8');
const unescape = s => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(+n)).replace(/&amp;/g, '&');
const field = (block, tag) => { const m = new RegExp(`<${tag}(?: [^>]*)?>([\\s\\S]*?)</${tag}>`).exec(block); if (!m) return null; const v = m[1]; const c = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(v.trim()); return c ? c[1] : unescape(v); };

const corpus = [], gold = [];
let n = 0;
for (const m of xml.matchAll(/<article(?: [^>]*)?>([\s\S]*?)<\/article>/g)) {
  const block = m[1];
  const id = (/docid="([^"]+)"/.exec(m[0]) ?? [])[1] ?? `doc${n}`;
  n++;
  const text = field(block, 'text');
  if (text === null) continue;
  const url = field(block, 'url') ?? field(block, 'source');
  const places = [];
  const items = [...block.matchAll(/<toponym>([\s\S]*?)<\/toponym>/g), ...block.matchAll(/<location>([\s\S]*?)<\/location>/g)];
  for (const t of items) {
    const b = t[1];
    let start = +field(b, 'start'), end = +field(b, 'end');
    // GeoVirus offsets run one character late; move a span onto its name when the name sits a few characters away
    const name = field(b, 'name') ?? field(b, 'phrase');
    if (name && text.slice(start, end) !== name) {
      for (const shift of [-1, 1, -2, 2, -3, 3]) if (text.slice(start + shift, start + shift + name.length) === name) { start += shift; end = start + name.length; break; }
    }
    const lat = field(b, 'lat'), lon = field(b, 'lon');
    if (!Number.isFinite(start) || !Number.isFinite(end)) continue;
    places.push({ start, end });
    if (lat === null || lon === null) continue;
    gold.push({ doc: id, start, end, text: text.slice(start, end), lat: +lat, lon: +lon, country: field(b, 'country') });
  }
  corpus.push({ id, text, url, places });
}
fs.writeFileSync(path.join(outDir, 'corpus.jsonl'), corpus.map(d => JSON.stringify(d)).join('\n') + '\n');
fs.writeFileSync(path.join(outDir, 'gold.jsonl'), gold.map(d => JSON.stringify(d)).join('\n') + '\n');
console.error(`${corpus.length} documents, ${gold.length} gold toponyms with coordinates`);
