import { emailSend, notificationSend, standardCatalog } from "@jobkit/events/standard";
import { JobError } from "@jobkit/functions";
import { runJob } from "@jobkit/testing";
import { describe, expect, it } from "vitest";
import type { NotificationDigest } from "./build-notification-digests";
import { notificationDigest } from "./notification-digest";

const users = ["usr_a", "usr_b", "usr_c", "usr_d", "usr_e", "usr_f", "usr_g"];

/** 100 notifications over 7 users with uneven counts: user k gets every event whose index squared mod 7 is k. */
function mixedBatch(count = 100) {
  return Array.from({ length: count }, (_, index) =>
    notificationSend.create(
      {
        userId: users[(index * index) % users.length] ?? "usr_a",
        title: `Update ${index}`,
        body: `Body ${index}`,
      },
      { id: `evt_${index}` },
    ),
  );
}

function expectedCounts(batch: ReturnType<typeof mixedBatch>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const event of batch) counts.set(event.data.userId, (counts.get(event.data.userId) ?? 0) + 1);
  return counts;
}

function deliveries() {
  const calls: { userId: string; digest: NotificationDigest }[] = [];
  const deliver = (userId: string, digest: NotificationDigest) => {
    calls.push({ userId, digest });
    return { sent: true };
  };
  return { calls, deliver };
}

/** Calls `define` with options a test deliberately gets wrong, and returns the error it throws. */
function configError(define: () => unknown): JobError {
  try {
    define();
  } catch (error) {
    if (error instanceof JobError) return error;
    throw error;
  }
  throw new Error("expected a JobError");
}

describe("notificationDigest: delivering with deliver()", () => {
  it("makes exactly one digest per user of a 100-event mixed-user batch, with the right counts", async () => {
    const { calls, deliver } = deliveries();
    const batch = mixedBatch();
    const counts = expectedCounts(batch);
    expect(counts.size).toBeGreaterThan(2);
    const run = await runJob(notificationDigest({ deliver, batchPerUser: false }), { events: batch });

    expect(run.status).toBe("completed");
    expect(calls.map((call) => call.userId).sort()).toEqual([...counts.keys()].sort());
    for (const { userId, digest } of calls) {
      expect(digest.userId).toBe(userId);
      expect(digest.count).toBe(counts.get(userId));
      expect(digest.notifications).toHaveLength(counts.get(userId) ?? -1);
      expect(digest.notifications.every((item) => item.title.startsWith("Update "))).toBe(true);
    }
    const deliverSteps = run.timeline.filter((entry) => entry.type === "step").map((entry) => entry.id);
    expect(deliverSteps.sort()).toEqual([...counts.keys()].map((userId) => `deliver-${userId}`).sort());
    expect(run.output?.total).toBe(counts.size);
    expect(run.output?.items.map((item) => item.ok && item.value.count)).toEqual([...counts.values()]);
  });

  it("retries only the failing user's step; earlier users' steps are memoized, later ones run once", async () => {
    const attempts = new Map<string, number>();
    const deliver = (userId: string) => {
      attempts.set(userId, (attempts.get(userId) ?? 0) + 1);
      if (userId === "usr_c" && attempts.get(userId) === 1) throw new Error("push service unavailable");
    };
    const batch = mixedBatch(20);
    const run = await runJob(notificationDigest({ deliver, batchPerUser: false }), { events: batch });

    expect(run.status).toBe("completed");
    expect(run.output?.failed).toBe(0);
    expect(Object.fromEntries(attempts)).toEqual(
      Object.fromEntries(
        [...expectedCounts(batch).keys()].map((userId) => [userId, userId === "usr_c" ? 2 : 1]),
      ),
    );
    const retries = run.timeline.filter((entry) => entry.type === "retry");
    expect(retries.map((entry) => entry.id)).toEqual(["deliver-usr_c"]);
  });

  it("records a user whose delivery keeps failing and still delivers to everyone else", async () => {
    const delivered: string[] = [];
    const deliver = (userId: string) => {
      if (userId === "usr_b") throw new Error("device token revoked");
      delivered.push(userId);
    };
    const batch = mixedBatch(20);
    const run = await runJob(notificationDigest({ deliver, batchPerUser: false, retries: 2 }), {
      events: batch,
    });

    expect(run.status).toBe("completed");
    expect(run.output?.failed).toBe(1);
    const failed = run.output?.items.find((item) => !item.ok);
    expect(failed?.key).toBe("usr_b");
    expect(failed?.ok === false && failed.error.message).toContain("device token revoked");
    expect(delivered.sort()).toEqual([...expectedCounts(batch).keys()].filter((id) => id !== "usr_b").sort());
    expect(run.logs.some((log) => String(log.args[0]).includes('batch item "usr_b" failed'))).toBe(true);
  });

  it('fails the run when a delivery fails for good under onItemError: "fail"', async () => {
    const deliver = () => {
      throw new Error("push service down");
    };
    const run = await runJob(notificationDigest({ deliver, retries: 0, onItemError: "fail" }), {
      events: mixedBatch(3).map((event) => ({ ...event, data: { ...event.data, userId: "usr_a" } })),
    });
    expect(run.status).toBe("failed");
    expect(run.error?.message).toContain("push service down");
  });
});

describe("notificationDigest: emitting email/send", () => {
  it("emits one valid email/send with the digest template per user that has an address", async () => {
    const batch = mixedBatch(30);
    const counts = expectedCounts(batch);
    const run = await runJob(
      notificationDigest({
        recipient: (userId) => (userId === "usr_a" ? null : `${userId.replace("_", ".")}@example.com`),
        batchPerUser: false,
      }),
      { events: batch, catalog: standardCatalog },
    );

    expect(run.status).toBe("completed");
    expect(run.sent.every((event) => event.name === "email/send")).toBe(true);
    const emails = run.sent.map((event) => event.data as ReturnType<typeof emailSend.create>["data"]);
    expect(emails.map((email) => email.metadata?.userId).sort()).toEqual(
      [...counts.keys()].filter((userId) => userId !== "usr_a").sort(),
    );
    for (const email of emails) {
      const userId = email.metadata?.userId ?? "";
      expect(email.template).toBe("digest");
      expect(email.to).toBe(`${userId.replace("_", ".")}@example.com`);
      expect(email.data?.count).toBe(counts.get(userId));
      expect(email.subject).toBe(`You have ${counts.get(userId)} new notifications`);
    }
    const skipped = run.output?.items.find((item) => item.key === "usr_a");
    expect(skipped?.ok && skipped.value.delivered).toBe(false);
  });

  it("gives each email a deterministic id so Inngest drops a replayed send", async () => {
    const run = await runJob(
      notificationDigest({ recipient: () => "ada@example.com", subject: () => "Digest" }),
      {
        events: [notificationSend.create({ userId: "usr_1", title: "Hi", body: "Hello" }, { id: "evt_1" })],
      },
    );
    expect(run.sent[0]?.id).toBe("notification-digest-usr_1-evt_1");
    expect(run.sent[0]?.data).toMatchObject({ subject: "Digest" });
  });
});

describe("notificationDigest: configuration", () => {
  it("batches per user, 100 events or 30 seconds, by default", () => {
    const definition = notificationDigest({ deliver: () => undefined });
    expect(definition.id).toBe("notification-digest");
    expect(definition.triggers.map((trigger) => trigger.type === "event" && trigger.event)).toEqual([
      "notification/send",
    ]);
    expect(definition.config.batchEvents).toEqual({
      maxSize: 100,
      timeoutMs: 30_000,
      key: "event.data.userId",
      if: undefined,
    });
    expect(
      notificationDigest({ deliver: () => undefined, batchPerUser: false }).config.batchEvents?.key,
    ).toBe(undefined);
  });

  it("declares email/send in sends only when it emits emails", () => {
    expect(notificationDigest({ deliver: () => undefined }).sends).toEqual([]);
    expect(notificationDigest({ recipient: () => null }).sends).toEqual([emailSend]);
  });

  it("rejects maxSize over 100 with Inngest's cap, naming the option as written", () => {
    const error = configError(() => notificationDigest({ deliver: () => undefined, maxSize: 250 }));
    expect(error.path).toBe("maxSize");
    expect(error.message).toContain('Invalid option "maxSize" for function "notification-digest": 250');
    expect(error.message).toContain("Inngest caps a batch at 100 events");
  });

  it("rejects a timeout over a minute", () => {
    const error = configError(() => notificationDigest({ deliver: () => undefined, timeout: "5m" }));
    expect(error.path).toBe("timeout");
    expect(error.message).toContain("expected: between 1s and 1m");
  });

  it("rejects a misspelt option instead of ignoring it", () => {
    const error = configError(() => notificationDigest({ deliver: () => undefined, maxsize: 50 } as never));
    expect(error.path).toBe("maxsize");
    expect(error.message).toContain('did you mean "maxSize"?');
  });

  it("needs exactly one of deliver and recipient", () => {
    const neither = configError(() => notificationDigest({} as never));
    expect(neither.message).toContain("neither deliver nor recipient");
    const both = configError(() =>
      notificationDigest({ deliver: () => undefined, recipient: () => null } as never),
    );
    expect(both.message).toContain("both deliver and recipient");
    const notAFunction = configError(() => notificationDigest({ deliver: "push" } as never));
    expect(notAFunction.path).toBe("deliver");
  });
});
