/**
 * localStorage keys for the remembered preferences. index.html has a tiny inline script that
 * reads the same keys before the first paint (no theme flash); tests/ui/preferences.test.ts
 * checks that index.html still uses these names.
 */
export const THEME_KEY = 'mqttlab.theme';
export const LOCALE_KEY = 'mqttlab.locale';
export const PROJECTOR_KEY = 'mqttlab.projector';
