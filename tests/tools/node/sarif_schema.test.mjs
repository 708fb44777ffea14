// `flowc check --format sarif` validates against the SARIF 2.1.0 JSON schema (OASIS, draft-07),
// checked by a real JSON-Schema validator (Ajv with ajv-formats). The schema file comes from an
// npm package pinned in package-lock.json; see README.md here for which one and why.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { flowcBinary, sourceDir, nodeModules } from './support.mjs';

const require = createRequire(import.meta.url);
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const kSchemaFile = path.join(nodeModules, '@datadog/datadog-ci-plugin-sarif/dist/json-schema/sarif-schema-2.1.0.json');
// The OASIS schema as published under Schemata/sarif-schema-2.1.0.json (draft-07 form). Pinned so
// that a package update cannot swap the schema under the test unnoticed.
const kSchemaSha256 = '10666d46649b52e262001e70d43e6c52f7c0279ca3dbdfe9a7dc2e4071556454';

const schemaText = fs.readFileSync(kSchemaFile);
const schema = JSON.parse(schemaText);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function problems(log) {
  return validate(log) ? [] : validate.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

function checkSarif(files, expectedExit) {
  const run = spawnSync(flowcBinary, ['check', '--format', 'sarif', ...files], { encoding: 'utf8' });
  assert.equal(run.status, expectedExit, `flowc check exit code\nstderr: ${run.stderr}`);
  const log = JSON.parse(run.stdout);
  assert.deepEqual(problems(log), [], 'SARIF output violates the SARIF 2.1.0 schema');
  return log;
}

// Several errors and warnings in one flow, in a folder whose name needs percent-encoding in a URI.
const kMistakes = `# several errors and warnings
flow "mistakes"

account files = csv
account bot   = telegram { bot_token = "123456:AAE-not-a-real-token" }
account crm   = keepincrm { api_key = env.KEEPINCRM_API_KEY }

source row = files.new_rows { path = "orders.csv"  where row.phone matches "(+" }

send update = crm.update_order { find_by = id  id = row.id  titel = "x" }
send create = crm.create_order { title = "{{row.title | uper}}" }

if create.result == fail then
  if create.result == success then
    send bot.send_message { chat_id = "42"  text = "{{ghost.errors}}" }
  end
end

schedule every 0m
schedule at 09:00 timezone "Europe/Kiyv"
`;

test('the schema is the OASIS SARIF 2.1.0 schema, draft-07', () => {
  assert.equal(crypto.createHash('sha256').update(schemaText).digest('hex'), kSchemaSha256);
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema.$id, 'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json');
  assert.match(schema.title, /SARIF\) Version 2\.1\.0 JSON Schema/);
});

test('a flow with several errors and warnings gives a valid SARIF log', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowc sarif ü-'));
  try {
    const file = path.join(dir, 'orders #1.flow');
    fs.writeFileSync(file, kMistakes);
    const log = checkSarif([file], 1);
    const results = log.runs[0].results;
    const levels = new Set(results.map((r) => r.level));
    assert.ok(levels.has('error') && levels.has('warning'), `levels: ${[...levels]}`);
    assert.ok(results.filter((r) => r.level === 'error').length >= 4, JSON.stringify(results.map((r) => r.ruleId)));
    const rules = log.runs[0].tool.driver.rules;
    for (const r of results) {
      assert.equal(rules[r.ruleIndex].id, r.ruleId);
      const uri = r.locations[0].physicalLocation.artifactLocation.uri;
      assert.equal(fileURLToPath(uri), file, 'the URI names the file');
      assert.ok(!/[ #ü]/.test(uri), `unencoded characters in ${uri}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('every golden flow, alone and all together, gives a valid SARIF log', () => {
  const goldens = fs.readdirSync(path.join(sourceDir, 'tests/golden')).filter((f) => f.endsWith('.flow')).sort();
  assert.ok(goldens.length >= 5);
  const relative = goldens.map((f) => `tests/golden/${f}`);
  let results = 0;
  for (const file of relative) {
    const run = spawnSync(flowcBinary, ['check', '--format', 'sarif', file], { cwd: sourceDir, encoding: 'utf8' });
    assert.ok(run.status === 0 || run.status === 1, `${file}: exit ${run.status}: ${run.stderr}`);
    const log = JSON.parse(run.stdout);
    assert.deepEqual(problems(log), [], `${file}: SARIF output violates the schema`);
    results += log.runs[0].results.length;
  }
  assert.ok(results >= 10, `only ${results} results over the golden flows`);
  const all = spawnSync(flowcBinary, ['check', '--format', 'sarif', ...relative], { cwd: sourceDir, encoding: 'utf8' });
  assert.deepEqual(problems(JSON.parse(all.stdout)), []);
});

test('a clean flow gives a valid SARIF log with no results', () => {
  const log = checkSarif([path.join(sourceDir, 'samples/csv_telegram_digest.flow')], 0);
  assert.deepEqual(log.runs[0].results, []);
  assert.ok(log.runs[0].tool.driver.rules.length > 20);
});

test('the validator rejects logs that break the schema', () => {
  const good = checkSarif([path.join(sourceDir, 'tests/golden/three_mistakes.flow')], 1);
  assert.ok(good.runs[0].results.length > 0);
  const broken = {
    'an unknown level': (log) => { log.runs[0].results[0].level = 'fatal'; },
    'a line number 0': (log) => { log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0; },
    'a tool without a name': (log) => { delete log.runs[0].tool.driver.name; },
    'a property SARIF does not define': (log) => { log.runs[0].results[0].severity = 'error'; },
    'another SARIF version': (log) => { log.version = '2.0.0'; },
    'a message without text or id': (log) => { log.runs[0].results[0].message = {}; },
    'a URI with a space': (log) => { log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'a b.flow'; },
  };
  for (const [what, breakIt] of Object.entries(broken)) {
    const log = structuredClone(good);
    breakIt(log);
    assert.notDeepEqual(problems(log), [], `the validator accepted ${what}`);
  }
});
