import { Alert, Anchor, Breadcrumbs, Button, Code, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isStatus } from '../../shared/api/errors';
import { ErrorState, Forbidden } from '../../shared/components/States';
import {
  ImportDropzone,
  ImportErrorsAlert,
  ImportProgressBar,
  ImportStats,
  SuccessTitle,
  downloadCsvTemplate,
  useStoredImport,
} from '../../shared/components/SpreadsheetImport';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useOrganization } from '../organizations/api';
import { AdminTabs } from '../people/AdminSection';
import { MEMBERSHIP_ROLES } from '../people/types';
import { type StaffImport, staffImportApi, staffImportKeys } from './api';

/** The columns the server reads (server/src/modules/staff-imports/staff-columns.ts); an organisation's own list may leave out the organisation. */
const COLUMNS = ['ФИО', 'Эл. почта', 'Организация', 'Роль'];

/** /organizations/:id/staff/import: that organisation's staff, for its head, staff admin, authority and the operator. */
export function OrganizationStaffImportPage() {
  const { id = '' } = useParams();
  const organization = useOrganization(id);
  return <StaffImportPage organizationId={id} name={organization.data ? organization.data.shortName || organization.data.fullName : ''} />;
}

/** /admin/staff-import: staff of any organisations the operator or an authority reaches, in one file. */
export function RegionStaffImportPage() {
  return <StaffImportPage organizationId={null} name="" />;
}

/** Upload, preview with every error named by row and column, commit with a progress bar, then the letters' delivery. */
function StaffImportPage({ organizationId, name }: { organizationId: string | null; name: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('staffImport.title'));
  const qc = useQueryClient();
  const staffImport = useStoredImport<StaffImport>({
    queryKey: staffImportKeys.one,
    upload: (file) => staffImportApi.upload(organizationId, file),
    load: staffImportApi.get,
    commit: staffImportApi.commit,
    keepPolling: (state) => state.delivery.waiting > 0,
    // The staff page and the invitation lists show the new invitations.
    onDone: () => void qc.invalidateQueries(),
  });
  const { state: current, commit } = staffImport;

  if (isStatus(staffImport.upload.error, 403)) return <Forbidden text={t('staffImport.forbidden')} />;

  const invitations = current ? current.toInvite + current.toAddRole : 0;
  const roleList = MEMBERSHIP_ROLES.map((role) => t(`roles.${role}`, { lng: 'ru' }).toLowerCase()).join(', ');

  return (
    <Stack gap="lg" maw={1040}>
      {organizationId ? (
        <Breadcrumbs separator="›" component="nav" aria-label={t('common.breadcrumbs')}>
          <Anchor component={Link} to="/organizations" size="sm">
            {t('nav.organizations')}
          </Anchor>
          <Anchor component={Link} to={`/organizations/${organizationId}`} size="sm" lineClamp={1}>
            {name || t('staffImport.organization')}
          </Anchor>
          <Anchor component={Link} to={`/organizations/${organizationId}/staff`} size="sm">
            {t('staffImport.staff')}
          </Anchor>
          <Text size="sm" c="dimmed">
            {t('staffImport.title')}
          </Text>
        </Breadcrumbs>
      ) : (
        <AdminTabs />
      )}
      <div>
        <Title order={1}>{t('staffImport.title')}</Title>
        <Text mt={6} maw={760}>
          {organizationId ? t('staffImport.introOrganization', { name: name || t('staffImport.organization') }) : t('staffImport.intro')}
        </Text>
      </div>

      {(!current || current.status === 'previewed') && <ImportDropzone onFile={staffImport.choose} upload={staffImport.upload} />}

      {current && (
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="staff-import-result">
          <Stack gap="md">
            <Title order={2} size="h4" id="staff-import-result">
              {t('import.file', { name: current.fileName })}
            </Title>
            <ImportStats
              items={[
                { label: t('staffImport.total'), value: current.total },
                { label: t('staffImport.toInvite'), value: current.toInvite },
                { label: t('staffImport.toAddRole'), value: current.toAddRole },
              ]}
            />

            {current.status === 'previewed' && current.errors.length > 0 && <ImportErrorsAlert errors={current.errors} hint={t('staffImport.errorsHint')} />}

            {current.status === 'previewed' && current.errors.length === 0 && (
              <Stack gap="sm" align="flex-start">
                <Text c="green.9" fw={500}>
                  {t('import.noErrors')}
                </Text>
                <Text size="sm">{t('staffImport.commitHint')}</Text>
                <Button size="md" onClick={() => commit.mutate(current.id)} loading={commit.isPending} disabled={invitations === 0}>
                  {t('staffImport.commit', { count: invitations })}
                </Button>
                {commit.isError && <ErrorState error={commit.error} />}
              </Stack>
            )}

            {current.status === 'running' && (
              <ImportProgressBar
                label={t('staffImport.progressLabel')}
                value={current.processed}
                total={invitations}
                text={t('staffImport.progress', { processed: current.processed, total: invitations })}
                animated
                error={staffImport.pollError}
              />
            )}

            {current.status === 'done' && (
              <>
                <Alert color="green" variant="light" title={<SuccessTitle>{t('staffImport.done')}</SuccessTitle>}>
                  <Stack gap="sm" align="flex-start">
                    <Text size="sm">{t('staffImport.doneText', { count: invitations })}</Text>
                    <Group gap="sm">
                      <Button component={Link} to={organizationId ? `/organizations/${organizationId}/staff` : '/admin/invitations'}>
                        {organizationId ? t('staffImport.toStaff') : t('staffImport.toInvitations')}
                      </Button>
                      <Button variant="default" onClick={staffImport.restart}>
                        {t('staffImport.another')}
                      </Button>
                    </Group>
                  </Stack>
                </Alert>
                <Stack gap="xs" component="section" aria-labelledby="staff-import-delivery">
                  <Title order={3} size="h5" id="staff-import-delivery">
                    {t('staffImport.deliveryTitle')}
                  </Title>
                  <ImportProgressBar
                    label={t('staffImport.deliveryLabel')}
                    value={current.delivery.sent}
                    total={invitations}
                    text={t('staffImport.delivery', { ...current.delivery, total: invitations })}
                    animated={current.delivery.waiting > 0}
                    error={staffImport.pollError}
                  />
                  <Text size="sm" c={current.delivery.failed ? 'red.8' : 'dimmed'}>
                    {current.delivery.failed
                      ? t('staffImport.deliveryFailed')
                      : current.delivery.waiting
                        ? t('staffImport.deliveryWaiting')
                        : t('staffImport.deliveryDone')}
                  </Text>
                </Stack>
              </>
            )}

            {current.status === 'failed' && (
              <Alert color="red" variant="light" title={t('staffImport.failed')} role="alert">
                <Stack gap="sm" align="flex-start">
                  {current.failure && <Text size="sm">{current.failure}</Text>}
                  <Button variant="default" onClick={staffImport.restart}>
                    {t('staffImport.another')}
                  </Button>
                </Stack>
              </Alert>
            )}
          </Stack>
        </Paper>
      )}

      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="staff-import-columns">
        <Stack gap="sm">
          <Group justify="space-between" gap="sm">
            <Title order={2} size="h4" id="staff-import-columns">
              {t('staffImport.columnsTitle')}
            </Title>
            <Button variant="light" size="sm" onClick={() => downloadCsvTemplate(COLUMNS, 'shablon-sotrudniki.csv')}>
              {t('staffImport.template')}
            </Button>
          </Group>
          <Text size="sm">{organizationId ? t('staffImport.columnsIntroOrganization') : t('staffImport.columnsIntro')}</Text>
          <Group gap={6}>
            {COLUMNS.map((header) => (
              <Code key={header} fz="sm" style={{ padding: '4px 8px' }}>
                {header}
                {organizationId && header === 'Организация' ? '' : ' *'}
              </Code>
            ))}
          </Group>
          <List size="sm" spacing={4}>
            <List.Item>{t('staffImport.columnOrganization')}</List.Item>
            <List.Item>{t('staffImport.columnRole', { list: roleList, codes: MEMBERSHIP_ROLES.join(', ') })}</List.Item>
            <List.Item>{t('staffImport.columnRepeat')}</List.Item>
            <List.Item>{t('staffImport.columnExisting')}</List.Item>
          </List>
        </Stack>
      </Paper>
    </Stack>
  );
}
