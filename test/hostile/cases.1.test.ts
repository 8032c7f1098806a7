/** Hostile fixtures, shard 1 of 2 (see casesSuite.ts). */
import { hostileCases } from "./casesSuite.js";

hostileCases(1, 2);
