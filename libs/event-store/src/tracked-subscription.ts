import { Subscription } from './event-store.port';

/** Keeps a subscription in `live` until it is stopped, so that closing the store stops what still runs. */
export function trackedSubscription(live: Set<Subscription>, subscription: Subscription): Subscription {
  live.add(subscription);
  return {
    waitFor: (position, timeoutMs) => subscription.waitFor(position, timeoutMs),
    stop: async () => {
      live.delete(subscription);
      await subscription.stop();
    },
  };
}
