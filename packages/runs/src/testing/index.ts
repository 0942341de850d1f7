/**
 * `@jobkit/runs/testing`: a loopback stand-in for Inngest's REST API v1, to test code that reads job status
 * without Inngest and without the network.
 *
 * @packageDocumentation
 */
export {
  type RunsApiStandIn,
  type RunsApiStandInOptions,
  type StandInEvent,
  type StandInRequest,
  type StandInRun,
  startRunsApiStandIn,
} from "./runs-api-stand-in";
