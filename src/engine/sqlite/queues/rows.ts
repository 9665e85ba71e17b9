/** The queue tables' rows and receipt handles: one format for every backend. */
export * from '../../shared/queue-rows';
