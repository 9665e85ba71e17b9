/** The template loader's public surface: find a template, load it into the model, validate it. */
export { findTemplate, TEMPLATE_FILE_NAMES } from './find';
export { loadTemplate, validateTemplate, type TemplateLoadOptions } from './load';
export type { TemplateProblem } from './problems';
export { KNOWN_LATER_TYPES, MODELLED_TYPES } from './resources/known-types';
export { DEFAULT_ACCOUNT_ID, DEFAULT_EDGE_URL, DEFAULT_REGION } from './pseudo';
export type * from './model';
