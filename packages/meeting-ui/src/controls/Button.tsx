import type { ButtonHTMLAttributes } from 'react';

/**
 * How much a button stands out: `primary` for the one main action of a
 * screen, `secondary` (the default) for the others, `danger` for what ends or
 * deletes something.
 * @public
 */
export type ButtonVariant = 'primary' | 'secondary' | 'danger';

/**
 * Props of {@link Button}: any `<button>` attribute, and a variant.
 * @public
 */
export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
}

/**
 * The class names of a button of `variant` (`g2g-button`, `g2g-button--primary`…),
 * for an element that must look like a button without being one, such as a link.
 * @public
 */
export function buttonClassName(variant: ButtonVariant = 'secondary', className?: string): string {
  return ['g2g-button', variant === 'secondary' ? null : `g2g-button--${variant}`, className]
    .filter(Boolean)
    .join(' ');
}

/**
 * The components' button, for an app's own screens around them: same look,
 * same focus ring, themed by the same `--g2g-*` properties. `type` defaults to
 * `button` (not the browser's `submit`). Render it inside a `MeetingUiRoot`.
 * @public
 */
export function Button({ variant = 'secondary', className, type = 'button', ...rest }: ButtonProps) {
  return <button {...rest} type={type} className={buttonClassName(variant, className)} />;
}
