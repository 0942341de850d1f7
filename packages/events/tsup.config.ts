import { packageConfig } from "../../tsup.shared";

export default packageConfig({ entry: ["src/index.ts", "src/standard/index.ts", "src/internal/index.ts"] });
