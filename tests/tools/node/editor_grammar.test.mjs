// editors/vscode-flow's TextMate grammar, run by vscode-textmate + vscode-oniguruma over every
// samples/*.flow and tests/golden/*.flow: keywords, strings, templates, comments, references,
// numbers, durations and operators get the scopes a theme colours, and no line leaves a scope
// open that the language closes at the end of the line.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { sourceDir } from './support.mjs';
import { loadGrammar, tokenize } from './textmate.mjs';

const flowFiles = ['samples', 'tests/golden'].flatMap((dir) =>
  fs.readdirSync(path.join(sourceDir, dir)).filter((f) => f.endsWith('.flow')).sort().map((f) => `${dir}/${f}`));

let grammar;
const files = new Map();  // relative path -> { lines (tokenized), kinds (reference lexer) }
before(async () => {
  grammar = await loadGrammar();
  for (const file of flowFiles) {
    const text = fs.readFileSync(path.join(sourceDir, file), 'utf8');
    files.set(file, { lines: tokenize(grammar, text), kinds: classify(text) });
  }
});

// A reference lexer, written from docs/language.md and independent of the grammar: the kind of
// every character ('code', 'comment', 'string', 'template' for {{...}} inside a string), and per
// line whether it ends inside a """ block.
function classify(text) {
  const out = [];
  let inTriple = false;
  for (const line of text.split('\n')) {
    const kinds = new Array(line.length).fill('code');
    let i = 0;
    let mode = inTriple ? 'triple' : 'code';
    const mark = (from, to, kind) => { for (let k = from; k < to && k < line.length; ++k) kinds[k] = kind; };
    while (i < line.length) {
      if (mode === 'code') {
        if (line[i] === '#') { mark(i, line.length, 'comment'); break; }
        if (line.startsWith('"""', i)) { mark(i, i + 3, 'string'); i += 3; mode = 'triple'; continue; }
        if (line[i] === '"') { mark(i, i + 1, 'string'); i += 1; mode = 'string'; continue; }
        i += 1;
        continue;
      }
      // Inside "..." or """...""".
      if (line[i] === '\\') { mark(i, i + 2, 'string'); i += 2; continue; }
      if (line.startsWith('{{', i)) {
        let j = i + 2;
        while (j < line.length && !line.startsWith('}}', j)) {
          if (line[j] === '"') {  // a quoted argument: quotes inside a template need no escaping
            j += 1;
            while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
          }
          j += 1;
        }
        mark(i, j + 2, 'template');
        i = j + 2;
        continue;
      }
      if (mode === 'triple' && line.startsWith('"""', i)) { mark(i, i + 3, 'string'); i += 3; mode = 'code'; continue; }
      if (mode === 'string' && line[i] === '"') { mark(i, i + 1, 'string'); i += 1; mode = 'code'; continue; }
      mark(i, i + 1, 'string');
      i += 1;
    }
    inTriple = mode === 'triple';
    out.push({ kinds, inTriple });
  }
  return out;
}

const has = (scopes, prefix) => scopes !== undefined && scopes.some((s) => s === prefix || s.startsWith(prefix + '.'));
const where = (file, n, col) => `${file}:${n + 1}:${col + 1}`;

// Every match of `regex` (global, with one capture group 1 or the whole match) on code characters.
function* codeMatches(regex) {
  for (const [file, { lines, kinds }] of files) {
    for (let n = 0; n < lines.length; ++n) {
      const { text, scopes } = lines[n];
      for (const m of text.matchAll(regex)) {
        const word = m[1] ?? m[0];
        const col = m.index + m[0].indexOf(word);
        if (kinds[n].kinds[col] !== 'code') continue;
        yield { file, n, col, word, scopes: scopes.slice(col, col + word.length), line: text };
      }
    }
  }
}

function expectScope(regex, scope, { atLeast = 1 } = {}) {
  let seen = 0;
  const wrong = [];
  for (const hit of codeMatches(regex)) {
    ++seen;
    if (!hit.scopes.every((s) => has(s, scope))) {
      wrong.push(`${where(hit.file, hit.n, hit.col)} '${hit.word}' has [${hit.scopes[0]?.join(' ')}], wants ${scope}`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(seen >= atLeast, `only ${seen} matches of ${regex} in the flows`);
}

test('there are flows to tokenize', () => {
  assert.ok(flowFiles.length >= 10, flowFiles.join(' '));
});

test('statement keywords are keywords', () => {
  expectScope(/^\s*(flow|account|source|send|if|else|end|schedule|settings)\b/gm, 'keyword.control', { atLeast: 100 });
  expectScope(/\b(then)\s*(?:#.*)?$/gm, 'keyword.control', { atLeast: 10 });
  expectScope(/^\s*else (if)\b/gm, 'keyword.control', { atLeast: 3 });
  expectScope(/^\s*(where)\b/gm, 'keyword.control', { atLeast: 4 });
  expectScope(/^schedule (every|at|after)\b/gm, 'keyword.control', { atLeast: 8 });
  expectScope(/\b(timezone)\b/g, 'keyword.control', { atLeast: 4 });
});

test('condition words are operators, results are constants', () => {
  expectScope(/\b(and|or|not|matches|contains)\b/g, 'keyword.operator', { atLeast: 8 });
  expectScope(/\bis( not)? empty\b/g, 'keyword.operator', { atLeast: 2 });
  expectScope(/[=!]= (success|fail|skipped)\b/g, 'constant.language', { atLeast: 8 });
});

test('declarations name the account, source or send they declare', () => {
  expectScope(/^\s*(?:account|source|send) (\w+) = /gm, 'variable.other.definition', { atLeast: 30 });
});

test('fields are properties, also on one line with the block', () => {
  expectScope(/^\s+([\w.*-]+)\s*=(?!=)/gm, 'variable.other.property', { atLeast: 50 });
  expectScope(/\{ ([\w.*-]+) = /g, 'variable.other.property', { atLeast: 20 });
  expectScope(/ {2}([\w.*-]+) = /g, 'variable.other.property', { atLeast: 10 });
  expectScope(/\w\s*(=)(?!=)/g, 'keyword.operator', { atLeast: 100 });
});

test('env., row., flow. and run. references are language variables', () => {
  expectScope(/\b(env\.[A-Z_]+)/g, 'variable.language', { atLeast: 20 });
  expectScope(/\b(row\.\w+)/g, 'variable.language', { atLeast: 20 });
});

test('actions name the account and the action', () => {
  expectScope(/\b\w+\.(\w+) \{/g, 'entity.name.function', { atLeast: 30 });
});

test('numbers, durations, rates and times are numeric constants', () => {
  expectScope(/(?<![\w.])(\d+(?:ms|s|m|h|d))\b/g, 'constant.numeric', { atLeast: 6 });
  expectScope(/\b(\d+\/(?:s|sec|min|h|hour))\b/g, 'constant.numeric', { atLeast: 2 });
  expectScope(/\b(\d{1,2}:\d\d)\b/g, 'constant.numeric', { atLeast: 8 });
  expectScope(/(?<![\w.:/])(\d+)(?![\w:/])/g, 'constant.numeric', { atLeast: 6 });
});

test('comparison operators are operators', () => {
  expectScope(/(==|!=|>=|<=|<|>)/g, 'keyword.operator', { atLeast: 20 });
});

test('strings, """ blocks, templates and comments', () => {
  const wrong = [];
  const counts = { string: 0, template: 0, comment: 0, code: 0 };
  for (const [file, { lines, kinds }] of files) {
    for (let n = 0; n < lines.length; ++n) {
      const { text, scopes } = lines[n];
      for (let col = 0; col < text.length; ++col) {
        if (text[col] === ' ') continue;
        const kind = kinds[n].kinds[col];
        const s = scopes[col];
        counts[kind] += 1;
        const ok = {
          string: has(s, 'string') && !has(s, 'meta.interpolation') && !has(s, 'comment'),
          template: (has(s, 'meta.interpolation') || has(s, 'punctuation.section.interpolation')) && !has(s, 'comment'),
          comment: has(s, 'comment'),
          code: !has(s, 'string') && !has(s, 'comment') && !has(s, 'meta.interpolation'),
        }[kind];
        if (!ok) wrong.push(`${where(file, n, col)} '${text[col]}' is ${kind} but has [${s?.join(' ')}]`);
      }
    }
  }
  assert.deepEqual(wrong.slice(0, 20), []);
  for (const [kind, count] of Object.entries(counts)) assert.ok(count > 100, `${kind}: ${count}`);
});

test('template references and filters have their own scopes', () => {
  let filters = 0;
  let refs = 0;
  const wrong = [];
  for (const [file, { lines }] of files) {
    lines.forEach(({ text, scopes }, n) => {
      for (const m of text.matchAll(/\{\{\s*([\w.]+)/g)) {
        const col = m.index + m[0].indexOf(m[1]);
        ++refs;
        if (!has(scopes[col], 'variable')) wrong.push(`${where(file, n, col)} '${m[1]}' [${scopes[col]?.join(' ')}]`);
      }
      for (const m of text.matchAll(/\{\{[^}]*?\|\s*(\w+)/g)) {
        const col = m.index + m[0].lastIndexOf(m[1]);
        ++filters;
        if (!has(scopes[col], 'support.function')) wrong.push(`${where(file, n, col)} filter '${m[1]}' [${scopes[col]?.join(' ')}]`);
      }
    });
  }
  assert.deepEqual(wrong, []);
  assert.ok(refs >= 40 && filters >= 10, `${refs} references, ${filters} filters`);
});

test('no line ends inside a scope the language closes at the end of the line', () => {
  const wrong = [];
  for (const [file, { lines, kinds }] of files) {
    lines.forEach(({ depth }, n) => {
      const expected = kinds[n].inTriple ? 2 : 1;
      if (depth !== expected) wrong.push(`${where(file, n, 0)} ends at depth ${depth}, wants ${expected}`);
    });
  }
  assert.deepEqual(wrong, []);
});

test('unterminated strings and templates end with their line', () => {
  for (const broken of ['text = "no closing quote', 'text = "{{row.name', 'text = "{{row.name | default("x', 'text = "a\\']) {
    const lines = tokenize(grammar, `${broken}\nsend bot.send_message { text = "x" }\n`);
    assert.equal(lines[0].depth, 1, broken);
    assert.ok(has(lines[1].scopes[0], 'keyword.control'), `${broken}: next line starts with [${lines[1].scopes[0]}]`);
  }
});

test('a """ block spans lines and ends at its closing quotes', () => {
  const lines = tokenize(grammar, 'text = """\n  # not a comment {{row.id}}\n  """\nsend x.y {}\n');
  assert.deepEqual(lines.map((l) => l.depth), [2, 2, 1, 1, 1]);
  assert.ok(has(lines[1].scopes[2], 'string') && !has(lines[1].scopes[2], 'comment'));
  assert.ok(has(lines[3].scopes[0], 'keyword.control'));
});

test('references and field names that look like keywords stay what they are', () => {
  const lines = tokenize(grammar, 'if flow.name == "x" and row.source != "" then\n  columns.at = row.end\nend\n');
  const scopeOf = (n, text) => lines[n].scopes[lines[n].text.indexOf(text)];
  assert.ok(has(scopeOf(0, 'flow.name'), 'variable.language'), `[${scopeOf(0, 'flow.name')}]`);
  assert.ok(has(scopeOf(0, 'source'), 'variable.language'), `[${scopeOf(0, 'source')}]`);
  assert.ok(has(scopeOf(1, 'at'), 'variable.other.property'), `[${scopeOf(1, 'at')}]`);
  assert.ok(has(scopeOf(1, 'end'), 'variable.language'), `[${scopeOf(1, 'end')}]`);
});
