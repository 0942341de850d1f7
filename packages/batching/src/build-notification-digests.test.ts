import { describe, expect, it } from "vitest";
import { buildNotificationDigests, type NotificationSendEvent } from "./build-notification-digests";

const start = Date.parse("2025-01-31T09:30:00Z");

function notification(
  id: string,
  userId: string,
  offsetSeconds: number,
  extra: Partial<NotificationSendEvent["data"]> = {},
): NotificationSendEvent {
  return {
    name: "notification/send",
    id,
    ts: start + offsetSeconds * 1000,
    data: { userId, title: `title ${id}`, body: `body ${id}`, ...extra },
  };
}

describe("buildNotificationDigests", () => {
  it("makes one digest per user, in first-seen order, with the count", () => {
    const digests = buildNotificationDigests([
      notification("e1", "usr_b", 0),
      notification("e2", "usr_a", 1),
      notification("e3", "usr_b", 2),
      notification("e4", "usr_b", 3),
    ]);
    expect(digests.map(({ userId, count }) => ({ userId, count }))).toEqual([
      { userId: "usr_b", count: 3 },
      { userId: "usr_a", count: 1 },
    ]);
  });

  it("lists a user's notifications oldest first, keeping batch order for equal times", () => {
    const [digest] = buildNotificationDigests([
      notification("late", "usr_1", 20),
      notification("tie-1", "usr_1", 10),
      notification("tie-2", "usr_1", 10),
    ]);
    expect(digest?.notifications.map((item) => item.id)).toEqual(["tie-1", "tie-2", "late"]);
    expect(digest?.firstAt).toBe("2025-01-31T09:30:10.000Z");
    expect(digest?.lastAt).toBe("2025-01-31T09:30:20.000Z");
  });

  it("keeps title, body and data, defaults priority to normal and takes the highest for the digest", () => {
    const [quiet, urgent] = buildNotificationDigests([
      notification("e1", "usr_1", 0, { priority: "low" }),
      notification("e2", "usr_2", 0, { priority: "low", data: { postId: "post_9" } }),
      notification("e3", "usr_2", 1),
      notification("e4", "usr_2", 2, { priority: "high" }),
    ]);
    expect(quiet?.priority).toBe("low");
    expect(urgent?.priority).toBe("high");
    expect(urgent?.notifications[0]).toEqual({
      id: "e2",
      title: "title e2",
      body: "body e2",
      data: { postId: "post_9" },
      priority: "low",
      at: "2025-01-31T09:30:00.000Z",
    });
    expect(urgent?.notifications[1]?.priority).toBe("normal");
    expect(urgent?.notifications[1]).not.toHaveProperty("data");
  });

  it("returns no digests for an empty batch", () => {
    expect(buildNotificationDigests([])).toEqual([]);
  });
});
