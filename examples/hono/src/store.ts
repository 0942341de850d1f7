/**
 * Stands in for your database: the reminders ask it, just before sending, whether a reminder is still
 * relevant. Replace these with real queries.
 */
export const store = {
  purchasedCarts: new Set<string>(),
  subscribedUsers: new Set<string>(),
  async isCartOpen(cartId: string): Promise<boolean> {
    return !store.purchasedCarts.has(cartId);
  },
  async isSubscribed(userId: string): Promise<boolean> {
    return store.subscribedUsers.has(userId);
  },
};
