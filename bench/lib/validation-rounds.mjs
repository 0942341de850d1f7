// Child process of the validation bench: many short interleaved rounds of jobkit's validation and zod's own
// `safeParse` on the same schema object, in one fresh process. Prints per-case ratios (jobkit throughput / zod
// throughput per round) as JSON. A round is short (a few ms) so load from other processes hits both halves alike.
import { orderPlaced, standardCatalog, userCreated } from "@jobkit/events/standard";

const { rounds, perRound } = JSON.parse(process.argv[2]);
const user = { userId: "usr_123", email: "ada@example.com", name: "Ada Lovelace", source: "web" };
const order = {
  orderId: "ord_1001",
  userId: "usr_123",
  amount: 4997,
  currency: "GBP",
  items: [
    { productId: "prod_tee", variantId: "tee-m-black", name: "T-shirt", quantity: 2, price: 1999 },
    { productId: "prod_ebook", variantId: "DIGITAL", quantity: 1, price: 999 },
  ],
  shippingAddress: { line1: "12 St James's Square", city: "London", postalCode: "SW1Y 4JH", country: "GB" },
};
const userEvent = { name: "user/created", data: user };
const orderEvent = { name: "order/placed", data: order };

const cases = [
  {
    name: "catalog.parse user/created",
    jobkit: () => standardCatalog.parse(userEvent),
    zod: () => userCreated.schema.safeParse(user),
  },
  {
    name: "catalog.parse order/placed",
    jobkit: () => standardCatalog.parse(orderEvent),
    zod: () => orderPlaced.schema.safeParse(order),
  },
  {
    name: "definition.create order/placed",
    jobkit: () => orderPlaced.create(order),
    zod: () => orderPlaced.schema.safeParse(order),
  },
  // The same validation as `catalog.parse user/created` without the catalog's part (envelope check, name
  // lookup, `{ name, data }` result), which zod's `safeParse` has no counterpart for: it splits the gap in two.
  // Last, so the rows above see the same JIT state as before it was added.
  {
    name: "definition.parse user/created",
    jobkit: () => userCreated.parse(user),
    zod: () => userCreated.schema.safeParse(user),
  },
];

let sink = 0;
function time(fn) {
  const started = process.hrtime.bigint();
  for (let index = 0; index < perRound; index++) sink += fn() === undefined ? 0 : 1;
  return Number(process.hrtime.bigint() - started);
}

const out = {};
for (const entry of cases) {
  // Warm-up: both sides reach their optimised code before anything is recorded.
  for (let index = 0; index < 20; index++) {
    time(entry.jobkit);
    time(entry.zod);
  }
  const ratios = [];
  for (let round = 0; round < rounds; round++) {
    const [jobkitNs, zodNs] =
      round % 2 === 0
        ? [time(entry.jobkit), time(entry.zod)]
        : [time(entry.zod), time(entry.jobkit)].reverse();
    ratios.push(zodNs / jobkitNs);
  }
  out[entry.name] = ratios;
}
process.stdout.write(`${JSON.stringify({ ratios: out, sink })}\n`);
