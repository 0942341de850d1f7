// The raw-Inngest twin of the Express example's jobs the load bench drives (cleanup-expired-records,
// process-order, deliver-email): the same handlers, steps and event shapes written with `eventType` +
// `createFunction`, served by `inngest/express` behind `express.json()` exactly as the example serves its jobs.
// The zod schemas are the standard catalog's own objects, so both sides validate the same shapes.
import {
  analyticsTrack,
  emailSend,
  emailSent,
  orderFulfillmentRequested,
  orderPlaced,
  systemCleanup,
} from "@jobkit/events/standard";

const day = 24 * 60 * 60 * 1000;
const isPhysical = (item) => !item.variantId?.includes("DIGITAL");

/** Builds the raw app from the example's own `express`, `inngest` and `inngest/express` modules. */
export function createRawApp({ express, inngest: sdk, serve, store, fetch, logger }) {
  const { Inngest, NonRetriableError, eventType } = sdk;
  const type = (definition) =>
    eventType(definition.name, { schema: definition.schema, version: definition.version });
  const events = {
    orderPlaced: type(orderPlaced),
    systemCleanup: type(systemCleanup),
    emailSend: type(emailSend),
    emailSent: type(emailSent),
    orderFulfillmentRequested: type(orderFulfillmentRequested),
    analyticsTrack: type(analyticsTrack),
  };
  const client = new Inngest({ id: "jobkit-express-example", fetch, logger });

  const cleanup = client.createFunction(
    {
      id: "cleanup-expired-records",
      name: "Delete expired records",
      triggers: [events.systemCleanup],
      retries: 3,
      concurrency: { limit: 1, key: "event.data.scope" },
    },
    async ({ event, step }) => {
      const { scope, olderThanDays } = event.data;
      const before = new Date(event.ts - olderThanDays * day);
      const deleted = await step.run("delete-records", () => store.purge(scope, before));
      return { scope, deleted, before: before.toISOString() };
    },
  );

  const processOrder = client.createFunction(
    {
      id: "process-order",
      name: "Process order",
      triggers: [events.orderPlaced],
      retries: 5,
      idempotency: "event.data.orderId",
    },
    async ({ event, step }) => {
      const { orderId, userId, amount, currency, items } = event.data;
      const customer = await step.run("validate-order", () => {
        const order = store.orders.get(orderId);
        if (order === undefined) throw new NonRetriableError(`Order ${orderId} not found`);
        if (order.status !== "pending") {
          throw new NonRetriableError(`Order ${orderId} is ${order.status}, expected pending`);
        }
        const user = store.users.get(userId);
        return { email: user?.email ?? null, name: user?.name ?? null };
      });
      await step.run("reserve-inventory", () => {
        store.reserve(
          items.map((item) => ({ key: item.variantId ?? item.productId, quantity: item.quantity })),
        );
        return { reserved: items.length };
      });
      await step.run("update-order-status", () => {
        const order = store.orders.get(orderId);
        if (order !== undefined) order.status = "processing";
        const cart = event.data.cartId === undefined ? undefined : store.carts.get(event.data.cartId);
        if (cart !== undefined) cart.status = "ordered";
        return { status: "processing" };
      });
      if (customer.email !== null) {
        await step.sendEvent(
          "send-confirmation-email",
          events.emailSend.create(
            {
              to: customer.email,
              template: "order-confirmation",
              subject: `Order confirmation #${orderId}`,
              data: {
                orderId,
                amount,
                currency,
                items,
                ...(customer.name ? { customerName: customer.name } : {}),
              },
              metadata: { userId, orderId },
            },
            { id: `order-confirmation-${orderId}` },
          ),
        );
      }
      const physical = items.filter(isPhysical);
      if (physical.length > 0 && event.data.shippingAddress !== undefined) {
        await step.sendEvent(
          "trigger-fulfillment",
          events.orderFulfillmentRequested.create(
            { orderId, userId, items: physical, shippingAddress: event.data.shippingAddress },
            { id: `fulfillment-${orderId}` },
          ),
        );
      }
      await step.sendEvent(
        "update-analytics",
        events.analyticsTrack.create({
          userId,
          event: "order_processed",
          properties: { orderId, amount, currency, itemCount: items.length, physicalItems: physical.length },
          timestamp: new Date(event.ts).toISOString(),
        }),
      );
      return {
        orderId,
        status: "processing",
        confirmationEmail: customer.email !== null,
        fulfillment: physical.length > 0 && event.data.shippingAddress !== undefined,
      };
    },
  );

  const deliverEmail = client.createFunction(
    {
      id: "deliver-email",
      name: "Deliver email",
      triggers: [{ event: emailSend.name, if: "event.data.template != 'welcome'" }],
      retries: 5,
      concurrency: { limit: 20 },
    },
    async ({ event, step }) => {
      const to = [event.data.to].flat();
      const sent = await step.run("send-email", () =>
        store.sendEmail({ to, template: event.data.template, subject: event.data.subject }),
      );
      await step.sendEvent(
        "email-sent",
        to.map((address) =>
          events.emailSent.create({
            to: address,
            template: event.data.template,
            messageId: sent.messageId,
            sentAt: sent.sentAt,
          }),
        ),
      );
      return { messageId: sent.messageId, recipients: to.length };
    },
  );

  const app = express();
  app.disable("x-powered-by");
  app.use(
    "/api/inngest",
    express.json({ limit: "10mb" }),
    serve({ client, functions: [cleanup, processOrder, deliverEmail] }),
  );
  return { app, client };
}
