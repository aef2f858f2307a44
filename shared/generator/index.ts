// The campaign-log generator: realistic, deterministic demo and benchmark data.
export {
  type GenerateOptions,
  type ResolvedOptions,
  GENERATOR_LIMITS,
  generateLog,
  resolveOptions,
} from './campaign';
export { DISTRICTS, type DistrictInfo, findDistrict } from './districts';
