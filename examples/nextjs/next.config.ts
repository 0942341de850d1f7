import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

// This example lives in the jobkit monorepo, whose lockfile and node_modules are two levels up. In your
// own app, leave both roots out.
const workspaceRoot = fileURLToPath(new URL("../..", import.meta.url));

const nextConfig: NextConfig = {
  outputFileTracingRoot: workspaceRoot,
  turbopack: { root: workspaceRoot },
};

export default nextConfig;
