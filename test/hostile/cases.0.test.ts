/** Hostile fixtures, shard 0 of 2 (see casesSuite.ts). */
import { hostileCases } from "./casesSuite.js";

hostileCases(0, 2);
