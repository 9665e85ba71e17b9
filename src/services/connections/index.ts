export { ConnectionService, type ConnectionServiceOptions, type LocalSocket, type ConnectionScope, type ConnectionInfo } from './service';
export { ConnectionError, gone, payloadTooLarge, forbidden } from './errors';
export { newGatewayId } from './ids';
export * from './limits';
