/** One hour, the bearer lifetime the Scalingo docs state; `--bearer-ttl` and `bearerTtlSeconds` change it. */
export const DEFAULT_BEARER_TTL_SECONDS = 3600;
