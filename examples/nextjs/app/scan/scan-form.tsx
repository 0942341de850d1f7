"use client";

import { useActionState } from "react";
import type { ScanFormState } from "../../lib/scan-form";
import { startBatchScan } from "../actions";

const initial: ScanFormState = { status: "idle" };

/** The batch-scan form; the server action validates it and sends `project/batch.scan`. */
export function ScanForm() {
  const [state, action, pending] = useActionState(startBatchScan, initial);
  return (
    <form action={action} style={{ display: "grid", gap: "0.75rem" }}>
      <label>
        Project id
        <br />
        <input name="projectId" defaultValue="prj_docs" required style={{ width: "100%" }} />
      </label>
      <label>
        Pages to scan, one URL per line
        <br />
        <textarea
          name="urls"
          rows={5}
          defaultValue={"https://example.com/\nhttps://example.com/pricing\nhttps://example.com/blog"}
          style={{ width: "100%" }}
        />
      </label>
      <button type="submit" disabled={pending}>
        {pending ? "Starting…" : "Start batch scan"}
      </button>
      {state.status === "sent" && (
        <p role="status">
          Batch scan of {state.pageCount} pages started (event <code>{state.eventId}</code>).
        </p>
      )}
      {state.status === "invalid" && (
        <div role="alert">
          <p>{state.message}</p>
        </div>
      )}
    </form>
  );
}
