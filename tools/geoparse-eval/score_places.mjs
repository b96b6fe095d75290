#!/usr/bin/env node
// Scores `dyad places` output against gold from geoparse_to_jsonl.mjs.
// Pairs overlap one to one in text order. Reported: span recall (gold toponyms with coordinates that got an
// overlapping prediction), accuracy@161 km and median error on the pairs, accuracy@161 km over all gold
// (a missed toponym counts as wrong), and country accuracy on pairs whose gold names a country
// (gold country names are mapped to ISO3 through src/Dyad/Places/countries.tsv).
// Usage: node score_places.mjs GOLD.jsonl SYSTEM.jsonl [COUNTRIES.tsv]
import fs from 'node:fs';
import path from 'node:path';

const [goldPath, sysPath, countriesPath = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../src/Dyad/Places/countries.tsv')] = process.argv.slice(2);
const lines = p => fs.readFileSync(p, 'utf8').split('\n').filter(l => l.trim()).map(l => JSON.parse(l));
const gold = lines(goldPath), system = lines(sysPath);
const iso3 = new Map();
for (const row of fs.readFileSync(countriesPath, 'utf8').split('\n')) {
  if (!row || row.startsWith('#')) continue;
  const c = row.split('\t');
  for (const name of [c[2], ...(c[5] ? c[5].split('|') : [])]) iso3.set(name.toLowerCase(), c[0]);
}
const km = (a, b, c, d) => {
  const r = x => x * Math.PI / 180;
  const h = Math.sin(r(c - a) / 2) ** 2 + Math.cos(r(a)) * Math.cos(r(c)) * Math.sin(r(d - b) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
};
const byDoc = new Map();
for (const s of system) { if (!byDoc.has(s.doc)) byDoc.set(s.doc, []); byDoc.get(s.doc).push(s); }
const used = new Set();
let matched = 0, within = 0, countryPairs = 0, countryOk = 0;
const errors = [];
for (const g of gold) {
  const s = (byDoc.get(g.doc) ?? []).find(x => !used.has(x) && x.start < g.end && g.start < x.end && x.lat !== null);
  if (!s) continue;
  used.add(s);
  matched++;
  const d = km(g.lat, g.lon, s.lat, s.lon);
  errors.push(d);
  if (d <= 161) within++;
  const gc = g.country ? iso3.get(g.country.toLowerCase()) : undefined;
  if (gc) { countryPairs++; if (s.country === gc) countryOk++; }
}
errors.sort((a, b) => a - b);
const pct = (a, b) => b ? (100 * a / b).toFixed(1) + '%' : 'n/a';
const docs = new Set(gold.map(g => g.doc));
console.log(JSON.stringify({
  gold: gold.length, predictions: system.filter(s => docs.has(s.doc)).length, matched,
  span_recall: pct(matched, gold.length),
  acc161_on_matched: pct(within, matched), median_km_on_matched: errors.length ? Math.round(errors[errors.length >> 1]) : null,
  acc161_over_gold: pct(within, gold.length),
  country_accuracy_on_matched: pct(countryOk, countryPairs), country_pairs: countryPairs,
}, null, 1));
