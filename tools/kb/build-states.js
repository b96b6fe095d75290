// Derives src/Dyad/Coding/Actors/KnowledgeBase/states.tsv from the world-countries package (ODbL).
// Run: cd tools/kb && npm ci && npm run build
// Hand-kept additions (Britain, the U.S., seats of power, regional groups) live in state-extras.tsv, not here.
'use strict';
const fs = require('fs');
const path = require('path');
const countries = require('world-countries');
const version = require('world-countries/package.json').version;

// English short names as news text and the evaluation guidelines use them.
const canonicalOverride = { TUR: 'Turkey', CZE: 'Czech Republic', CPV: 'Cape Verde', SWZ: 'Eswatini', UNK: 'Kosovo' };
// ISO 3166-1 alpha-3 is missing for Kosovo; CAMEO uses KSV.
const codeOverride = { UNK: 'KSV' };

// CAMEO regional codes by UN subregion; a few states sit where CAMEO (not the UN) puts them.
const regionBySubregion = {
  'Northern Africa': 'NAF;AFR', 'Western Africa': 'WAF;AFR', 'Eastern Africa': 'EAF;AFR', 'Middle Africa': 'CFR;AFR',
  'Southern Africa': 'SAF;AFR', 'Western Asia': 'MEA', 'Central Asia': 'CAS;ASA', 'Southern Asia': 'SAS;ASA',
  'Eastern Asia': 'ASA', 'South-Eastern Asia': 'SEA;ASA', 'Northern Europe': 'EUR', 'Western Europe': 'EUR;WST',
  'Southern Europe': 'EUR', 'Southeast Europe': 'BLK;EUR', 'Central Europe': 'CEU;EUR', 'Eastern Europe': 'EEU;EUR',
  'North America': 'NMR', 'Central America': 'LAM', 'South America': 'SAM;LAM', Caribbean: 'CRB;LAM',
  'Australia and New Zealand': 'OCE', Melanesia: 'OCE', Micronesia: 'OCE', Polynesia: 'OCE',
};
const regionOverride = {
  IRN: 'MEA;PGS', ARM: 'CAU', AZE: 'CAU', GEO: 'CAU', CYP: 'EUR;MDT', EGY: 'MEA;NAF;AFR', LBY: 'NAF;AFR;MDT',
  USA: 'NMR;WST', CAN: 'NMR;WST', MEX: 'LAM', GBR: 'EUR;WST', AUS: 'OCE;WST', NZL: 'OCE;WST',
  SAU: 'MEA;PGS', ARE: 'MEA;PGS', KWT: 'MEA;PGS', QAT: 'MEA;PGS', BHR: 'MEA;PGS', OMN: 'MEA;PGS', IRQ: 'MEA;PGS',
  SWE: 'SCN;EUR', NOR: 'SCN;EUR;WST', DNK: 'SCN;EUR;WST', FIN: 'SCN;EUR', ISL: 'SCN;EUR',
};

// Alternative spellings worth matching in English news: Latin script, not bare ISO alpha-2 codes,
// not the inverted catalogue forms ("Korea, Republic of").
// Spellings that are ordinary English words or parts of other names ("Island" is Iceland in Icelandic).
const dropped = new Set(['Island', 'Timor', 'Lao', 'Congo', 'Vatican', 'Macedonia']);

function usable(name) {
  if (!name || name.includes(',') || dropped.has(name)) return false;
  if (/^[A-Z]{2}$/.test(name)) return false;
  return /^\p{Script=Latin}[\p{Script=Latin} .'()\-]*$/u.test(name);
}

// A demonym shared by a sovereign state and a dependency ("American", "French", "Indian") names the state only.
const demonymOwners = {};
for (const c of countries) {
  const d = c.demonyms && c.demonyms.eng;
  if (!d) continue;
  for (const v of new Set([d.m, d.f])) (demonymOwners[v] = demonymOwners[v] || []).push(c);
}
function ownsDemonym(c, demonym) {
  const owners = demonymOwners[demonym] || [];
  return owners.length < 2 || c.unMember || !owners.some(o => o.unMember);
}

const rows = [];
for (const c of countries) {
  if (c.region === 'Antarctic') continue;
  const code = codeOverride[c.cca3] || c.cca3;
  const canonical = canonicalOverride[c.cca3] || c.name.common;
  const names = [canonical, c.name.common, c.name.official, ...c.altSpellings].filter(usable);
  const demonyms = (c.demonyms && c.demonyms.eng ? [c.demonyms.eng.m, c.demonyms.eng.f] : []).filter(d => ownsDemonym(c, d));
  const capitals = (c.capital || []).filter(usable);
  const regions = regionOverride[c.cca3] || regionBySubregion[c.subregion] || '';
  rows.push([code, canonical, [...new Set(names)].join('|'), [...new Set(demonyms.filter(usable))].join('|'),
    capitals.join('|'), regions.replaceAll(';', '|')]);
}
rows.sort((a, b) => a[0].localeCompare(b[0]));

const header = [
  '# Dyad actor knowledge base: states and territories.',
  `# Derived by tools/kb/build-states.js from the npm package world-countries ${version}`,
  '# (https://github.com/mledoze/countries), made available under the ODC Open Database License (ODbL) 1.0;',
  '# this derived table is shared under the same licence. Regions are CAMEO regional codes assigned by Dyad.',
  '# Do not edit by hand: add names, adjectives and seats of power to state-extras.tsv instead.',
  '# iso3\tname\tnames\tadjectives\tcapitals\tregions',
];
const out = header.concat(rows.map(r => r.join('\t'))).join('\n') + '\n';
const target = path.join(__dirname, '..', '..', 'src', 'Dyad', 'Coding', 'Actors', 'KnowledgeBase', 'states.tsv');
fs.writeFileSync(target, out);
console.log(`wrote ${rows.length} states to ${path.relative(process.cwd(), target)}`);
