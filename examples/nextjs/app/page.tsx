import Link from "next/link";

export default function Home() {
  return (
    <main>
      <h1>jobkit × Next.js</h1>
      <p>
        Inngest calls <code>/api/inngest</code> to run this app's jobs.
      </p>
      <ul>
        <li>
          <Link href="/scan">Start a batch page scan</Link>: a form whose server action sends{" "}
          <code>project/batch.scan</code>.
        </li>
        <li>
          <Link href="/jobs">The jobs</Link>: what each runs on, its flow control, and the scanned pages.
        </li>
      </ul>
      <p>
        <code>POST /api/signup</code> sends <code>user/created</code>, which starts the welcome email and the
        sign-up fan-out:
      </p>
      <pre>
        {`curl -X POST localhost:3000/api/signup -H 'content-type: application/json' -d '{"email":"ada@example.com"}'`}
      </pre>
    </main>
  );
}
