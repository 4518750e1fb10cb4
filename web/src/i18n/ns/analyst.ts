/** The `analyst` namespace, added when the screens that use it load (src/i18n/i18n.ts). */
import { addNamespace } from '../i18n.ts';
import en from '../locales/en/analyst.json';
import id from '../locales/id/analyst.json';

addNamespace('analyst', { id, en });
