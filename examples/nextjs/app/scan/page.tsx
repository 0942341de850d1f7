import Link from "next/link";
import { ScanForm } from "./scan-form";

export default function ScanPage() {
  return (
    <main>
      <h1>Batch page scan</h1>
      <p>
        The form's server action sends <code>project/batch.scan</code>; <code>batch-scan</code> creates a page
        record per URL and starts one <code>scan-page</code> run each, and every scan asks{" "}
        <code>analyze-page</code> for AI recommendations. See the runs on{" "}
        <Link href="/jobs">the jobs page</Link>.
      </p>
      <ScanForm />
    </main>
  );
}
