import type { EnglishOf } from '../../../shared/i18n/english-of';
import type { ru } from './i18n';

export const en: EnglishOf<typeof ru> = {
  eventFeedback: {
    title: 'Feedback on the event',
    intro: 'A short survey: a rating from 1 to 5 and a comment. The organisers see the answers without names.',
    notYet: 'The survey opens once the event has ended.',
    rating: 'Rating',
    ratingHint: '1: not useful, 5: very useful',
    ratingRequired: 'Give a rating',
    comment: 'Comment',
    commentHint: 'What was useful, what was missing',
    send: 'Send feedback',
    sent: 'Thank you for your feedback!',
    forChild: 'For {{name}}',
    answered: 'Your rating: {{rating}} of 5',
    results: 'Survey results',
    noAnswers: 'No answers yet.',
    answers_one: '{{count}} answer, average rating {{average}}',
    answers_other: '{{count}} answers, average rating {{average}}',
    ratingRow: 'Rating {{rating}}: {{count}}',
    comments: 'Comments',
  },
};
