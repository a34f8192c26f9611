/**
 * Short confirmations after an action ("Permissions saved."), shown at the bottom of the
 * screen for a few seconds and announced to screen readers.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface Toast {
  readonly id: number;
  readonly text: string;
  readonly tone: 'success' | 'error';
}

type Notify = (text: string, tone?: 'success' | 'error') => void;

const ToastContext = createContext<Notify>(() => undefined);

let nextId = 1;

export function ToastProvider({ children }: { readonly children: ReactNode }) {
  const [toasts, setToasts] = useState<readonly Toast[]>([]);
  const notify = useCallback<Notify>((text, tone = 'success') => {
    const id = nextId++;
    setToasts((current) => [...current.slice(-1), { id, text, tone }]);
    window.setTimeout(
      () => setToasts((current) => current.filter((toast) => toast.id !== id)),
      5000,
    );
  }, []);
  const value = useMemo(() => notify, [notify]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.tone}`}>
            {toast.text}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): Notify {
  return useContext(ToastContext);
}
