import { Component, type ReactNode } from 'react';

interface Props {
  onError: (error: unknown) => void;
  children?: ReactNode;
}

/** Keeps a crash of the stock widget (or its chunk failing to load) inside the wrapper. */
export class WidgetErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    this.props.onError(error);
  }

  override render() {
    return this.state.failed ? null : this.props.children;
  }
}
