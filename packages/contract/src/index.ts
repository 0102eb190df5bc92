export { createSpecValidator, type SpecValidator, type ResponseCheck } from "./spec-validator.js";
