/** The `operator` namespace, added when the screens that use it load (src/i18n/i18n.ts). */
import { addNamespace } from '../i18n.ts';
import en from '../locales/en/operator.json';
import id from '../locales/id/operator.json';

addNamespace('operator', { id, en });
