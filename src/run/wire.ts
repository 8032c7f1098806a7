/**
 * Wire types of a run folder's `run.json`: exactly what the file says, before validation.
 *
 * Field names are curifactory's own (snake_case) so that a run exported from Python curifactory
 * maps attribute for attribute. These types describe untrusted input: code outside `src/run`
 * never sees them; it works with the validated model types in `model.ts`.
 *
 * The types are generated from `schema/run.schema.json` (`wire.generated.ts`, `npm run generate`),
 * so a field is added to the schema and to its conversion (`convert.ts`), nowhere else.
 */
export * from "./wire.generated.js";
