import { emailSend, orderPlaced, systemCleanup } from "@jobkit/events/standard";
import { runJob } from "@jobkit/testing";
import { describe, expect, it } from "vitest";
import { cleanupExpiredRecords } from "../src/jobs/cleanup-expired-records";
import { cleanupSchedule } from "../src/jobs/cleanup-schedule";
import { dailyReport } from "../src/jobs/daily-report";
import { deliverEmail } from "../src/jobs/deliver-email";
import { processOrder } from "../src/jobs/process-order";
import { sendWelcomeEmail } from "../src/jobs/send-welcome-email";
import { createStore } from "../src/store";

const day = 86_400_000;

describe("daily-report", () => {
  it("reports yesterday in New York time and emails it to the admins", async () => {
    const store = createStore();
    store.users.set("usr_admin", {
      id: "usr_admin",
      email: "ops@example.com",
      role: "admin",
      createdAt: new Date(0),
    });
    const order = (id: string, createdAt: string, amount: number) =>
      store.orders.set(id, {
        id,
        userId: "usr_1",
        amount,
        currency: "USD",
        status: "completed",
        createdAt: new Date(createdAt),
      });
    // 2026-01-14 in New York runs from 05:00 UTC on the 14th to 05:00 UTC on the 15th.
    order("ord_1", "2026-01-14T06:00:00Z", 1000);
    order("ord_2", "2026-01-15T04:30:00Z", 500);
    order("ord_3", "2026-01-14T04:00:00Z", 9999); // still the 13th in New York
    const run = await runJob(dailyReport(store), { now: "2026-01-15T14:00:00Z" });
    expect(run.output).toMatchObject({
      reportDate: "2026-01-14",
      metrics: { orders: 2, revenue: 1500 },
      recipients: 1,
    });
    expect(run.sent).toEqual([
      expect.objectContaining({
        name: "email/send",
        id: "daily-report-2026-01-14",
        data: expect.objectContaining({ to: ["ops@example.com"], template: "report-ready" }),
      }),
    ]);
    expect(store.reports).toHaveLength(1);
  });

  it("sends no email when there are no admins, and still stores the report", async () => {
    const store = createStore();
    const run = await runJob(dailyReport(store), { now: "2026-01-15T14:00:00Z" });
    expect(run.sent).toEqual([]);
    expect(store.reports).toHaveLength(1);
  });
});

describe("nightly cleanup", () => {
  it("asks for one cleanup per kind of record, with ids that make a retried run harmless", async () => {
    const run = await runJob(cleanupSchedule(), { now: "2026-01-15T03:00:00Z" });
    expect(run.sent.map((event) => [event.id, event.data])).toEqual([
      ["cleanup-sessions-2026-01-15", { scope: "sessions", olderThanDays: 30 }],
      ["cleanup-tokens-2026-01-15", { scope: "tokens", olderThanDays: 7 }],
      ["cleanup-logs-2026-01-15", { scope: "logs", olderThanDays: 90 }],
      ["cleanup-temp_files-2026-01-15", { scope: "temp_files", olderThanDays: 1 }],
    ]);
  });

  it("deletes only the records of the scope older than the given days", async () => {
    const store = createStore();
    const now = Date.parse("2026-01-15T03:00:00Z");
    store.records.tokens = [
      { id: "tok_old", createdAt: new Date(now - 8 * day) },
      { id: "tok_new", createdAt: new Date(now - 6 * day) },
    ];
    store.records.sessions = [{ id: "sess_old", createdAt: new Date(now - 90 * day) }];
    const event = systemCleanup.create({ scope: "tokens", olderThanDays: 7 }, { ts: now });
    const run = await runJob(cleanupExpiredRecords(store), { event, now });
    expect(run.output).toMatchObject({ scope: "tokens", deleted: 1 });
    expect(store.records.tokens.map((record) => record.id)).toEqual(["tok_new"]);
    expect(store.records.sessions).toHaveLength(1);
  });
});

describe("emails", () => {
  const welcome = emailSend.create({ to: "ada@example.com", template: "welcome", subject: "Welcome!" });

  it("delivers the welcome email once: send-welcome-email takes it, deliver-email does not", async () => {
    const store = createStore();
    const run = await runJob(sendWelcomeEmail(store), { event: welcome });
    expect(run.sent.map((event) => event.name)).toEqual(["email/sent"]);
    expect(store.outbox.map((email) => email.template)).toEqual(["welcome"]);
    await expect(runJob(deliverEmail(store), { event: welcome })).rejects.toMatchObject({
      name: "RunJobError",
      code: "event-not-in-triggers",
    });
  });

  it("delivers every other template through deliver-email, to every recipient", async () => {
    const store = createStore();
    const report = emailSend.create({
      to: ["a@example.com", "b@example.com"],
      template: "report-ready",
      subject: "Report",
    });
    const run = await runJob(deliverEmail(store), { event: report });
    expect(run.sent.map((event) => (event.data as { to: string }).to)).toEqual([
      "a@example.com",
      "b@example.com",
    ]);
    await expect(runJob(sendWelcomeEmail(store), { event: report })).rejects.toMatchObject({
      code: "event-not-in-triggers",
    });
  });
});

describe("process-order", () => {
  it("fails at once, without retries, for an order the store does not have", async () => {
    const order = orderPlaced.create({
      orderId: "ord_missing",
      userId: "usr_1",
      amount: 100,
      currency: "USD",
      items: [{ productId: "prod_1", quantity: 1, price: 100 }],
    });
    const run = await runJob(processOrder(createStore()), { event: order });
    expect(run.status).toBe("failed");
    expect(run.attempts).toBe(1);
    expect(run.error?.message).toContain("Order ord_missing not found");
  });
});
