#!/usr/bin/env node
/**
 * Prints the closing line CI reads, `N passed, N failed[, N skipped]`, from vitest's JSON report.
 *   node scripts/test-summary.mjs <report.json> <exit status of the test command>
 * A failed check outside vitest (lint, check:generated) counts as one failure, so the line never
 * reads green when the command was red.
 */
import { existsSync, readFileSync } from 'node:fs';

const [reportPath = '.reports/vitest.json', statusArg = '0'] = process.argv.slice(2);
const status = Number(statusArg);
let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(reportPath)) {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (report.success === false && failed === 0) failed = 1;
}
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
