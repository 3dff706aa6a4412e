import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { page, userEvent } from 'vitest/browser';
import { DestinationField } from './DestinationField';

afterEach(cleanup);

describe('DestinationField (Chromium)', () => {
  it('parses what a person types and explains a space id once they tab away', async () => {
    render(
      <>
        <DestinationField />
        <button type="button">next</button>
      </>,
    );
    const input = page.getByLabelText('Meeting number, SIP address or link');
    await userEvent.type(input, '2516 666 1234');
    await expect.element(page.getByText('Meeting number: 25166661234')).toBeVisible();

    await userEvent.clear(input);
    await userEvent.type(input, btoa('ciscospark://us/ROOM/6b2e0f40-1f7c-11ef-8a2b-6f1d2c3b4a59'));
    await userEvent.tab();
    await expect.element(input).toHaveAttribute('aria-invalid', 'true');
    await expect.element(page.getByText(/no longer starts meetings from a space id/)).toBeVisible();
    // Focus really moved: the keyboard path works in a real browser.
    expect(document.activeElement?.textContent).toBe('next');
  });
});
