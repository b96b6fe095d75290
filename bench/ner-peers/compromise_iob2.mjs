#!/usr/bin/env node
// compromise's people(), places() and organizations() over each sentence of a UNER-style IOB2 file, written back
// in the same layout (PER, LOC, ORG), so `dyad nlp eval --gold FILE --system OUT` scores it as it scores Dyad.
// compromise reads the sentence's "# text" line (its words joined by spaces when there is none); a name it finds
// is placed on the first run of the sentence's words, not yet labelled, that spells it (spaces left out).
//
// Usage: node compromise_iob2.mjs GOLD.iob2 > OUT.iob2      (compromise from $PEERS_HOME/node/node_modules)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const peersHome = process.env.PEERS_HOME || path.join(process.env.HOME || '/tmp', '.cache', 'dyad-peers');
const load = async name => (await import(pathToFileURL(path.join(peersHome, 'node', 'node_modules', name, 'src', 'three.js')).href)).default;
const nlp = await load('compromise');

const squash = s => s.replace(/\s+/g, '');
// outer punctuation is not part of a name ("Lavrov." or "(Reuters)")
const trim = s => s.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, '').replace(/(?<=\p{L}{2,})\.$/u, '');

let namesFound = 0, namesPlaced = 0;
function label(words, text) {
  const tags = words.map(() => 'O');
  const doc = nlp(text);
  const found = [];
  for (const [type, view] of [['PER', doc.people()], ['LOC', doc.places()], ['ORG', doc.organizations()]])
    for (const m of view.json())
      // each term as written: its text with the punctuation between terms ("Prof." and "Elizabeth's" keep theirs)
      found.push([type, trim(squash(m.terms.map((t, i) => (i ? t.pre : '') + t.text + (i < m.terms.length - 1 ? t.post : '')).join('')))]);
  for (const [type, name] of found) {
    if (!name) continue;
    namesFound++;
    outer: for (let i = 0; i < words.length; i++) {
      let spelled = '';
      for (let j = i; j < words.length; j++) {
        if (tags[j] !== 'O') break;
        spelled += squash(words[j]);
        if (spelled === name) {
          tags[i] = 'B-' + type;
          for (let k = i + 1; k <= j; k++) tags[k] = 'I-' + type;
          namesPlaced++;
          break outer;
        }
        if (!name.startsWith(spelled)) break;
      }
    }
  }
  return tags;
}

const out = [];
let comments = [], rows = [];
const flush = () => {
  if (rows.length === 0) return;
  const words = rows.map(r => r[1]);
  const textLine = comments.find(c => c.startsWith('# text = '));
  const tags = label(words, textLine ? textLine.slice(9) : words.join(' '));
  out.push(...comments, ...rows.map((r, i) => `${r[0]}\t${r[1]}\t${tags[i]}\t-\t-`), '');
  comments = []; rows = [];
};
for (const line of fs.readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (line === '') { flush(); comments = []; continue; }
  if (line.startsWith('#')) { comments.push(line); continue; }
  rows.push(line.split('\t'));
}
flush();
process.stdout.write(out.join('\n') + '\n');
// names that spell no free run of words (compromise split or joined differently) cannot be scored
process.stderr.write(`compromise ${JSON.parse(fs.readFileSync(path.join(peersHome, 'node', 'node_modules', 'compromise', 'package.json'), 'utf8')).version}: ${namesFound} names found, ${namesPlaced} placed on the sentence's words\n`);
