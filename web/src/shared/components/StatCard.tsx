import { Paper, Skeleton, Text, type MantineColor, type MantineSpacing } from '@mantine/core';
import { Link } from 'react-router';

/** A big number with what it counts; a link when there is a page listing what it counts. */
export function StatCard({
  value,
  label,
  to,
  loading = false,
  color = 'blue.8',
  padding = 'lg',
}: {
  value: number | undefined;
  label: string;
  to?: string;
  loading?: boolean;
  /** the number's colour, e.g. red for a count that needs attention */
  color?: MantineColor;
  /** smaller where cards stand three in a narrow row */
  padding?: MantineSpacing;
}) {
  const body = (
    <>
      {loading ? (
        <Skeleton height={36} width={80} mb={6} />
      ) : (
        <Text fz={{ base: 28, sm: 36 }} fw={800} c={color} lh={1.1}>
          {value != null ? value.toLocaleString('ru-RU') : '—'}
        </Text>
      )}
      <Text size="sm" c="dimmed" mt={4}>
        {label}
      </Text>
    </>
  );
  if (to) {
    return (
      <Paper withBorder radius="md" p={padding} component={Link} to={to} className="orbita-stat-link">
        {body}
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="md" p={padding}>
      {body}
    </Paper>
  );
}
