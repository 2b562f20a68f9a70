// Keeps a failing screen from turning the whole window white: it shows the error instead.
import { Component, type ReactNode } from 'react';
import { ErrorBox } from '../components/ErrorBox';

interface State {
  message: string | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { message: null };

  static getDerivedStateFromError(error: unknown): State {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    if (this.state.message !== null) {
      return (
        <ErrorBox
          error={{
            code: 'internal',
            messageNl: `Dit scherm kon niet worden getoond: ${this.state.message}`,
            messageEn: `This screen could not be shown: ${this.state.message}`,
          }}
        />
      );
    }
    return this.props.children;
  }
}
