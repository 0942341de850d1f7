// What `jobkit graph` and `jobkit check` read: the app's catalog and every job, bound to a fresh store.
// The docs build draws the Express example's event flow from this module.
import { standardCatalog } from "@jobkit/events/standard";
import { createStore } from "../store";
import { createJobs } from "./create-jobs";

export const catalog = standardCatalog;

export const definitions = createJobs(createStore());
