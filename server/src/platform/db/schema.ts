// Every table of every module, for drizzle-kit and for typed queries.
export * from '../../modules/territory/schema';
export * from '../../modules/accounts/schema';
export * from '../../modules/organizations/schema';
export * from '../audit/schema';
