// The org-code commands' code, built as its own file (dist/orgCode.js, esbuild.mjs LAZY): it carries
// the YAML parser and the schema validator, which only these commands need, so the first run of any
// other command does not load them.
export { compareWithOrganization } from './compare';
export { copyProjectSettings } from './copySettings';
export { exportOrganization } from './export';
export { applyFile, planFile } from './planApply';
