import { didYouMean, suggestNames } from "@jobkit/events/internal";
import { type ConfigFailure, utcOffsetProblem } from "@jobkit/functions/internal";
import { isKnownTimezone } from "./zoned-clock";

const expected = "an IANA time zone name this runtime's Intl knows, or a function reading one from the event";

/**
 * Checks a sequence's fixed `timezone` by the rule a zone read from the event meets at run time: this
 * runtime's `Intl` must know it. Reminders turn calendar days into instants with `Intl` in the app's own
 * process and hand Inngest only timestamps, so Go's zone list (what a cron's `TZ=` needs) is not the test
 * here; a name Go loads but this Node's ICU lacks would otherwise pass at definition and fail on the first event.
 */
export function checkSequenceTimezone(fail: ConfigFailure, timezone: string): string {
  const offset = utcOffsetProblem(timezone);
  if (offset !== undefined)
    fail("timezone", timezone, expected, { details: [offset], example: '"Europe/Paris"' });
  if (timezone !== "" && isKnownTimezone(timezone)) return timezone;
  const hint = didYouMean(suggestNames(timezone, Intl.supportedValuesOf("timeZone"), { ignoreCase: true }));
  return fail("timezone", timezone, expected, {
    ...(hint === undefined ? {} : { details: [hint] }),
    example: '"Europe/Rome"',
  });
}
