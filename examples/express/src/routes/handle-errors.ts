import type { ErrorRequestHandler, RequestHandler } from "express";

/**
 * The last route: a JSON 404 for every path nothing else answered.
 *
 * @example Mount it after every other route
 * ```ts
 * import express from "express";
 * import { notFound } from "./handle-errors";
 *
 * express().use(notFound);
 * ```
 */
export const notFound: RequestHandler = (request, response) => {
  response
    .status(404)
    .json({ error: "not_found", message: `No route for ${request.method} ${request.path}` });
};

/**
 * The last error handler: client errors from Express's body parsers (malformed JSON, a body over the
 * limit) keep their 4xx status and say what was wrong; anything else is logged and answered with a bare
 * 500, never with a stack trace or request data.
 *
 * @example Mount it last
 * ```ts
 * import express from "express";
 * import { handleErrors } from "./handle-errors";
 *
 * express().use(handleErrors);
 * ```
 */
export const handleErrors: ErrorRequestHandler = (error, request, response, _next) => {
  const status = typeof error?.status === "number" ? error.status : 500;
  if (status >= 400 && status < 500) {
    const type = typeof error.type === "string" ? error.type : "bad_request";
    response.status(status).json({
      error: type.replace(/\./g, "_"),
      message:
        type === "entity.too.large"
          ? `The request body is larger than the ${error.limit}-byte limit of ${request.path}`
          : type === "entity.parse.failed"
            ? "The request body is not valid JSON"
            : String(error.message),
    });
    return;
  }
  // The error's name and message only: the request body may hold personal data.
  console.error(`${request.method} ${request.path} failed:`, error instanceof Error ? error.message : error);
  response.status(500).json({ error: "internal_error", message: "Internal server error" });
};
