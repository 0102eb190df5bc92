export { createSpecValidator, type SpecValidator, type ResponseCheck, type HeaderSource } from "@openregions/apis";
