export { reserveWebSocketPorts, serveWebSocketApis, type PortReservation, type WebSocketApiServers, type ServeWebSocketApisOptions } from './server';
export { runManagementOperation, MANAGEMENT_OPERATIONS, type ManagementOperation } from './management';
