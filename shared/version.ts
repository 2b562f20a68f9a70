// The application version, shown in provenance lines ("ketenlens 0.1.0") and --version.
// Kept in step with package.json by test/version.test.ts.
export const VERSION = '0.1.0';
export const GENERATOR = `ketenlens ${VERSION}`;
