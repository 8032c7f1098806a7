/** The `schema_version`s this build reads. Keep in sync with `schema/run.schema.json`. */
export const SCHEMA_VERSIONS: readonly number[] = [1, 2];

/** The `schema_version` this build writes. */
export const CURRENT_SCHEMA_VERSION = 2;

/** File name of the run document inside a run folder. */
export const RUN_FILE = "run.json";
