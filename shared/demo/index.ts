// Public entry of the demo generators (isomorphic): the fixed demo snapshot and the seeded
// scale generator for benchmarks. Both return plaintext SQLite bytes; encrypting and
// writing them is the Node corner's job (shared/node/demo/).
export { DEMO_META, DEMO_SEED, DEMO_VERSION, buildDemoModel, generateDemoSnapshot } from './generate';
export { computeFigures, EXPECTED_FIGURES, type DemoFigures } from './verify';
export { MAX_SCALE_PERSONS, generateScaleSnapshot, type ScaleOptions } from './scale';
