#!/usr/bin/env node
// Scores time expressions against gold from meantime_to_jsonl.mjs.
// A system expression matches a gold one when their spans overlap (relaxed match, one to one, in text order).
// Reported: recall and precision of the spans, exact TIMEX3 value accuracy and type accuracy on the matched
// pairs, and first-day accuracy (the first day each value covers: a week gives its Monday, a month its 1st)
// on the matched pairs where the gold value names a calendar day, week, month or year.
//
// Usage: node score.mjs GOLD.jsonl SYSTEM.jsonl [--chrono] [--scope SCOPE.jsonl] [--errors N]
//   --scope: count system expressions for precision only inside each document's annotated part.
//   SYSTEM is `dyad time` output ({doc,start,end,text,type,value,day}) or, with --chrono, chrono_dates.mjs output.
import fs from 'node:fs';

const args = process.argv.slice(2);
const flags = new Set(args.filter(a => a.startsWith('--')));
const valueOf = name => args.includes(name) ? args[args.indexOf(name) + 1] : undefined;
const [goldPath, sysPath] = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && ['--errors', '--scope'].includes(args[i - 1])));
const errorsShown = valueOf('--errors') ? parseInt(valueOf('--errors'), 10) : 0;
const lines = p => fs.readFileSync(p, 'utf8').split('\n').filter(l => l.trim()).map(l => JSON.parse(l));

const gold = lines(goldPath);
let system = [];
if (flags.has('--chrono')) {
  for (const d of lines(sysPath)) for (const x of d.dates) {
    const c = new Set(x.certain);
    const [y, m] = x.date.split('-');
    const value = c.has('hour') ? x.start.slice(0, 16) : c.has('day') || c.has('weekday') ? x.date : c.has('month') ? `${y}-${m}` : c.has('year') ? y : x.date;
    system.push({ doc: d.id, start: x.index, end: x.index + x.text.length, text: x.text, value, day: x.date });
  }
} else system = lines(sysPath);

const pad = n => String(n).padStart(2, '0');
function firstDay(value) {
  let m;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value))) return `${m[1]}-${m[2]}-${m[3]}`;
  if ((m = /^(\d{4})-W(\d{2})/.exec(value))) {
    const jan4 = new Date(Date.UTC(+m[1], 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000 + (+m[2] - 1) * 7 * 86400000);
    return `${monday.getUTCFullYear()}-${pad(monday.getUTCMonth() + 1)}-${pad(monday.getUTCDate())}`;
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(value))) return `${m[1]}-${m[2]}-01`;
  if ((m = /^(\d{4})-Q(\d)$/.exec(value))) return `${m[1]}-${pad(+m[2] * 3 - 2)}-01`;
  if ((m = /^(\d{4})$/.exec(value))) return `${m[1]}-01-01`;
  return null;
}

const byDoc = new Map();
for (const s of system) { if (!byDoc.has(s.doc)) byDoc.set(s.doc, []); byDoc.get(s.doc).push(s); }
const docs = new Set(gold.map(g => g.doc));
const scopeEnd = new Map(valueOf('--scope') ? lines(valueOf('--scope')).map(s => [s.doc, s.end]) : []);
system = system.filter(s => !scopeEnd.has(s.doc) || s.start < scopeEnd.get(s.doc));
for (const list of byDoc.values()) list.splice(0, list.length, ...list.filter(s => !scopeEnd.has(s.doc) || s.start < scopeEnd.get(s.doc)));
const sysInGoldDocs = system.filter(s => docs.has(s.doc));
const used = new Set();
let matched = 0, valueOk = 0, typeOk = 0, dayPairs = 0, dayOk = 0;
const errors = [];
for (const g of gold) {
  const cands = (byDoc.get(g.doc) ?? []).filter(s => !used.has(s) && s.start < g.end && g.start < s.end);
  if (cands.length === 0) { errors.push(`MISS  ${g.type} ${g.value}  «${g.text}»`); continue; }
  const s = cands[0];
  used.add(s);
  matched++;
  if (s.value === g.value) valueOk++; else errors.push(`VALUE ${g.value} ≠ ${s.value}  «${g.text}» vs «${s.text}»  dct ${g.dct}`);
  if (s.type && s.type === g.type) typeOk++;
  const gd = firstDay(g.value);
  if (gd && g.type !== 'DURATION' && g.type !== 'SET') {
    dayPairs++;
    const sd = s.day ?? firstDay(s.value);
    if (sd === gd) dayOk++;
  }
}
const pct = (a, b) => b ? (100 * a / b).toFixed(1) + '%' : 'n/a';
console.log(JSON.stringify({
  gold: gold.length, system: sysInGoldDocs.length, matched,
  recall: pct(matched, gold.length), precision: pct(matched, sysInGoldDocs.length),
  value_accuracy_on_matched: pct(valueOk, matched), type_accuracy_on_matched: flags.has('--chrono') ? 'n/a' : pct(typeOk, matched),
  first_day_accuracy: pct(dayOk, dayPairs), first_day_pairs: dayPairs,
  value_correct_over_gold: pct(valueOk, gold.length),
}, null, 1));
if (errorsShown) for (const e of errors.slice(0, errorsShown)) console.log(e);
if (errorsShown) for (const s of sysInGoldDocs.filter(s => !used.has(s)).slice(0, errorsShown)) console.log(`EXTRA ${s.type ?? ''} ${s.value}  «${s.text}»`);
