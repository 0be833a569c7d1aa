import type { EnglishOf } from '../../../shared/i18n/english-of';
import type { ru } from './i18n';

export const en: EnglishOf<typeof ru> = {
  eventMaterials: {
    title: 'Materials',
    intro: "Presentations, teaching materials, links and recordings: the event's resource package.",
    empty: 'No materials yet.',
    closed_one: '{{count}} material, open to the participants, the organisers and the network members.',
    closed_other: '{{count}} materials, open to the participants, the organisers and the network members.',
    kinds: { file: 'File', link: 'Link', recording: 'Recording' },
    addFile: 'Upload a file',
    addLink: 'Add a link',
    file: 'File',
    fileHint: 'PDF, DOCX, PPTX, XLSX, ODT, images, TXT, MP3/MP4, up to 20 MB. Add large recordings as links.',
    fileTitle: 'Title',
    fileTitleHint: "The file's name when left empty",
    linkKind: 'What it is',
    linkTitle: 'Title',
    url: 'Address',
    urlHint: 'Starts with https://',
    upload: 'Upload',
    add: 'Add',
    added: 'Material added',
    remove: 'Remove “{{title}}”',
    removeTitle: 'Remove the material?',
    removeConfirm: 'Remove',
    removeText: '“{{title}}” will disappear for every participant.',
    removed: 'Material removed',
    download: 'download',
    required: 'Fill in the field',
    chooseFile: 'Choose a file',
  },
};
