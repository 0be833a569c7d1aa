import { useState, type ReactNode } from 'react';
import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  List,
  Modal,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { errorMessage, isStatus } from '../../shared/api/errors';
import { ConflictAlert } from '../../shared/components/ConflictAlert';
import { requiredProps } from '../../shared/components/required';
import { QueryDetail } from '../../shared/components/QueryDetail';
import { formatDate, formatDateTime, formatDay, periodText } from '../../shared/dates';
import { documentApi, networkKeys, useDocument } from './api';
import { Section } from './AboutTab';
import { DOCUMENT_STATE_COLORS } from './DocumentsTab';
import type { DocumentVerification, NetworkDetail, NetworkDocument } from './types';
import './strings';
import '../organizations/strings';
import { ModalActions } from '../../shared/components/ModalActions';

const short = (hash: string) => `${hash.slice(0, 12)}…`;

export function DocumentView({ network, documentId }: { network: NetworkDetail; documentId: string }) {
  const { t } = useTranslation();
  const doc = useDocument(documentId);
  return (
    <QueryDetail query={doc} backTo={`/networks/${network.id}/documents`} backLabel={t('documents.back')} skeletonHeight={400}>
      {(data) => <DocumentDetail network={network} doc={data} />}
    </QueryDetail>
  );
}

function DocumentDetail({ network, doc }: { network: NetworkDetail; doc: NetworkDocument }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [sendOpen, setSendOpen] = useState(false);
  const [signOpen, setSignOpen] = useState(false);
  const [verification, setVerification] = useState<DocumentVerification | null>(null);
  const p = doc.permissions;
  const signed = doc.parties.filter((x) => x.signed).length;

  const onDoc = (fresh: NetworkDocument) => {
    qc.setQueryData(networkKeys.document(doc.id), fresh);
    void qc.invalidateQueries({ queryKey: networkKeys.documents(network.id) });
    void qc.invalidateQueries({ queryKey: networkKeys.launchPath(network.id) });
  };
  const onError = (err: unknown) => {
    notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(err, t), autoClose: 10000 });
    void qc.invalidateQueries({ queryKey: networkKeys.document(doc.id) });
  };

  const send = useMutation({
    mutationFn: () => documentApi.send(doc.id, { versionId: doc.current.id, sha256: doc.current.sha256 }),
    onSuccess: (fresh) => {
      setSendOpen(false);
      onDoc(fresh);
      notifications.show({ color: 'green', message: t('documents.sent') });
    },
    onError: (err) => {
      setSendOpen(false);
      onError(err);
    },
  });
  const verify = useMutation({
    mutationFn: () => documentApi.verify(doc.id),
    onSuccess: setVerification,
    onError,
  });
  const accede = useMutation({
    mutationFn: (organizationId: string) => documentApi.accession(doc.id, organizationId),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: networkKeys.document(doc.id) });
      void qc.invalidateQueries({ queryKey: networkKeys.documents(network.id) });
      notifications.show({ color: 'green', message: t('documents.accessionCreated') });
    },
    onError,
  });

  return (
    <>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="sm">
          <Group gap="xs">
            <Badge color={DOCUMENT_STATE_COLORS[doc.state]} variant="light" tt="none" className="orbita-badge">
              {t(`documents.state.${doc.state}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {doc.kindLabel}
            </Text>
          </Group>
          <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
            {doc.title}
          </Title>
          <Text size="sm" c="dimmed">
            {t('documents.versionLine', { version: doc.current.version, date: formatDateTime(doc.current.createdAt) })}
            {' · SHA-256 '}
            <Code>{short(doc.current.sha256)}</Code>
          </Text>
          <Text size="sm">
            {t(`documents.partiesLine.${doc.partyScope}`, { names: doc.parties.map((x) => x.organizationName).join(', ') })}
          </Text>
          {doc.act && (
            <Alert color={doc.act.registeredOn ? 'green' : 'blue'} variant="light">
              {doc.act.registeredOn
                ? t('documents.actDone', { name: doc.act.organizationName, date: formatDay(doc.act.registeredOn) })
                : t('documents.actPending', { name: doc.act.organizationName })}
            </Alert>
          )}
          {doc.parent && (
            <Text size="sm">
              {t('documents.accessionTo')}{' '}
              <Anchor component={Link} to={`/networks/${network.id}/documents/${doc.parent.id}`}>
                {doc.parent.title}
              </Anchor>
            </Text>
          )}
          {doc.state !== 'draft' && (
            <Text size="sm" fw={600}>
              {t('documents.signedCount', { signed, total: doc.parties.length })}
            </Text>
          )}
          <Group gap="sm" mt="xs">
            {p.canSign && (
              <Button color="green" onClick={() => setSignOpen(true)}>
                {t('documents.sign')}
              </Button>
            )}
            {p.canSend && !editing && (
              <Button onClick={() => setSendOpen(true)}>{t('documents.send')}</Button>
            )}
            {p.canEdit && !editing && (
              <Button variant="light" onClick={() => setEditing(true)}>
                {t('documents.edit')}
              </Button>
            )}
            <Button component="a" href={documentApi.exportUrl(doc.id, 'docx')} download variant="default">
              {t('documents.exportDocx')}
            </Button>
            <Button component="a" href={documentApi.exportUrl(doc.id, 'pdf')} download variant="default">
              {t('documents.exportPdf')}
            </Button>
            <Button variant="subtle" onClick={() => verify.mutate()} loading={verify.isPending}>
              {t('documents.verify')}
            </Button>
          </Group>
          {p.canSign && (
            <Alert color="blue" variant="light">
              {t('documents.yourSignatureAwaited', { organizations: p.signAs.map((o) => o.organizationName).join(', ') })}
            </Alert>
          )}
          {verification && (
            <Alert
              color={verification.intact ? 'green' : 'red'}
              variant="light"
              title={verification.intact ? t('documents.intact') : t('documents.broken')}
              withCloseButton
              onClose={() => setVerification(null)}
              role="status"
            >
              {verification.intact ? (
                <Text size="sm">{t('documents.intactText', { versions: verification.versions, signatures: verification.signatures })}</Text>
              ) : (
                <List size="sm">
                  {verification.broken.map((b) => (
                    <List.Item key={b.recordId + b.problem}>{b.detail}</List.Item>
                  ))}
                </List>
              )}
            </Alert>
          )}
        </Stack>
      </Paper>

      {editing ? (
        <DocumentEditor doc={doc} onDone={() => setEditing(false)} onSaved={onDoc} />
      ) : (
        <Section title={t('documents.text')}>
          <DocumentBody body={doc.current.body} />
        </Section>
      )}

      {doc.annex && <AnnexSection doc={doc} onSaved={onDoc} onError={onError} />}

      <Section title={t('documents.sheetTitle')}>
        {doc.parties.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('documents.noParties')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={520} type="native" tabIndex={0} role="region" aria-label={t('documents.sheetTitle')}>
            <Table verticalSpacing="sm">
              <VisuallyHidden component="caption">{t('documents.sheetCaption', { version: doc.current.version })}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('documents.party')}</Table.Th>
                  <Table.Th scope="col">{t('documents.signer')}</Table.Th>
                  <Table.Th scope="col">{t('documents.signedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {doc.parties.map((x) => (
                  <Table.Tr key={x.organizationId}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {x.organizationName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {x.signed ? (
                        <Text size="sm">{x.signerName}</Text>
                      ) : (
                        <Badge variant="outline" color="gray" tt="none" className="orbita-badge">
                          {doc.state === 'draft' ? t('documents.notSent') : t('documents.awaiting')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{x.signedAt ? formatDateTime(x.signedAt) : '—'}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Text size="xs" c="dimmed" mt="sm">
          {t('documents.sheetHint')}
        </Text>
      </Section>

      {(doc.awaitingAccession.length > 0 || doc.accessions.length > 0) && (
        <Section title={t('documents.accessionsTitle')}>
          <Stack gap="sm">
            {doc.accessions.map((a) => (
              <Group key={a.id} gap="sm" justify="space-between">
                <Anchor component={Link} to={`/networks/${network.id}/documents/${a.id}`} size="sm">
                  {t('documents.accessionOf', { organization: a.organizationName })}
                </Anchor>
                <Badge color={DOCUMENT_STATE_COLORS[a.state]} variant="light" tt="none" className="orbita-badge">
                  {t(`documents.state.${a.state}`)}
                </Badge>
              </Group>
            ))}
            {doc.awaitingAccession.map((a) => (
              <Group key={a.organizationId} gap="sm" justify="space-between">
                <Text size="sm">{t('documents.awaitingAccession', { organization: a.organizationName })}</Text>
                {p.canCreateAccession && (
                  <Button size="xs" variant="light" onClick={() => accede.mutate(a.organizationId)} loading={accede.isPending && accede.variables === a.organizationId}>
                    {t('documents.createAccession')}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        </Section>
      )}

      <Section title={t('documents.historyTitle')}>
        <Accordion variant="separated" chevronPosition="left">
          {[...doc.versions].reverse().map((v) => {
            const sigs = doc.signatures.filter((s) => s.versionId === v.id);
            return (
              <Accordion.Item key={v.id} value={v.id}>
                <Accordion.Control>
                  <Group gap="xs" justify="space-between" wrap="wrap">
                    <Text size="sm" fw={600}>
                      {t('documents.versionN', { version: v.version })}
                      {v.version === doc.currentVersion ? ` · ${t('documents.inForce')}` : ''}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(v.createdAt)} · {t('documents.signaturesCount', { count: sigs.length })}
                    </Text>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <Stack gap="sm">
                    <Text size="xs" c="dimmed">
                      SHA-256 <Code>{v.sha256}</Code>
                    </Text>
                    {sigs.length > 0 && (
                      <List size="sm" spacing={2}>
                        {sigs.map((s) => (
                          <List.Item key={s.id}>
                            {s.organizationName} — {s.signerName}, {formatDateTime(s.signedAt)}
                            {s.voidedAt && (
                              <Text span c="red.8" size="sm">
                                {' '}
                                ({t('documents.voided', { date: formatDate(s.voidedAt) })})
                              </Text>
                            )}
                          </List.Item>
                        ))}
                      </List>
                    )}
                    {v.version !== doc.currentVersion && (
                      <Paper withBorder p="sm" radius="sm">
                        <Text size="sm" fw={600} mb="xs">
                          {v.title}
                        </Text>
                        <DocumentBody body={v.body} />
                      </Paper>
                    )}
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            );
          })}
        </Accordion>
      </Section>

      <Modal opened={sendOpen} onClose={() => setSendOpen(false)} title={t('documents.sendTitle')} centered>
        <Stack>
          <Text size="sm">{t('documents.sendText', { count: doc.parties.length })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setSendOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button loading={send.isPending} onClick={() => send.mutate()}>
              {t('documents.send')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {signOpen && <SignModal doc={doc} onClose={() => setSignOpen(false)} onSigned={onDoc} />}
    </>
  );
}

/** The template markup: «# » heading, «## » subheading, «- » bullet; blank lines separate paragraphs, a paragraph keeps its line breaks. */
export function DocumentBody({ body }: { body: string }) {
  const out: ReactNode[] = [];
  body
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .forEach((block, b) => {
      let text: string[] = [];
      let bullets: string[] = [];
      const flushText = () => {
        if (text.length) out.push(<Text key={`${b}-t${out.length}`} size="sm" style={{ whiteSpace: 'pre-line' }}>{text.join('\n')}</Text>);
        text = [];
      };
      const flushBullets = () => {
        if (bullets.length) {
          out.push(
            <List key={`${b}-l${out.length}`} size="sm" spacing={2} withPadding>
              {bullets.map((l, j) => (
                <List.Item key={j}>{l}</List.Item>
              ))}
            </List>,
          );
        }
        bullets = [];
      };
      for (const line of block.split('\n')) {
        if (!line.trim()) continue;
        if (line.startsWith('# ') || line.startsWith('## ')) {
          flushText();
          flushBullets();
          const sub = line.startsWith('## ');
          out.push(
            <Title key={`${b}-h${out.length}`} order={sub ? 4 : 3} size={sub ? 'h6' : 'h5'} mt="sm" ta={sub ? undefined : 'center'}>
              {line.replace(/^#+ /, '')}
            </Title>,
          );
        } else if (line.startsWith('- ')) {
          flushText();
          bullets.push(line.slice(2));
        } else {
          flushBullets();
          text.push(line);
        }
      }
      flushText();
      flushBullets();
    });
  return (
    <Stack gap="xs" className="orbita-document">
      {out}
    </Stack>
  );
}

function DocumentEditor({ doc, onDone, onSaved }: { doc: NetworkDocument; onDone: () => void; onSaved: (d: NetworkDocument) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // the version the editor started from: a concurrent edit or signature turns the save into a 409
  const [base, setBase] = useState({ versionId: doc.current.id, sha256: doc.current.sha256, version: doc.current.version });
  const [title, setTitle] = useState(doc.current.title);
  const [body, setBody] = useState(doc.current.body);
  const [conflict, setConflict] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const liveSignatures = doc.parties.filter((x) => x.signed).length;

  const save = useMutation({
    mutationFn: () => documentApi.update(doc.id, { versionId: base.versionId, sha256: base.sha256, title: title.trim(), body }),
    onSuccess: (fresh) => {
      onSaved(fresh);
      notifications.show({
        color: 'green',
        message: fresh.currentVersion > base.version ? t('documents.savedNewVersion', { version: fresh.currentVersion }) : t('documents.saved'),
      });
      onDone();
    },
    onError: (err) => {
      if (isStatus(err, 409)) {
        setConflict(errorMessage(err, t));
        return;
      }
      const fields = err instanceof ApiError ? err.fieldErrors.map((f) => f.message) : [];
      setError(fields.length ? fields.join('; ') : errorMessage(err, t));
    },
  });

  const reload = async () => {
    const latest = await qc.fetchQuery({ queryKey: networkKeys.document(doc.id), queryFn: () => documentApi.get(doc.id), staleTime: 0 });
    setBase({ versionId: latest.current.id, sha256: latest.current.sha256, version: latest.current.version });
    setTitle(latest.current.title);
    setBody(latest.current.body);
    setConflict(null);
  };

  return (
    <Section title={t('documents.editTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          if (title.trim().length < 3) {
            setError(t('documents.titleTooShort'));
            return;
          }
          if (!body.trim()) {
            setError(t('documents.bodyEmpty'));
            return;
          }
          save.mutate();
        }}
        noValidate
      >
        <Stack gap="md">
          {liveSignatures > 0 && (
            <Alert color="orange" variant="light" title={t('documents.revisionWarningTitle')}>
              {t('documents.revisionWarning', { count: liveSignatures, next: doc.current.version + 1 })}
            </Alert>
          )}
          <TextInput label={t('documents.titleLabel')} {...requiredProps} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={300} />
          <Textarea
            label={t('documents.body')}
            description={t('documents.bodyHint')}
            {...requiredProps}
            autosize
            minRows={16}
            maxRows={40}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            styles={{ input: { fontFamily: 'var(--mantine-font-family)', lineHeight: 1.55 } }}
          />
          {conflict && (
            <ConflictAlert title={t('documents.conflictTitle')} onReload={reload} reloadLabel={t('documents.reloadLatest')}>
              <Text size="sm">{conflict}</Text>
              <Text size="sm">{t('documents.conflictKept')}</Text>
            </ConflictAlert>
          )}
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {liveSignatures > 0 ? t('documents.saveNewVersion') : t('form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function SignModal({ doc, onClose, onSigned }: { doc: NetworkDocument; onClose: () => void; onSigned: (d: NetworkDocument) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [password, setPassword] = useState('');
  const [read, setRead] = useState(false);
  const [organizationId, setOrganizationId] = useState<string | null>(doc.permissions.signAs.length === 1 ? doc.permissions.signAs[0].organizationId : null);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // exactly the version on the screen: the server refuses if the text changed meanwhile
  const version = doc.current;

  const sign = useMutation({
    mutationFn: () => documentApi.sign(doc.id, { versionId: version.id, sha256: version.sha256, password, organizationId: organizationId ?? undefined }),
    onSuccess: (fresh) => {
      onSigned(fresh);
      notifications.show({ color: 'green', message: t('documents.signed') });
      onClose();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.fieldErrors.some((f) => f.field === 'password')) {
        setPasswordError(err.fieldErrors.find((f) => f.field === 'password')!.message);
        setError(null);
        return;
      }
      setError(errorMessage(err, t));
      if (isStatus(err, 409)) void qc.invalidateQueries({ queryKey: networkKeys.document(doc.id) });
    },
  });

  return (
    <Modal opened onClose={onClose} title={t('documents.signTitle')} size="lg" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setPasswordError(null);
          if (!password) {
            setPasswordError(t('documents.passwordRequired'));
            return;
          }
          sign.mutate();
        }}
        noValidate
      >
        <Stack>
          <Text size="sm">
            {t('documents.signIntro', { title: version.title, version: version.version })}
          </Text>
          <Text size="xs" c="dimmed">
            SHA-256 <Code>{version.sha256}</Code>
          </Text>
          {doc.permissions.signAs.length > 1 && (
            <Select
              label={t('documents.signAs')}
              {...requiredProps}
              data={doc.permissions.signAs.map((o) => ({ value: o.organizationId, label: o.organizationName }))}
              value={organizationId}
              onChange={setOrganizationId}
              allowDeselect={false}
            />
          )}
          {doc.permissions.signAs.length === 1 && (
            <Text size="sm">
              {t('documents.signingFor', { organization: doc.permissions.signAs[0].organizationName })}
            </Text>
          )}
          <Checkbox checked={read} onChange={(e) => setRead(e.currentTarget.checked)} label={t('documents.readConfirm', { version: version.version })} />
          <PasswordInput
            label={t('documents.password')}
            description={t('documents.passwordHint')}
            {...requiredProps}
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              setPasswordError(null);
            }}
            error={passwordError}
            autoComplete="current-password"
            data-autofocus
          />
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" color="green" loading={sign.isPending} disabled={!read || (doc.permissions.signAs.length > 1 && !organizationId)}>
              {t('documents.signSubmit')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The plan annex as the current version carries it (what its signers sign), and — when the plan no longer says the
 * same — the warning that the annex is superseded, with the coordinator's way to a new version.
 */
function AnnexSection({ doc, onSaved, onError }: { doc: NetworkDocument; onSaved: (fresh: NetworkDocument) => void; onError: (err: unknown) => void }) {
  const { t } = useTranslation();
  const status = doc.annex!;
  const annex = status.annex;
  const refresh = useMutation({
    mutationFn: () => documentApi.update(doc.id, { versionId: doc.current.id, sha256: doc.current.sha256, refreshAnnex: true }),
    onSuccess: (fresh) => {
      onSaved(fresh);
      notifications.show({ color: 'green', message: t('documents.annexRefreshed') });
    },
    onError,
  });
  const period = periodText(annex.periodStart, annex.periodEnd, t);
  return (
    <Section title={t('documents.annexTitle', { title: annex.title })}>
      <Stack gap="sm" style={{ minWidth: 0, maxWidth: '100%' }}>
        {status.superseded && (
          <Alert color="yellow" variant="light" title={t('documents.annexSupersededTitle')} role="status">
            <Stack gap="xs">
              <Text size="sm">
                {status.planDeleted ? t('documents.annexPlanDeleted') : doc.state === 'draft' ? t('documents.annexSupersededDraft') : t('documents.annexSupersededSigned')}
              </Text>
              {doc.permissions.canRefreshAnnex && (
                <Group>
                  <Button size="sm" h="auto" py={6} styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }} onClick={() => refresh.mutate()} loading={refresh.isPending}>
                    {doc.state === 'draft' ? t('documents.refreshAnnexDraft') : t('documents.refreshAnnex')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          {t('documents.annexIntro', { version: doc.current.version })}
          {period ? ` ${period}` : ''}
        </Text>
        <Table.ScrollContainer minWidth={640} type="native" tabIndex={0} role="region" aria-label={t('documents.annexTitle', { title: annex.title })}>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('documents.annexNumber')}</Table.Th>
                <Table.Th scope="col">{t('documents.annexActivity')}</Table.Th>
                <Table.Th scope="col">{t('documents.annexDates')}</Table.Th>
                <Table.Th scope="col">{t('documents.annexResponsible')}</Table.Th>
                <Table.Th scope="col">{t('documents.annexResult')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {annex.items.map((item) => (
                <Table.Tr key={item.number}>
                  <Table.Td>{item.number}</Table.Td>
                  <Table.Td style={{ paddingLeft: `calc(var(--mantine-spacing-xs) + ${item.depth}rem)` }}>{item.activity}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{periodText(item.startsOn, item.endsOn, t) ?? '—'}</Table.Td>
                  <Table.Td>{[...item.responsible, item.responsiblePeople].filter((x) => x.trim()).join(', ') || '—'}</Table.Td>
                  <Table.Td>{item.expectedResult || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Section>
  );
}
