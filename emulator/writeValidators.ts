import type { ArmError } from '../src/arm/errors/ArmError';
import { validateAgainstSpec } from './validation/validateAgainstSpec';
import { validateWrite } from './validation/validateWrite';
import type { WriteContext } from './validation/WriteContext';

/**
 * The single indirection between the write pipeline and request validation
 * (emulator/validation/, owned by the validation work). Body validators see
 * the raw request body of one resource type; write validators see the merged
 * top-level resource as it will be stored. The first error wins.
 */
export type BodyValidator = (resourceType: string, body: unknown) => ArmError | undefined;
export type WriteValidator = (ctx: WriteContext) => ArmError | undefined;

export const bodyValidators: BodyValidator[] = [validateAgainstSpec];
export const writeValidators: WriteValidator[] = [validateWrite];
