// Tokenizes .flow text with editors/vscode-flow's TextMate grammar, as VS Code does: the
// vscode-textmate engine over the Oniguruma regex library (WebAssembly, vscode-oniguruma).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { nodeModules, sourceDir } from './support.mjs';

const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

export const grammarFile = path.join(sourceDir, 'editors/vscode-flow/syntaxes/flow.tmLanguage.json');

export async function loadGrammar() {
  const wasm = fs.readFileSync(path.join(nodeModules, 'vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.flow' ? vsctm.parseRawGrammar(fs.readFileSync(grammarFile, 'utf8'), grammarFile) : null,
  });
  return registry.loadGrammar('source.flow');
}

// Every line of `text` as { text, scopes: [scope list of each character], depth: rule-stack depth at
// the end of the line }. Depth 1 is the top level of the file.
export function tokenize(grammar, text) {
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    const scopes = new Array(line.length);
    for (const token of result.tokens) {
      for (let i = token.startIndex; i < Math.min(token.endIndex, line.length); ++i) scopes[i] = token.scopes;
    }
    return { text: line, scopes, depth: state.depth };
  });
}
