#!/usr/bin/env node
// Turns MEANTIME (CAT XML) documents into the inputs Dyad and its peers read, plus the gold time expressions.
// The text is the corpus tokens joined by single spaces, one sentence per line, so gold token anchors
// become character offsets. Documents without a usable DCT are skipped.
//
// Usage: node meantime_to_jsonl.mjs MEANTIME_DIR OUT_DIR   → OUT_DIR/corpus.jsonl, gold.jsonl, scope.jsonl
import fs from 'node:fs';
import path from 'node:path';

const [root, outDir] = process.argv.slice(2);
if (!root || !outDir) { console.error('usage: meantime_to_jsonl.mjs MEANTIME_DIR OUT_DIR'); process.exit(2); }
fs.mkdirSync(outDir, { recursive: true });

const files = [];
(function walk(dir) {
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) walk(p); else if (name.endsWith('.xml')) files.push(p);
  }
})(root);

const unescape = s => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const attr = (tag, name) => { const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag); return m ? unescape(m[1]) : ''; };

// MEANTIME annotates the title, the date line and the first sentences only; scope.jsonl tells the
// scorer where each document's annotated part ends so that precision is not charged for the rest.
const ANNOTATED_SENTENCES = 6;
const corpus = [], gold = [], scope = [];
let skipped = 0;
for (const file of files) {
  const xml = fs.readFileSync(file, 'utf8');
  const id = path.basename(file, '.xml');
  const tokens = [...xml.matchAll(/<token ([^>]*)>([^<]*)<\/token>/g)].map(m => ({ id: attr(m[1], 't_id'), sentence: attr(m[1], 'sentence'), text: unescape(m[2]) }));
  const timexes = [...xml.matchAll(/<TIMEX3 ([^>]*?)(\/>|>([\s\S]*?)<\/TIMEX3>)/g)].map(m => ({ tag: m[1], anchors: [...(m[3] ?? '').matchAll(/t_id="(\d+)"/g)].map(a => a[1]) }));
  const dctTag = timexes.find(t => attr(t.tag, 'functionInDocument') === 'CREATION_TIME');
  const dct = dctTag ? attr(dctTag.tag, 'value') : '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dct)) { skipped++; continue; }
  let text = '', prevSentence = null;
  const offsets = new Map();
  for (const t of tokens) {
    if (prevSentence !== null) text += t.sentence === prevSentence ? ' ' : '\n';
    offsets.set(t.id, [text.length, text.length + t.text.length]);
    text += t.text;
    prevSentence = t.sentence;
  }
  corpus.push({ id, text, published: dct });
  let scopeEnd = 0, lineNo = 0;
  for (const line of text.split('\n')) { if (lineNo++ >= ANNOTATED_SENTENCES) break; scopeEnd += line.length + 1; }
  scope.push({ doc: id, end: scopeEnd });
  for (const t of timexes) {
    if (t.anchors.length === 0) continue;
    const spans = t.anchors.map(a => offsets.get(a)).filter(Boolean);
    const start = Math.min(...spans.map(s => s[0])), end = Math.max(...spans.map(s => s[1]));
    gold.push({ doc: id, start, end, text: text.slice(start, end), type: attr(t.tag, 'type'), value: attr(t.tag, 'value'), dct });
  }
}
fs.writeFileSync(path.join(outDir, 'corpus.jsonl'), corpus.map(d => JSON.stringify(d)).join('\n') + '\n');
fs.writeFileSync(path.join(outDir, 'scope.jsonl'), scope.map(d => JSON.stringify(d)).join('\n') + '\n');
fs.writeFileSync(path.join(outDir, 'gold.jsonl'), gold.map(d => JSON.stringify(d)).join('\n') + '\n');
console.error(`${corpus.length} documents (${skipped} skipped without a YYYY-MM-DD DCT), ${gold.length} gold expressions`);
