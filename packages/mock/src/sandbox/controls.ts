/** The sandbox's own requests, outside the APIs' paths (see the README's "Controls"). */
export const CONTROLS = [
  "POST /__sandbox/reset",
  "GET /__sandbox/clock",
  'POST /__sandbox/clock {"advanceSeconds": n}',
  "GET /__sandbox/state",
  "POST /__sandbox/revoke",
  "GET /__sandbox/violations",
];
