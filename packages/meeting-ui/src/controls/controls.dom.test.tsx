import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { Button, buttonClassName } from './Button';
import { TextField } from './TextField';

afterEach(cleanup);

describe('Button', () => {
  it('is a plain button by default, with the variant’s classes and the caller’s', () => {
    render(
      <>
        <Button className="mine">Show</Button>
        <Button variant="danger" type="submit">
          End
        </Button>
      </>,
    );
    const show = screen.getByRole('button', { name: 'Show' });
    expect(show.getAttribute('type')).toBe('button');
    expect(show.className).toBe('g2g-button mine');
    const end = screen.getByRole('button', { name: 'End' });
    expect(end.getAttribute('type')).toBe('submit');
    expect(end.className).toBe('g2g-button g2g-button--danger');
    expect(buttonClassName('primary')).toBe('g2g-button g2g-button--primary');
  });
});

describe('TextField', () => {
  it('labels the input and describes it with the hint, then the error', () => {
    const { rerender } = render(<TextField label="Title" hint="Shown to the guest." />);
    const input = screen.getByLabelText('Title');
    const described = () =>
      (input.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent);
    expect(described()).toEqual(['Shown to the guest.']);
    expect(input.getAttribute('aria-invalid')).toBeNull();
    rerender(<TextField label="Title" hint="Shown to the guest." error="Too long." />);
    expect(described()).toEqual(['Shown to the guest.', 'Too long.']);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('Too long.');
  });

  it('keeps the caller’s id and description', () => {
    render(
      <>
        <p id="extra">More help</p>
        <TextField label="Key" id="key" aria-describedby="extra" type="password" />
      </>,
    );
    const input = screen.getByLabelText('Key');
    expect(input.id).toBe('key');
    expect(input.getAttribute('aria-describedby')).toBe('extra');
    expect(input.getAttribute('type')).toBe('password');
  });
});
