/** A time shown relatively ("2 hours ago") inside a <time> element with the exact time as a tooltip. */
import { formatDateTime, relativeTime } from '../format/format-time';

export function TimeText({
  value,
  never = 'Never',
}: {
  readonly value: string | null | undefined;
  readonly never?: string;
}) {
  if (value === null || value === undefined) return <span className="muted">{never}</span>;
  return (
    <time dateTime={value} title={formatDateTime(value, true)}>
      {relativeTime(value)}
    </time>
  );
}
