import { Alert, Anchor, Breadcrumbs, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isStatus } from '../../shared/api/errors';
import { Forbidden } from '../../shared/components/States';
import {
  ImportDropzone,
  ImportProgressBar,
  StoredImportPanel,
  SuccessTitle,
  ImportColumnsHelp,
  useStoredImport,
} from '../../shared/components/SpreadsheetImport';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useOrganization } from '../organizations/api';
import { AdminTabs } from '../people/AdminSection';
import { MEMBERSHIP_ROLES } from '../people/types';
import { type StaffImport, staffImportApi, staffImportKeys } from './api';
import './strings';

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

  if (isStatus(staffImport.upload.error, 403)) return <Forbidden text={t('forbidden.staffImport')} />;

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
        <StoredImportPanel
          state={current}
          stats={[
            { label: t('staffImport.total'), value: current.total },
            { label: t('staffImport.toInvite'), value: current.toInvite },
            { label: t('staffImport.toAddRole'), value: current.toAddRole },
          ]}
          errorsHint={t('staffImport.errorsHint')}
          commit={commit}
          commitLabel={t('staffImport.commit', { count: invitations })}
          commitHint={t('staffImport.commitHint')}
          commitDisabled={invitations === 0}
        >
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
        </StoredImportPanel>
      )}

      <ImportColumnsHelp
        title={t('staffImport.columnsTitle')}
        intro={organizationId ? t('staffImport.columnsIntroOrganization') : t('staffImport.columnsIntro')}
        columns={COLUMNS.map((header) => ({ header, required: !(organizationId && header === 'Организация') }))}
        notes={[
          t('staffImport.columnOrganization'),
          t('staffImport.columnRole', { list: roleList, codes: MEMBERSHIP_ROLES.join(', ') }),
          t('staffImport.columnRepeat'),
          t('staffImport.columnExisting'),
        ]}
        template={{ label: t('staffImport.template'), fileName: 'shablon-sotrudniki.csv' }}
      />
    </Stack>
  );
}
