/**
 * The example's database and email provider, in memory: the jobs call it the way they would call Prisma
 * and Resend in a real app, so swapping it for yours touches only this module.
 */

/** A user account. */
export interface User {
  readonly id: string;
  readonly email: string;
  readonly name?: string;
  readonly role: "customer" | "admin";
  readonly createdAt: Date;
}

/** An order and where it is in processing. */
export interface Order {
  readonly id: string;
  readonly userId: string;
  readonly amount: number;
  readonly currency: string;
  status: "pending" | "processing" | "completed" | "cancelled";
  readonly createdAt: Date;
}

/** A shopping cart; the cart reminder only fires for `open` carts. */
export interface Cart {
  readonly id: string;
  readonly userId: string;
  status: "open" | "ordered" | "emptied";
}

/** Stock of one product variant. */
export interface Stock {
  available: number;
  reserved: number;
}

/** Kinds of expiring records the cleanup job deletes (the `scope` of `system/cleanup`). */
export type RecordScope = "sessions" | "tokens" | "logs" | "temp_files";

/** An email the fake provider accepted. */
export interface SentEmail {
  readonly messageId: string;
  readonly to: readonly string[];
  readonly template: string;
  readonly subject: string;
  readonly sentAt: Date;
}

/** A daily report as stored for history. */
export interface Report {
  readonly date: string;
  readonly orders: number;
  readonly revenue: number;
  readonly newCustomers: number;
}

/** The in-memory store the example's jobs read and write. */
export interface Store {
  readonly users: Map<string, User>;
  readonly orders: Map<string, Order>;
  readonly carts: Map<string, Cart>;
  /** Users with a paid subscription; trial reminders stop for them. */
  readonly subscribers: Set<string>;
  /** Stock by product variant (`variantId`, else `productId`). */
  readonly stock: Map<string, Stock>;
  /** Expiring records by scope, each with its creation time. */
  readonly records: Record<RecordScope, { id: string; createdAt: Date }[]>;
  readonly reports: Report[];
  /** Emails the fake provider accepted, in order. */
  readonly outbox: SentEmail[];
  /** Makes the next `count` stock reservations fail with `message`, like a flaky inventory service. */
  failNextReservations(count: number, message: string): void;
  /** Reserves stock for every line or throws; all or nothing. */
  reserve(lines: readonly { key: string; quantity: number }[]): void;
  /** Deletes the records of `scope` created before `before`; returns how many were deleted. */
  purge(scope: RecordScope, before: Date): number;
  /** The fake email provider: records the email and returns its message id. */
  sendEmail(email: Omit<SentEmail, "messageId" | "sentAt">): SentEmail;
}

/** Thrown when stock is short or the (simulated) inventory service fails. */
export class InventoryError extends Error {
  override readonly name = "InventoryError";
}

/**
 * Creates an empty store.
 *
 * @example Seed a user and some stock
 * ```ts
 * import { createStore } from "./store";
 *
 * const store = createStore();
 * store.users.set("usr_1", { id: "usr_1", email: "ada@example.com", role: "customer", createdAt: new Date() });
 * store.stock.set("tee-m-black", { available: 10, reserved: 0 });
 * ```
 */
export function createStore(): Store {
  let failures: { count: number; message: string } = { count: 0, message: "" };
  let emails = 0;
  const store: Store = {
    users: new Map(),
    orders: new Map(),
    carts: new Map(),
    subscribers: new Set(),
    stock: new Map(),
    records: { sessions: [], tokens: [], logs: [], temp_files: [] },
    reports: [],
    outbox: [],
    failNextReservations(count, message) {
      failures = { count, message };
    },
    reserve(lines) {
      if (failures.count > 0) {
        failures = { ...failures, count: failures.count - 1 };
        throw new InventoryError(failures.message);
      }
      const short = lines.filter((line) => (store.stock.get(line.key)?.available ?? 0) < line.quantity);
      if (short.length > 0) {
        throw new InventoryError(`Insufficient stock for ${short.map((line) => line.key).join(", ")}`);
      }
      for (const line of lines) {
        const stock = store.stock.get(line.key) as Stock;
        stock.available -= line.quantity;
        stock.reserved += line.quantity;
      }
    },
    purge(scope, before) {
      const kept = store.records[scope].filter((record) => record.createdAt >= before);
      const deleted = store.records[scope].length - kept.length;
      store.records[scope] = kept;
      return deleted;
    },
    sendEmail(email) {
      emails += 1;
      const sent: SentEmail = {
        ...email,
        messageId: `msg_${String(emails).padStart(4, "0")}`,
        sentAt: new Date(),
      };
      store.outbox.push(sent);
      return sent;
    },
  };
  return store;
}
