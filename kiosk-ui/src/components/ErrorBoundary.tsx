import { Component, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** What to show instead: a friendly message, never a stack trace. */
  fallback: ReactNode;
  /** Milliseconds before the screen reloads itself. */
  restartAfterMs?: number;
}

interface State {
  failed: boolean;
}

/** A screen never shows a stack trace or a blank page: a friendly message, then a fresh start. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };
  private timer: ReturnType<typeof setTimeout> | undefined;

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('screen failed', error);
    this.timer = setTimeout(() => window.location.reload(), this.props.restartAfterMs ?? 15_000);
  }

  override componentWillUnmount(): void {
    clearTimeout(this.timer);
  }

  override render(): ReactNode {
    if (this.state.failed) return this.props.fallback;
    return this.props.children;
  }
}
