/** English and German texts for the world's own trace notes (`sim.*` keys). */
export const simMessages: Record<string, { en: string; de: string }> = {
  'sim.tcp-open': { en: 'TCP connection {conn} established', de: 'TCP-Verbindung {conn} aufgebaut' },
  'sim.tcp-closed': { en: 'TCP connection {conn} closed by the other side', de: 'TCP-Verbindung {conn} von der Gegenseite geschlossen' },
  'sim.tcp-reset': { en: 'TCP connection {conn} reset: the other side is gone', de: 'TCP-Verbindung {conn} zurückgesetzt: die Gegenseite ist weg' },
  'sim.tcp-refused': { en: 'TCP connection {conn} could not be established: no route (cable cut)', de: 'TCP-Verbindung {conn} kam nicht zustande: keine Verbindung (Kabel getrennt)' },
  'sim.drop.cable-cut': { en: 'lost: the cable is cut', de: 'verloren: das Kabel ist getrennt' },
  'sim.drop.closed': { en: 'lost: the connection was already closed', de: 'verloren: die Verbindung war schon geschlossen' },
  'sim.drop.not-connected': { en: 'not sent: there is no open connection', de: 'nicht gesendet: es gibt keine offene Verbindung' },
  'sim.drop.rule': { en: 'lost on purpose: a fault rule drops this {packet}', de: 'absichtlich verloren: eine Fehlerregel verwirft dieses {packet}' },
  'sim.drop.loss': { en: 'lost on a lossy link (loss ratio {lossRatio})', de: 'auf einer verlustbehafteten Strecke verloren (Verlustrate {lossRatio})' },
  'sim.actor-error': { en: 'internal error in the actor while handling {event}: {error}', de: 'interner Fehler im Akteur bei {event}: {error}' },
  'sim.unknown-actor': { en: 'there is no actor named {actor}', de: 'es gibt keinen Akteur namens {actor}' },
};
