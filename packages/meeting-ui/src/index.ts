export { DestinationField } from './DestinationField';
export type { DestinationFieldProps } from './DestinationField';
