/** The `auditor` namespace, added when the screens that use it load (src/i18n/i18n.ts). */
import { addNamespace } from '../i18n.ts';
import en from '../locales/en/auditor.json';
import id from '../locales/id/auditor.json';

addNamespace('auditor', { id, en });
