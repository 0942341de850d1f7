import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

// Inside the jobkit repository the lockfile and node_modules are two levels up, and Next.js must be told;
// copied out on its own (or in your app) there is no such root and both settings stay unset.
const workspaceRoot = fileURLToPath(new URL("../..", import.meta.url));
const inJobkitRepository = existsSync(`${workspaceRoot}pnpm-workspace.yaml`);

const nextConfig: NextConfig = inJobkitRepository
  ? { outputFileTracingRoot: workspaceRoot, turbopack: { root: workspaceRoot } }
  : {};

export default nextConfig;
