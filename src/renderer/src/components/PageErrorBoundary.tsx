import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';
import { i18n } from '../i18n';
import { toApiError } from '../api/api-error';

type Props = { children: ReactNode };
type State = { error: Error | null };

/** Keeps a crash inside one page: the rest of the app (sidebar, jobs, switcher) stays usable. */
// React still needs a class for error boundaries.
export class PageErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn('A page crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <ErrorAlert
        title={i18n.t('errors.pageCrashed')}
        error={toApiError(this.state.error)}
        onRetry={() => this.setState({ error: null })}
      />
    );
  }
}
