// The TLS scenarios declare their parameters with the shared ParameterSpec and
// check raw values with the shared normalizer, so the form, the URL and the
// models apply the same rules.

export type { ParameterChoice, ParameterSpec, ParameterValue, ParameterValues } from '../scenario';
export {
  normalizeParameters,
  type NormalizedParameters,
  type ParameterProblem,
} from '../parameters';
