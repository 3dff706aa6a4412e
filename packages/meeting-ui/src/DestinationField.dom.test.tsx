import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { DestinationField } from './DestinationField';

afterEach(cleanup);

describe('DestinationField (jsdom)', () => {
  it('labels the input and describes it with the hint', () => {
    render(<DestinationField />);
    const input = screen.getByLabelText('Meeting number, SIP address or link');
    const described = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(described?.textContent).toMatch(/For example 2516 666 1234/);
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });

  it('reports each edit with its parse result', () => {
    const onChange = vi.fn();
    render(<DestinationField onChange={onChange} />);
    fireEvent.change(screen.getByRole('textbox'), { target: { value: '2516-666-1234' } });
    expect(onChange).toHaveBeenLastCalledWith('2516-666-1234', {
      ok: true,
      destination: { type: 'MEETING_ID', value: '25166661234' },
    });
    expect(screen.getByText('Meeting number: 25166661234')).toBeTruthy();
  });

  it('shows the error only after the field is left, and marks it invalid', () => {
    render(<DestinationField />);
    const input = screen.getByRole('textbox');
    fireEvent.change(input, { target: { value: 'javascript:alert(1)' } });
    expect(input.getAttribute('aria-invalid')).toBeNull();
    fireEvent.blur(input);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/are not meeting links/)).toBeTruthy();
  });

  it('speaks another language: the kinds of destination and the errors by code', () => {
    render(
      <DestinationField
        label="Numéro de réunion, adresse SIP ou lien"
        typeLabels={{ MEETING_ID: 'Numéro de réunion' }}
        errorMessage={(e) => `erreur ${e.code}`}
      />,
    );
    const input = screen.getByRole('textbox');
    fireEvent.change(input, { target: { value: '2516 666 1234' } });
    expect(screen.getByText('Numéro de réunion: 25166661234')).toBeTruthy();
    fireEvent.change(input, { target: { value: 'javascript:alert(1)' } });
    fireEvent.blur(input);
    expect(screen.getByText('erreur invalid-destination')).toBeTruthy();
  });

  it('works controlled', () => {
    const { rerender } = render(<DestinationField value="jane@acme.webex.com" />);
    expect(screen.getByText('SIP address: jane@acme.webex.com')).toBeTruthy();
    rerender(<DestinationField value="https://acme.webex.com/meet/jane" />);
    expect(screen.getByText('Meeting link: https://acme.webex.com/meet/jane')).toBeTruthy();
  });
});
