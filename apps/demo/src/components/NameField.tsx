import { useId } from 'react';

/**
 * The display-name input both join pages ask for. 128 characters is what
 * the Service App keeps of a display name (service-app's MAX_DISPLAY_NAME).
 */
export function NameField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (name: string) => void;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        maxLength={128}
        autoComplete="name"
        onChange={(e) => onChange(e.target.value)}
        required
      />
    </>
  );
}
