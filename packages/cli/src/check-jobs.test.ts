import { defineCatalog, defineEvent } from "@jobkit/events";
import { cel, defineCronFunction, defineEventFunction } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkJobs } from "./check-jobs";

const userCreated = defineEvent("user/created", {
  schema: z.object({ userId: z.string(), profile: z.object({ country: z.string() }) }),
});
const userDeleted = defineEvent("user/deleted", { schema: z.object({ userId: z.string() }) });
const emailSend = defineEvent("email/send", { schema: z.object({ to: z.string() }) });
const catalog = defineCatalog([userCreated, userDeleted, emailSend]);
const january = { now: new Date("2026-01-01T00:00:00Z") };

const welcome = defineEventFunction({
  id: "welcome",
  on: userCreated,
  sends: [emailSend],
  handler: async () => {},
});
const deliver = defineEventFunction({ id: "deliver", on: emailSend, handler: async () => {} });

const codes = (report: ReturnType<typeof checkJobs>) => report.findings.map((finding) => finding.code);

describe("checkJobs", () => {
  it("finds nothing wrong with consistent jobs", () => {
    const report = checkJobs({ catalog, definitions: [welcome, deliver] }, january);
    expect(report).toMatchObject({ errors: 0, warnings: 0, functions: 2 });
  });

  it("reports duplicate ids once, naming both positions", () => {
    const twin = defineEventFunction({ id: "welcome", on: userDeleted, handler: async () => {} });
    const report = checkJobs({ catalog, definitions: [welcome, deliver, twin] }, january);
    expect(codes(report)).toEqual(["duplicate-id"]);
    expect(report.findings[0]?.message).toContain("definitions[0] and definitions[2] share it");
  });

  it("reports a trigger missing from the catalog with suggestions", () => {
    const typo = defineEventFunction({ id: "typo", on: "user/deleetd", handler: async () => {} });
    const report = checkJobs({ catalog, definitions: [typo] }, january);
    expect(report.findings[0]).toMatchObject({
      code: "unknown-trigger",
      event: "user/deleetd",
      severity: "error",
    });
    expect(report.findings[0]?.message).toContain('did you mean: "user/deleted"');
  });

  it("reports a cancelOn event missing from the catalog", () => {
    const orderPaid = defineEvent("order/paid", { schema: z.object({ userId: z.string() }) });
    const cancelled = defineEventFunction({
      id: "cancelled",
      on: userCreated,
      cancelOn: [{ event: orderPaid, match: "data.userId" }],
      handler: async () => {},
    });
    expect(codes(checkJobs({ catalog, definitions: [cancelled] }, january))).toEqual([
      "unknown-cancel-event",
    ]);
  });

  it("warns about sent events outside the catalog and events nobody consumes", () => {
    const smsSend = defineEvent("sms/send", { schema: z.object({ to: z.string() }) });
    const texting = defineEventFunction({
      id: "texting",
      on: userCreated,
      sends: [smsSend],
      handler: async () => {},
    });
    const report = checkJobs({ catalog, definitions: [texting] }, january);
    expect(codes(report)).toEqual(["unknown-sent-event", "sent-not-consumed"]);
    expect(report.errors).toBe(0);
  });

  it("counts a cancelOn event as consumed", () => {
    const cancelled = defineEventFunction({
      id: "cancelled",
      on: emailSend,
      cancelOn: [{ event: userDeleted, if: "async.data.userId == event.data.to" }],
      handler: async () => {},
    });
    const deleting = defineEventFunction({
      id: "deleting",
      on: userCreated,
      sends: [userDeleted],
      handler: async () => {},
    });
    expect(codes(checkJobs({ catalog, definitions: [cancelled, deleting] }, january))).toEqual([]);
  });

  it("treats another major version of a catalog event as an error and another minor as a warning", () => {
    const major = defineEvent("user/deleted", { version: "2.0.0", schema: z.object({ userId: z.string() }) });
    const minor = defineEvent("email/send", { version: "1.1.0", schema: z.object({ to: z.string() }) });
    const onMajor = defineEventFunction({ id: "on-major", on: major, handler: async () => {} });
    const onMinor = defineEventFunction({ id: "on-minor", on: minor, handler: async () => {} });
    const report = checkJobs({ catalog, definitions: [onMajor, onMinor] }, january);
    expect(report.findings.map((finding) => `${finding.severity} ${finding.code}`)).toEqual([
      "error version-mismatch",
      "warning version-mismatch",
    ]);
    expect(report.findings[0]?.message).toContain('"user/deleted" v2.0.0, but the catalog has v1.0.0');
  });

  it("reports key paths missing from the trigger's schema, nested and in cel()", () => {
    const keyed = defineEventFunction({
      id: "keyed",
      on: userCreated,
      concurrency: { limit: 1, key: cel("event.data.profile.contry") },
      idempotency: cel('event.data.usrId + "-" + event.data.userId'),
      handler: async () => {},
    });
    const report = checkJobs({ catalog, definitions: [keyed] }, january);
    expect(report.findings.map((finding) => finding.message.split("\n")[0])).toEqual([
      'Key path "event.data.profile.contry" in "concurrency[0].key" of function "keyed" is not in the schema of "user/created"',
      'Key path "event.data.usrId" in "idempotency" of function "keyed" is not in the schema of "user/created"',
    ]);
    expect(report.findings[0]?.message).toContain('"contry" is not a field of data.profile');
    expect(report.findings[0]?.message).toContain("e.g. event.data.country");
  });

  it("checks async.data paths of cancelOn against the cancelling event", () => {
    const cancelled = defineEventFunction({
      id: "cancelled",
      on: userCreated,
      cancelOn: [{ event: emailSend, if: "async.data.recipient == event.data.userId" }],
      handler: async () => {},
    });
    const [finding] = checkJobs({ catalog, definitions: [cancelled] }, january).findings;
    expect(finding).toMatchObject({ code: "unknown-key-path", event: "email/send" });
    expect(finding?.message).toContain("so the condition never sees a value");
  });

  it("checks cron triggers", () => {
    const nightly = defineCronFunction({
      id: "nightly",
      cron: "30 2 * * *",
      timezone: "America/New_York",
      handler: async () => {},
    });
    expect(codes(checkJobs({ catalog, definitions: [nightly] }, january))).toEqual(["cron-dst-gap"]);
  });

  it("reports a module without definitions as an error and one without a catalog as a warning", () => {
    const report = checkJobs({ definitions: [] }, january);
    expect(report.findings.map((finding) => `${finding.severity} ${finding.code}`)).toEqual([
      "error no-definitions",
      "warning no-catalog",
    ]);
  });

  it("skips catalog checks without a catalog", () => {
    const typo = defineEventFunction({ id: "typo", on: "user/deleetd", handler: async () => {} });
    expect(codes(checkJobs({ definitions: [typo] }, january))).toEqual(["no-catalog"]);
  });
});
