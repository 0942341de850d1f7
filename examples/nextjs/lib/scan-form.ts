import { projectBatchScan } from "./inngest/events";

/** What the scan form's server action answers, shown under the form. */
export type ScanFormState =
  | { readonly status: "idle" }
  | { readonly status: "sent"; readonly eventId: string; readonly pageCount: number }
  | {
      readonly status: "invalid";
      /** One sentence for the top of the form. */
      readonly message: string;
      /** Each problem by form field (`projectId`, `urls`), in the event schema's words. */
      readonly issues: readonly { readonly field: string; readonly message: string }[];
    };

// The form takes the event's own rules for its fields, so the form and the catalog cannot drift apart.
const scanForm = projectBatchScan.schema.pick({ projectId: true, urls: true });

/**
 * Reads the scan form: a project id and URLs one per line (blank lines ignored), checked against the
 * `project/batch.scan` schema. On bad input it says which field is wrong and why.
 *
 * @example
 * ```ts
 * import { parseScanForm } from "./scan-form";
 *
 * const form = new FormData();
 * form.set("projectId", "prj_docs");
 * form.set("urls", "https://example.com/\nhttps://example.com/pricing");
 * const parsed = parseScanForm(form);
 * ```
 */
export function parseScanForm(
  form: FormData,
):
  | { readonly ok: true; readonly data: { readonly projectId: string; readonly urls: string[] } }
  | { readonly ok: false; readonly state: ScanFormState & { readonly status: "invalid" } } {
  const urls = String(form.get("urls") ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const parsed = scanForm.safeParse({ projectId: String(form.get("projectId") ?? "").trim(), urls });
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = parsed.error.issues.map((issue) => {
    const [field, index] = issue.path;
    // Name the line, not the array index: that is what the person typed.
    const where = typeof index === "number" ? ` (line ${index + 1})` : "";
    return { field: String(field ?? "form"), message: `${issue.message}${where}` };
  });
  return {
    ok: false,
    state: {
      status: "invalid",
      message: `The scan was not started: ${issues.map((issue) => `${issue.field} ${issue.message}`).join("; ")}.`,
      issues,
    },
  };
}
