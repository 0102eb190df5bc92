/** What every API entry re-exports from the runtime: its error classes and common option types. */
export {
  AbortError,
  ApiError,
  BadRequestError,
  ConnectionError,
  ForbiddenError,
  HttpError,
  InsecureUrlError,
  InvalidResponseError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  type LogEntry,
  type Logger,
  type RetryOptions,
} from "./index.js";
