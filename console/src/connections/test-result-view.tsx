/**
 * The result of a connection test, step by step: which steps passed, and for the step
 * that failed, what the source answered and what to check.
 */
import { useEffect, useRef } from 'react';
import type { TestResult } from '../api/api-types';
import { Alert } from '../components/alert';
import { icons } from '../components/icons';

export function TestResultView({
  result,
  title,
}: {
  readonly result: TestResult;
  readonly title?: string;
}) {
  const failed = result.steps.find((step) => !step.ok);
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    frame.current?.scrollIntoView({ block: 'nearest' });
  }, [result]);
  return (
    <div className="test-result" ref={frame}>
      <Alert
        kind={result.ok ? 'success' : 'error'}
        title={
          title ??
          (result.ok
            ? 'The connection works.'
            : failed === undefined
              ? 'The test failed.'
              : `The test failed at “${failed.name}”.`)
        }
      >
        {result.ok ? null : failed?.message}
      </Alert>
      {result.steps.length < 2 ? null : (
        <ol className="test-steps" aria-label="Test steps">
          {result.steps.map((step, index) => (
            <li
              key={`${index}-${step.name}`}
              className={`test-step ${step.ok ? 'test-step-ok' : 'test-step-failed'}`}
            >
              <span className="test-step-icon">{step.ok ? icons.check : icons.cross}</span>
              <span className="test-step-text">
                <span className="test-step-name">
                  {step.name}
                  <span className="visually-hidden">{step.ok ? ': passed' : ': failed'}</span>
                </span>
                {step.message === undefined || step.message === '' ? null : (
                  <span className="test-step-message">{step.message}</span>
                )}
              </span>
              {step.durationMs === undefined ? null : (
                <span className="test-step-time">{Math.round(step.durationMs)} ms</span>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
