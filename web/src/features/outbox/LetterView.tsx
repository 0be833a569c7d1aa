import { Anchor, List, Stack, Tabs, Text, Title } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import './strings';

const LINK = /https?:\/\/[^\s<>"]+/g;

/** Links of the plain-text part, each once, in order: the links a reader would follow (an invitation, a reset). */
export function lettersLinks(text: string): string[] {
  return [...new Set(text.match(LINK) ?? [])];
}

/** The plain text with its links clickable. */
function TextWithLinks({ text }: { text: string }) {
  const parts = text.split(LINK);
  const links = text.match(LINK) ?? [];
  return (
    <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit', margin: 0 }}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {links[i] && (
            <Anchor href={links[i]} target="_blank" rel="noopener noreferrer">
              {links[i]}
            </Anchor>
          )}
        </Fragment>
      ))}
    </Text>
  );
}

/**
 * Links open in a new tab: the sandbox lets the letter open popups (and them leave the sandbox) but run no
 * script, submit no form and reach nothing of this page.
 */
const withLinksInNewTab = (html: string) => (/<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}<base target="_blank">`) : `<base target="_blank">${html}`);

/** A letter as its reader would see it (the HTML, sandboxed) and as plain text, with its links listed. */
export function LetterView({ subject, text, html }: { subject: string; text: string; html: string }) {
  const { t } = useTranslation();
  const links = lettersLinks(text);
  return (
    <Stack gap="lg">
      <section aria-labelledby="letter-links">
        <Title order={2} size="h3" id="letter-links">
          {t('outbox.links')}
        </Title>
        {links.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('outbox.noLinks')}
          </Text>
        ) : (
          <>
            <Text c="dimmed" size="sm" mb={4}>
              {t('outbox.linksHint')}
            </Text>
            <List spacing={4}>
              {links.map((link) => (
                <List.Item key={link} style={{ overflowWrap: 'anywhere' }}>
                  <Anchor href={link} target="_blank" rel="noopener noreferrer" data-testid="letter-link">
                    {link}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </>
        )}
      </section>
      <section aria-labelledby="letter-view">
        <Title order={2} size="h3" id="letter-view" mb="xs">
          {t('outbox.view')}
        </Title>
        <Tabs defaultValue="html" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="html">{t('outbox.html')}</Tabs.Tab>
            <Tabs.Tab value="text">{t('outbox.text')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="html" pt="sm">
            <iframe
              title={t('outbox.htmlFrame', { subject })}
              sandbox="allow-popups allow-popups-to-escape-sandbox"
              srcDoc={withLinksInNewTab(html)}
              style={{ width: '100%', height: 'min(70vh, 560px)', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8, background: '#fff' }}
            />
          </Tabs.Panel>
          <Tabs.Panel value="text" pt="sm">
            <TextWithLinks text={text} />
          </Tabs.Panel>
        </Tabs>
      </section>
    </Stack>
  );
}
