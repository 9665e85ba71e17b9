/** The topic tables' rows: one shape for every backend. */
export * from '../../shared/topic-rows';
