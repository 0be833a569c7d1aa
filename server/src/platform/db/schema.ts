// Every table of every module, for drizzle-kit and for typed queries.
export * from '../../modules/territory/schema';
export * from '../../modules/accounts/schema';
export * from '../../modules/organizations/schema';
export * from '../audit/schema';
export * from '../../modules/networks/schema';
export * from '../../modules/councils/schema';
export * from '../../modules/documents/schema';
export * from '../../modules/plans/schema';
export * from '../../modules/inventory/schema';
export * from '../../modules/exchanges/schema';
export * from '../../modules/programmes/schema';
export * from '../../modules/families/schema';
export * from '../../modules/enrolments/schema';
export * from '../../modules/campaigns/schema';
export * from '../../modules/notifications/schema';
export * from '../../modules/events/schema';
export * from '../mail/schema';
