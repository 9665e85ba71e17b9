export { startHttpApis, type StartHttpApisOptions, type HttpApiServers, type DomainEndpoint } from './server';
export type { ObjectSource, ObjectLookup, SourceObject } from './s3/object-source';
export type { HttpRequestLog } from './handler';
export { buildEventV1 } from './event-v1';
export { buildEventV2 } from './event-v2';
export { sampleApiEvent, type SampleApiEventOptions } from './sample-event';
