import type { Services } from "../../services";
import { analyzePage } from "./analyze-page";
import { batchScan } from "./batch-scan";
import { imageProcessing } from "./image-processing";
import { scanPage } from "./scan-page";
import { sendNotification } from "./send-notification";
import { sendWelcomeEmail } from "./send-welcome-email";
import { signupFanOut } from "./signup-fan-out";

/**
 * Every job this app serves, wired to the given services.
 *
 * @example
 * ```ts
 * import { createLocalServices } from "../../services";
 * import { createJobs } from "./index";
 *
 * const jobs = createJobs(createLocalServices());
 * ```
 */
export function createJobs(services: Services) {
  return [
    batchScan(services.database),
    scanPage(services),
    analyzePage(services),
    imageProcessing(services),
    sendNotification(services),
    sendWelcomeEmail(services.mailer),
    signupFanOut,
  ] as const;
}
