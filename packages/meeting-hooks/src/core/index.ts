export {
  parseDestination,
  MAX_DESTINATION_LENGTH,
  SPACE_ID_NOT_SUPPORTED_CODE,
} from './destination';
export type {
  Destination,
  DestinationType,
  ParseDestinationOptions,
  ParseDestinationResult,
} from './destination';
export { JoinError, isJoinError } from './errors';
export type { JoinErrorCode, JoinErrorOptions } from './errors';
