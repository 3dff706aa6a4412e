import { TextField } from '@g2g/meeting-ui';
import { cleanDisplayName, DISPLAY_NAME_MAX } from '@g2g/webex-spec';
import { useT } from '../i18n';

/**
 * Whether a typed name passes the one display-name rule (`@g2g/webex-spec`):
 * the backend cleans it once more, identically, when it mints the token.
 */
export const isUsableName = (name: string) => cleanDisplayName(name).ok;

/**
 * The display-name input, asked once per join (the name goes into the guest
 * token; nothing asks for it again). The rule's own message shows when the
 * name is too long; no `maxLength`, which counts UTF-16 units, not the code
 * points the rule counts.
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
  const t = useT();
  const checked = cleanDisplayName(value);
  // An empty field is simply not ready yet; only say something once there is text.
  const problem =
    !checked.ok && checked.problem === 'too-long'
      ? t.nameTooLong(checked.message, DISPLAY_NAME_MAX)
      : null;
  return (
    <TextField
      label={label}
      value={value}
      autoComplete="name"
      onChange={(e) => onChange(e.target.value)}
      error={problem}
      required
    />
  );
}
