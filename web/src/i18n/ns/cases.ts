/** The `cases` namespace, added when the screens that use it load (src/i18n/i18n.ts). */
import { addNamespace } from '../i18n.ts';
import en from '../locales/en/cases.json';
import id from '../locales/id/cases.json';

addNamespace('cases', { id, en });
