import { isOperator } from '../../platform/policy';

export const territoryPolicy = {
  /** Creating, renaming, archiving and restoring municipalities is the operator's. */
  manageMunicipalities: isOperator,
};
