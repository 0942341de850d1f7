import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/**
 * Express middleware that lets a request through only with `Authorization: Bearer <token>`. Tokens
 * are compared as SHA-256 digests with `timingSafeEqual`, so neither the content nor the length of the
 * token leaks through response times.
 *
 * @example Protect a router
 * ```ts
 * import express from "express";
 * import { bearerAuth } from "./bearer-auth";
 *
 * const admin = express.Router().use(bearerAuth("a-long-random-admin-token-000"));
 * ```
 */
export function bearerAuth(token: string): RequestHandler {
  const expected = digest(token);
  return (request, response, next) => {
    const header = request.get("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match?.[1] !== undefined && timingSafeEqual(digest(match[1]), expected)) {
      next();
      return;
    }
    response
      .status(401)
      .set("WWW-Authenticate", 'Bearer realm="admin"')
      .json({
        error: "unauthorized",
        message:
          header === ""
            ? "Missing Authorization header; send Authorization: Bearer <ADMIN_TOKEN>"
            : "Invalid admin token",
      });
  };
}
