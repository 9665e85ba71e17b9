/**
 * SES identities: VerifyEmailIdentity, VerifyEmailAddress, VerifyDomainIdentity, ListIdentities,
 * GetIdentityVerificationAttributes, DeleteIdentity, ListVerifiedEmailAddresses. Verification is
 * immediate: a recorded identity is `Success` at once (no mail or DNS record is checked), and
 * sending never requires one. Identities never recorded are left out of
 * GetIdentityVerificationAttributes, as SES leaves out identities it does not know.
 */
import { createHash } from 'node:crypto';
import type { IdentityType, MailStore } from '../../engine/types';
import type { Clock } from '../../shared/clock';
import { checkAddresses } from './addresses';
import { invalidValue, missingMembers } from './errors';

/** ListIdentities' MaxItems ceiling and default (SES API Reference, ListIdentities). */
export const MAX_LIST_IDENTITIES = 1000;

/** A stable, SES-shaped (base64, 44 characters) TXT token per domain. */
export const domainVerificationToken = (domain: string) => createHash('sha256').update(`stratus-ses:${domain}`).digest('base64');

export function createIdentityOperations(store: MailStore, clock: Clock) {
  const verifyEmail = async (input: { EmailAddress?: string }) => {
    if (input.EmailAddress === undefined) throw missingMembers('v1', ['emailAddress']);
    checkAddresses('v1', [input.EmailAddress]);
    await store.putIdentity(input.EmailAddress, 'EmailAddress', clock.now());
    return {};
  };
  return {
    verifyEmailIdentity: verifyEmail,
    verifyEmailAddress: verifyEmail,

    async verifyDomainIdentity(input: { Domain?: string }) {
      if (input.Domain === undefined) throw missingMembers('v1', ['domain']);
      if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(input.Domain)) {
        throw invalidValue('v1', `Invalid domain name ${input.Domain}.`);
      }
      await store.putIdentity(input.Domain.toLowerCase(), 'Domain', clock.now());
      return { VerificationToken: domainVerificationToken(input.Domain.toLowerCase()) };
    },

    async listIdentities(input: { IdentityType?: string; MaxItems?: number | string; NextToken?: string }) {
      const type = input.IdentityType;
      if (type !== undefined && type !== 'EmailAddress' && type !== 'Domain') {
        throw invalidValue('v1', `Invalid identity type: ${type}. Valid values are EmailAddress and Domain.`);
      }
      const max = Math.min(Math.max(Number(input.MaxItems ?? MAX_LIST_IDENTITIES) || MAX_LIST_IDENTITIES, 1), MAX_LIST_IDENTITIES);
      // The token is the last identity of the previous page: the next page starts after it.
      const after = input.NextToken ? Buffer.from(input.NextToken, 'base64url').toString() : undefined;
      const all = (await store.listIdentities(type as IdentityType | undefined)).map((i) => i.identity);
      const rest = after === undefined ? all : all.filter((name) => name > after);
      const page = rest.slice(0, max);
      const next = rest.length > max ? Buffer.from(page[page.length - 1]).toString('base64url') : undefined;
      return { Identities: page, ...(next && { NextToken: next }) };
    },

    async getIdentityVerificationAttributes(input: { Identities?: string[] }) {
      if (input.Identities === undefined) throw missingMembers('v1', ['identities']);
      const known = new Map((await store.listIdentities()).map((i) => [i.identity, i]));
      const attributes: Record<string, { VerificationStatus: string; VerificationToken?: string }> = {};
      for (const name of input.Identities) {
        const identity = known.get(name) ?? known.get(name.toLowerCase());
        if (!identity) continue;
        attributes[name] = identity.type === 'Domain' ? { VerificationStatus: 'Success', VerificationToken: domainVerificationToken(identity.identity) } : { VerificationStatus: 'Success' };
      }
      return { VerificationAttributes: attributes };
    },

    async deleteIdentity(input: { Identity?: string }) {
      if (input.Identity === undefined) throw missingMembers('v1', ['identity']);
      await store.deleteIdentity(input.Identity);
      return {};
    },

    async listVerifiedEmailAddresses() {
      return { VerifiedEmailAddresses: (await store.listIdentities('EmailAddress')).map((i) => i.identity) };
    },
  };
}
