/** The `citizen` namespace, added when the screens that use it load (src/i18n/i18n.ts). */
import { addNamespace } from '../i18n.ts';
import en from '../locales/en/citizen.json';
import id from '../locales/id/citizen.json';

addNamespace('citizen', { id, en });
