import { manifest } from "@jobkit/functions";
import { describeFlowControl } from "../../lib/describe-flow-control";
import { jobs } from "../../lib/inngest/jobs";
import { services } from "../../lib/services";

// The page list below reads the in-memory database, so render on every request.
export const dynamic = "force-dynamic";

export default function JobsPage() {
  const { functions } = manifest(jobs);
  const pages = services.database.pages();
  return (
    <main>
      <h1>Jobs</h1>
      <table>
        <thead>
          <tr>
            <th align="left">job</th>
            <th align="left">runs on</th>
            <th align="left">flow control</th>
            <th align="left">sends</th>
          </tr>
        </thead>
        <tbody>
          {functions.map((job) => (
            <tr key={job.id}>
              <td>
                <code>{job.id}</code>
              </td>
              <td>
                {job.triggers
                  .map((trigger) => (trigger.type === "event" ? trigger.event : trigger.schedule))
                  .join(", ")}
              </td>
              <td>{describeFlowControl(job.flowControl)}</td>
              <td>{job.sends.join(", ") || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Scanned pages</h2>
      {pages.length === 0 ? (
        <p>
          None yet: start a batch on <a href="/scan">the scan page</a>.
        </p>
      ) : (
        <ul>
          {pages.map((page) => (
            <li key={page.id}>
              <code>{page.url}</code>: {page.status}
              {page.status === "analyzed" ? `, ${page.recommendationCount} recommendations` : ""}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
