import { manifest } from "@jobkit/functions";
import { jobs } from "../lib/jobs";

export default function Home() {
  const { functions } = manifest(jobs);
  return (
    <main>
      <h1>jobkit × Next.js</h1>
      <p>
        Inngest calls <code>/api/inngest</code>; <code>POST /api/signup</code> sends a{" "}
        <code>user/created</code> event that starts these jobs:
      </p>
      <ul>
        {functions.map((job) => (
          <li key={job.id}>
            <code>{job.id}</code> on{" "}
            {job.triggers
              .map((trigger) => (trigger.type === "event" ? trigger.event : trigger.schedule))
              .join(", ")}
          </li>
        ))}
      </ul>
      <pre>
        {`curl -X POST localhost:3000/api/signup -H 'content-type: application/json' -d '{"email":"ada@example.com"}'`}
      </pre>
    </main>
  );
}
