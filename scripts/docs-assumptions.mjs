#!/usr/bin/env node
// Rewrites docs/assumptions.md's table of default numbers from `srvsim assumptions models/mp192-baseline.yaml --markdown`.
// Run from the repository root after `npm run build`: `npm run docs`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const table = execFileSync(process.execPath, ['dist/cli/main.js', 'assumptions', 'models/mp192-baseline.yaml', '--markdown'], { encoding: 'utf8' });
const readme = readFileSync('docs/assumptions.md', 'utf8');
const begin = '<!-- assumptions:begin -->\n';
const end = '<!-- assumptions:end -->';
const from = readme.indexOf(begin);
const to = readme.indexOf(end);
if (from < 0 || to < from) throw new Error('docs/assumptions.md has no assumptions markers');
writeFileSync('docs/assumptions.md', readme.slice(0, from + begin.length) + table + readme.slice(to));
console.log('docs/assumptions.md: assumptions table updated');
