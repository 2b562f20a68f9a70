// Public entry of the demo generators (isomorphic): the fixed demo snapshot and the seeded
// scale generator for benchmarks. Both return plaintext SQLite bytes; encrypting and
// writing them is the Node corner's job (shared/node/demo/).
export {
  DEMO_META, DEMO_PSEUDONIEM_DOMEIN, DEMO_SEED, DEMO_VERSION, EARLIER_DEMO_META, buildDemoModel, generateDemoSnapshot, generateEarlierDemoSnapshot,
} from './generate';
export { EARLIER_DIFFERENCES, EARLIER_PEILDATUM, STORY_PEILDATUM, buildEarlierModel } from './earlier';
export { computeFigures, EXPECTED_FIGURES, type DemoFigures } from './verify';
export { MAX_SCALE_PERSONS, generateScaleSnapshot, type ScaleOptions } from './scale';
