"use server";

import { events } from "../lib/inngest/client";
import { parseScanForm, type ScanFormState } from "../lib/scan-form";

/** Who is asking. Take it from your auth's session (`auth()`, `getSession()`); never from the form. */
async function currentUserId(): Promise<string> {
  return "usr_demo";
}

/**
 * The scan form's server action: checks the form against the `project/batch.scan` schema and sends one
 * typed event that starts the batch scan. Bad input sends nothing and answers which field is wrong.
 */
export async function startBatchScan(_previous: ScanFormState, form: FormData): Promise<ScanFormState> {
  const parsed = parseScanForm(form);
  if (!parsed.ok) return parsed.state;
  const userId = await currentUserId();
  const { ids } = await events.send("project/batch.scan", { ...parsed.data, userId });
  return { status: "sent", eventId: ids[0] ?? "", pageCount: parsed.data.urls.length };
}
