import { emailSend } from "@jobkit/events/standard";
import { inngestLimits } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { buildNotificationDigests, type NotificationSendEvent } from "./build-notification-digests";
import { digestEmail, digestSubject } from "./digest-email";

function digestOf(count: number, bodyLength = 20) {
  const events: NotificationSendEvent[] = Array.from({ length: count }, (_, index) => ({
    name: "notification/send",
    id: `e${index}`,
    ts: Date.parse("2025-01-31T09:30:00Z") + index,
    data: { userId: "usr_1", title: `title ${index}`, body: "x".repeat(bodyLength) },
  }));
  const [digest] = buildNotificationDigests(events);
  if (!digest) throw new Error("no digest");
  return digest;
}

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

describe("digestEmail", () => {
  it("builds valid email/send data with the digest template, count and list", () => {
    const data = digestEmail(digestOf(3), "ada@example.com", "3 new", inngestLimits.maxEventBytes);
    expect(() => emailSend.create(data)).not.toThrow();
    expect(data.template).toBe("digest");
    expect(data.to).toBe("ada@example.com");
    expect(data.metadata).toEqual({ userId: "usr_1" });
    expect(data.data?.count).toBe(3);
    expect(data.data?.omitted).toBe(0);
    expect(data.data?.notifications).toHaveLength(3);
  });

  it("leaves out the newest notifications when the list would not fit in one event, and counts them", () => {
    // 100 notifications of 4000 characters are about 400 KB, over Inngest's 256 KiB event limit.
    const data = digestEmail(digestOf(100, 4000), "ada@example.com", "100 new", inngestLimits.maxEventBytes);
    const listed = data.data?.notifications as { title: string }[];
    expect(listed.length).toBeGreaterThan(50);
    expect(listed.length).toBeLessThan(100);
    expect(data.data?.omitted).toBe(100 - listed.length);
    expect(data.data?.count).toBe(100);
    expect(listed[0]?.title).toBe("title 0");
    expect(bytes({ name: "email/send", id: "x".repeat(200), data })).toBeLessThanOrEqual(
      inngestLimits.maxEventBytes,
    );
  });

  it("writes a singular or plural default subject", () => {
    expect(digestSubject(digestOf(1))).toBe("You have 1 new notification");
    expect(digestSubject(digestOf(4))).toBe("You have 4 new notifications");
  });
});
