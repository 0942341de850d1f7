import { defineEvent } from "@jobkit/events";
import { smsSend, standardCatalog, userCreated } from "@jobkit/events/standard";
import { JobError, register } from "@jobkit/functions";
import { runJob } from "@jobkit/testing";
import { Inngest } from "inngest";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fanOutEventId } from "./fan-out-event-id";
import { userSignupFanOut } from "./user-signup-fan-out";

const signup = {
  ...userCreated.create({ userId: "usr_123", email: "ada@example.com", name: "Ada Lovelace", source: "web" }),
  id: "evt_signup_1",
};

function sentData(run: { readonly sent: readonly { readonly name: string; readonly data: unknown }[] }) {
  return Object.fromEntries(run.sent.map((event) => [event.name, event.data]));
}

describe("userSignupFanOut", { timeout: 30_000 }, () => {
  it("sends exactly the five sign-up events of the seed, valid in the standard catalog, in one step", async () => {
    const run = await runJob(userSignupFanOut(), { event: signup, catalog: standardCatalog });
    expect(run.status).toBe("completed");
    expect(run.sent.map((event) => event.name)).toEqual([
      "email/send",
      "user/profile/create",
      "marketing/subscribe",
      "notification/slack",
      "user/settings/initialize",
    ]);
    expect(sentData(run)).toEqual({
      "email/send": {
        to: "ada@example.com",
        template: "welcome",
        subject: "Welcome to Our Platform!",
        data: { userId: "usr_123", name: "Ada Lovelace" },
        metadata: { userId: "usr_123" },
      },
      "user/profile/create": { userId: "usr_123", email: "ada@example.com", name: "Ada Lovelace" },
      "marketing/subscribe": {
        userId: "usr_123",
        email: "ada@example.com",
        list: "all_users",
        source: "signup",
      },
      "notification/slack": { channel: "#new-users", text: "New user signed up: usr_123", emoji: ":tada:" },
      "user/settings/initialize": { userId: "usr_123" },
    });
    for (const event of run.sent) expect(() => standardCatalog.parse(event)).not.toThrow();
    expect(run.timeline.filter((entry) => entry.type === "sendEvent").map((entry) => entry.id)).toEqual([
      "send-chunk-1",
    ]);
    expect(run.output).toMatchObject({ jobsTriggered: 5, sent: 5, chunks: 1 });
    expect(run.output?.ids).toEqual(run.sent.map((event) => event.id));
  });

  it("keeps the email address out of the Slack message", async () => {
    const run = await runJob(userSignupFanOut(), { event: signup });
    expect(JSON.stringify(sentData(run)["notification/slack"])).not.toContain("ada@example.com");
  });

  it("names each event id after its target, so skipping one target leaves the others' ids alone", async () => {
    const all = await runJob(userSignupFanOut(), { event: signup });
    const withoutMarketing = await runJob(userSignupFanOut({ skip: ["marketing"] }), { event: signup });
    const idOf = (run: typeof all, name: string) => run.sent.find((event) => event.name === name)?.id;
    expect(idOf(all, "notification/slack")).toBe(idOf(withoutMarketing, "notification/slack"));
    expect(idOf(all, "email/send")).toBe(
      fanOutEventId({
        functionId: "user-signup-fan-out",
        triggerId: "evt_signup_1",
        name: "email/send",
        key: "welcome-email",
      }),
    );
  });

  it("takes the mailing list, channel, welcome email and Slack text from its options", async () => {
    const job = userSignupFanOut({
      list: "beta_users",
      channel: "#growth",
      welcomeTemplate: "welcome-beta",
      welcomeSubject: "Welcome to the beta",
      slackText: (user) => `Signup from ${user.data.source ?? "unknown"}`,
    });
    const data = sentData(await runJob(job, { event: signup, catalog: standardCatalog }));
    expect(data["marketing/subscribe"]).toMatchObject({ list: "beta_users" });
    expect(data["notification/slack"]).toMatchObject({ channel: "#growth", text: "Signup from web" });
    expect(data["email/send"]).toMatchObject({ template: "welcome-beta", subject: "Welcome to the beta" });
  });

  it("drops skipped targets and declares only what it sends", async () => {
    const job = userSignupFanOut({ skip: ["marketing", "slack"] });
    const run = await runJob(job, { event: signup });
    expect(run.sent.map((event) => event.name)).toEqual([
      "email/send",
      "user/profile/create",
      "user/settings/initialize",
    ]);
    expect(run.output?.jobsTriggered).toBe(3);
    expect(job.sends.map((definition) => definition.name)).toEqual([
      "email/send",
      "user/profile/create",
      "user/settings/initialize",
    ]);
  });

  it("adds targets with their own definitions, validated like the rest", async () => {
    const crmContactCreate = defineEvent("crm/contact.create", {
      schema: z.object({ userId: z.string(), email: z.email() }),
    });
    const job = userSignupFanOut({
      skip: ["slack"],
      add: [
        { event: crmContactCreate, data: (user) => ({ userId: user.data.userId, email: user.data.email }) },
        { event: smsSend, data: () => ({ phoneNumber: "+14155550123", message: "Welcome!" }) },
      ],
    });
    const run = await runJob(job, { event: signup });
    expect(run.sent.map((event) => event.name)).toEqual([
      "email/send",
      "user/profile/create",
      "marketing/subscribe",
      "user/settings/initialize",
      "crm/contact.create",
      "sms/send",
    ]);
    expect(run.output?.jobsTriggered).toBe(6);
    expect(job.sends.map((definition) => definition.name)).toContain("crm/contact.create");

    const broken = userSignupFanOut({
      add: [{ event: smsSend, data: () => ({ phoneNumber: "not a phone", message: "Welcome!" }) }],
    });
    const failed = await runJob(broken, { event: signup });
    expect(failed.status).toBe("failed");
    expect(failed.sent).toEqual([]);
    expect(failed.error?.message).toContain(
      'Fan-out "user-signup-fan-out" produced an invalid "sms/send" event: event 5',
    );
  });

  it("refuses a mailing list or channel the standard catalog would reject, at definition time", () => {
    expect(() => userSignupFanOut({ list: "All Users" })).toThrow(JobError);
    expect(() => userSignupFanOut({ list: "All Users" })).toThrow(
      /^Invalid option "list" for function "user-signup-fan-out": "All Users"\n {2}"marketing\/subscribe" data\.list: .+\n {2}expected: a value the standard catalog accepts for marketing\/subscribe data\.list, e\.g\. "all_users"$/,
    );
    expect(() => userSignupFanOut({ channel: "" })).toThrow(
      'Invalid option "channel" for function "user-signup-fan-out": ""',
    );
    expect(() => userSignupFanOut({ welcomeSubject: "" })).toThrow('Invalid option "welcomeSubject"');
  });

  it("refuses unknown targets and a fan-out with nothing left to send", () => {
    expect(() => userSignupFanOut({ skip: ["newsletter" as never] })).toThrow(
      'Invalid option "skip[0]" for function "user-signup-fan-out": "newsletter"\n' +
        '  expected: one of "welcome-email", "profile", "marketing", "slack", "settings", e.g. "marketing"',
    );
    expect(() =>
      userSignupFanOut({ skip: ["welcome-email", "profile", "marketing", "slack", "settings"] }),
    ).toThrow(
      'Invalid option "skip" for function "user-signup-fan-out": an array of 5\n  all 5 targets are skipped',
    );
  });

  it("passes function options through to @jobkit/functions and registers in a host app", () => {
    const job = userSignupFanOut({ id: "onboarding", retries: 5, idempotency: "event.data.userId" });
    expect(job.config.retries.attempts).toBe(5);
    expect(job.config.idempotency).toBe("event.data.userId");
    const [fn] = register(new Inngest({ id: "shop" }), [job], { prefix: "accounts" });
    expect(fn?.id()).toBe("accounts-onboarding");
    expect(() => userSignupFanOut({ retires: 5 } as never)).toThrow(
      'Invalid option "retires" for function "user-signup-fan-out"',
    );
  });
});
