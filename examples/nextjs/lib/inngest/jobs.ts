import { services } from "../services";
import { createJobs } from "./functions";

/** The jobs the Inngest route serves, on the app's shared services. */
export const jobs = createJobs(services);
