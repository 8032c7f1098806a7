import { SCHEMA_VERSIONS as SCHEMA_ENUM } from "./wire.generated.js";

/** The `schema_version`s this build reads: the schema's own enum. */
export const SCHEMA_VERSIONS: readonly number[] = SCHEMA_ENUM;

/** The `schema_version` this build writes. */
export const CURRENT_SCHEMA_VERSION = 2;

/** File name of the run document inside a run folder. */
export const RUN_FILE = "run.json";
