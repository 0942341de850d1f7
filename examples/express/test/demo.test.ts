import { describe, expect, it } from "vitest";
import { cartScenario } from "../src/demo/cart-scenario";
import { digestScenario } from "../src/demo/digest-scenario";
import { formatScenario } from "../src/demo/format-scenario";
import { colorEnabled, createPalette } from "../src/demo/palette";
import { retryScenario } from "../src/demo/retry-scenario";
import { signupScenario } from "../src/demo/signup-scenario";
import { formatDuration } from "../src/demo/timeline";
import { trialScenario } from "../src/demo/trial-scenario";

const hours = 3_600_000;
const days = 24 * hours;

describe("pnpm demo scenarios", () => {
  it("fans a sign-up out to five jobs, and the welcome email job delivers its email", async () => {
    const { fanOut, welcome } = await signupScenario();
    expect(fanOut.sent.map((event) => event.name)).toEqual([
      "email/send",
      "user/profile/create",
      "marketing/subscribe",
      "notification/slack",
      "user/settings/initialize",
    ]);
    expect(welcome.status).toBe("completed");
    expect(welcome.sent.map((event) => event.name)).toEqual(["email/sent"]);
  });

  it("reminds about an abandoned cart 24 hours later, and cancels the one whose owner ordered", async () => {
    const { reminded, cancelled } = await cartScenario();
    expect(reminded.status).toBe("completed");
    expect(reminded.sent).toHaveLength(1);
    expect(reminded.sent[0]?.at.getTime()).toBe(reminded.startedAt.getTime() + 24 * hours);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.sent).toEqual([]);
    expect(cancelled.elapsed).toBe(3 * hours);
  });

  it("sends trial reminders 7, 3 and 1 days before the end and at the end", async () => {
    const { run, trialEndsAt } = await trialScenario();
    expect(run.sent.map((event) => (trialEndsAt.getTime() - event.at.getTime()) / days)).toEqual([
      7, 3, 1, 0,
    ]);
  });

  it("batches 100 notifications into one digest per user, each counting that user's notifications", async () => {
    const { run, perUser } = await digestScenario();
    const counts = Object.fromEntries(
      run.sent.map((event) => {
        const data = event.data as { data: { userId: string; count: number } };
        return [data.data.userId, data.data.count];
      }),
    );
    expect(counts).toEqual(perUser);
    expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(100);
  });

  it("retries the flaky step after 1, 2 and 4 seconds, then completes without re-running earlier steps", async () => {
    const { run } = await retryScenario();
    const retries = run.timeline.filter((entry) => entry.type === "retry");
    expect(retries.map((entry) => [entry.id, entry.delay])).toEqual([
      ["reserve-inventory", 1000],
      ["reserve-inventory", 2000],
      ["reserve-inventory", 4000],
    ]);
    expect(run.status).toBe("completed");
    expect(
      run.timeline.filter((entry) => entry.type === "step" && entry.id === "validate-order"),
    ).toHaveLength(1);
  });
});

describe("demo output", () => {
  it("aligns every line of a scenario and prints virtual times, without colour when it is off", async () => {
    const lines = formatScenario(await cartScenario(), 2, createPalette(false));
    expect(lines[0]).toBe("2. Cart abandonment: a reminder 24 h later, unless an order comes first");
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^ {4}\+24h {5}2026-03-03 18:00:00 {2}cart-abandonment \(cart_ada\) {4}→ email\/send/,
      ),
    );
    expect(lines.join("\n")).not.toContain("\u001b[");
    // Every column starts at the same place: the clock, then the widest source, then the text.
    const body = lines.slice(1);
    const clock = body.map((line) => line.indexOf("2026-"));
    expect(new Set(clock).size).toBe(1);
    const textStart =
      (clock[0] as number) + "2026-03-02 18:00:00  ".length + "cart-abandonment (cart_grace)  ".length;
    for (const line of body) expect(line.slice(textStart - 2, textStart + 1)).toMatch(/^ {2}\S$/);
  });

  it("colours only on a terminal, and never with NO_COLOR", () => {
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: "1" })).toBe(true);
  });

  it("writes durations in at most two units", () => {
    expect([0, 1000, 86_400_000, 3 * days, 3.5 * hours, days + 30 * 60_000, 250].map(formatDuration)).toEqual(
      ["0s", "1s", "24h", "3d", "3h 30m", "1d 30m", "250ms"],
    );
  });
});
