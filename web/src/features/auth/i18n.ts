import type { EnglishOf } from '../../shared/i18n/english-of';
// Strings of single sign-on (the «Войти через …» button and what the sign-in page says when SSO refuses),
// merged into the app's resources by shared/i18n/index.ts. Same keys in both languages.
export const ru = {
  sso: {
    signIn: 'Войти через {{name}}',
    or: 'или',
    refusedTitle: 'Вход через единый вход не выполнен',
    refused: {
      state: 'Не удалось подтвердить вход: попытка устарела (прошло больше 10 минут) или начата в другом браузере. Начните вход заново.',
      denied: 'Вход отменён у поставщика входа. Можно попробовать снова или войти по почте и паролю.',
      unverified:
        'Поставщик входа не подтвердил ваш адрес электронной почты, поэтому мы не можем найти вашу учётную запись. Подтвердите почту в профиле у поставщика входа или войдите по почте и паролю.',
      'no-account':
        'С адресом, который сообщил поставщик входа, в «Орбите» нет учётной записи. Попросите руководителя своей организации или муниципальный орган управления образованием прислать вам приглашение — по ссылке из письма можно будет войти и через единый вход.',
      disabled: 'Ваша учётная запись отключена. Если это ошибка, обратитесь к оператору платформы.',
      invitation: 'Приглашение больше не действует: его уже приняли, отозвали или истёк его срок. Попросите пригласившего отправить приглашение ещё раз.',
      'sign-in-first':
        'С адресом из приглашения уже есть учётная запись. Войдите в неё по почте и паролю, затем снова откройте ссылку из письма — новая роль добавится к этой учётной записи.',
      'other-account':
        'Ваш единый вход уже привязан к другой учётной записи «Орбиты», а приглашение отправлено на другой адрес. Войдите через единый вход без приглашения или попросите отправить приглашение на адрес вашей учётной записи.',
      unavailable: 'Единый вход сейчас недоступен: поставщик входа не отвечает. Попробуйте позже или войдите по почте и паролю.',
    },
  },
};

export const en: EnglishOf<typeof ru> = {
  sso: {
    signIn: 'Sign in with {{name}}',
    or: 'or',
    refusedTitle: 'Single sign-on did not sign you in',
    refused: {
      state: 'The sign-in could not be confirmed: it took longer than 10 minutes or was started in another browser. Please start again.',
      denied: 'The sign-in was cancelled at the identity provider. You can try again or sign in with your e-mail and password.',
      unverified:
        'The identity provider has not verified your e-mail address, so we cannot find your account. Verify the address in your profile at the identity provider, or sign in with your e-mail and password.',
      'no-account':
        'Orbita has no account with the address the identity provider gave. Ask the head of your organisation or your municipal education authority to send you an invitation — its link lets you sign in with single sign-on too.',
      disabled: 'Your account has been deactivated. If this is a mistake, contact the platform operator.',
      invitation: 'The invitation is no longer valid: it has been accepted, revoked or has expired. Ask the person who invited you to send it again.',
      'sign-in-first':
        'An account with the invitation’s address already exists. Sign in to it with your e-mail and password, then open the link from the letter again — the new role will be added to that account.',
      'other-account':
        'Your single sign-on is already linked to another Orbita account, and the invitation was sent to a different address. Sign in with single sign-on without the invitation, or ask for the invitation to be sent to your account’s address.',
      unavailable: 'Single sign-on is unavailable right now: the identity provider does not answer. Try again later or sign in with your e-mail and password.',
    },
  },
};
