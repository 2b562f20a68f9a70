// IPC channels between Ketenlens' own preload and main that the page never sees (the
// bridge does not expose them): a drop, so main can allow reading it, and a subscription,
// so main knows when the page is ready for queued open requests.
export const GRANT_DROPPED_CHANNEL = 'ketenlens-internal:grant-dropped';
/** The page subscribed to an event channel: queued events for it can now be delivered. */
export const LISTENING_CHANNEL = 'ketenlens-internal:listening';
