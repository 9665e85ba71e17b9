/**
 * CreateEventBus, DeleteEventBus, DescribeEventBus, ListEventBuses (EventBridge API Reference).
 * Not done yet: partner event sources (EventSourceName), KMS keys, bus DeadLetterConfig, policies
 * and tags are not kept.
 */
import type * as api from '../api';
import { busArn } from '../arns';
import { DEFAULT_BUS_NAME } from '../constants';
import type { EventsContext } from '../context';
import { EventsError, validationError } from '../errors';
import { page } from '../pagination';
import type { BusRecord } from '../types';
import { checkBusName, checkDescription } from '../validate';
import { requireBus } from './lookup';

export async function createEventBus(ctx: EventsContext, request: api.CreateEventBusRequest): Promise<api.CreateEventBusResponse> {
  const name = checkBusName(request.Name);
  checkDescription(request.Description);
  // "Custom event bus names can't contain the / character" (CreateEventBus, Name).
  if (name.includes('/')) throw validationError(`Event bus name must not contain '/': ${name}`);
  if (await ctx.registry.getBus(name)) throw new EventsError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
  const bus = newBus(ctx, name, request.Description);
  await ctx.registry.putBus(bus);
  return request.Description === undefined ? { EventBusArn: bus.Arn } : { EventBusArn: bus.Arn, Description: request.Description };
}

export function newBus(ctx: EventsContext, name: string, description?: string): BusRecord {
  const now = new Date(ctx.clock.now());
  const bus: BusRecord = { Name: name, Arn: busArn(ctx.partition, name), CreationTime: now, LastModifiedTime: now };
  if (description !== undefined) bus.Description = description;
  return bus;
}

/** Deleting a bus that does not exist succeeds, as on AWS; its rules go with it. */
export async function deleteEventBus(ctx: EventsContext, request: { Name: string }): Promise<void> {
  const name = checkBusName(request.Name);
  if (name === DEFAULT_BUS_NAME) throw validationError('Cannot delete event bus default.');
  await ctx.registry.deleteBus(name);
}

export async function describeEventBus(ctx: EventsContext, request: { Name?: string } = {}): Promise<api.DescribeEventBusResponse> {
  return requireBus(ctx, request.Name);
}

export async function listEventBuses(ctx: EventsContext, request: api.ListEventBusesRequest = {}): Promise<api.ListEventBusesResponse> {
  const prefix = request.NamePrefix ?? '';
  const buses = (await ctx.registry.listBuses()).filter((bus) => bus.Name.startsWith(prefix));
  const { items, next } = page(buses, request.NextToken, request.Limit);
  return next === undefined ? { EventBuses: items } : { EventBuses: items, NextToken: next };
}
