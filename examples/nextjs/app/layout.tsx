import type { Metadata } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = {
  title: "jobkit × Next.js",
  description: "Background jobs with jobkit and Inngest in a Next.js App Router app",
};

export default function RootLayout({ children }: { readonly children: ReactNode }) {
  return (
    <html lang="en">
      <body
        style={{ fontFamily: "system-ui, sans-serif", maxWidth: 720, margin: "3rem auto", padding: "0 1rem" }}
      >
        {children}
      </body>
    </html>
  );
}
