/** English and German texts for the world's own trace notes (`sim.*` keys). */
export const simMessages: Record<string, { en: string; de: string }> = {
  'sim.tcp-open': { en: 'TCP connection {conn} established', de: 'TCP-Verbindung {conn} aufgebaut' },
  'sim.tcp-closed': { en: 'TCP connection {conn} closed by the other side', de: 'TCP-Verbindung {conn} von der Gegenseite geschlossen' },
  'sim.tcp-reset': { en: 'TCP connection {conn} reset: the other side is gone', de: 'TCP-Verbindung {conn} zurückgesetzt: Die Gegenseite ist weg' },
  'sim.tcp-refused': { en: 'TCP connection {conn} could not be established: no route (cable cut)', de: 'TCP-Verbindung {conn} kam nicht zustande: keine Verbindung (Kabel getrennt)' },
  'sim.drop.cable-cut': { en: 'Lost: the cable is cut', de: 'Verloren: Das Kabel ist getrennt' },
  'sim.drop.broken': { en: 'Lost: this connection is broken (a fault rule broke it); neither side knows yet', de: 'Verloren: Diese Verbindung ist kaputt (eine Fehlerregel hat sie unterbrochen); keine Seite weiß es bisher' },
  'sim.drop.sender-closed': { en: 'Lost: the sender closed this connection while TCP was still trying to deliver it', de: 'Verloren: Der Sender hat diese Verbindung geschlossen, während TCP noch versuchte, es zuzustellen' },
  'sim.drop.tcp-gave-up': { en: 'Lost: TCP gave up after {retries} re-sends', de: 'Verloren: TCP hat nach {retries} Wiederholungen aufgegeben' },
  'sim.tcp-held': { en: 'The cable is cut: TCP keeps {packet} and tries again in {delayMs} ms (then less and less often) until the cable is back', de: 'Das Kabel ist getrennt: TCP behält {packet} und versucht es in {delayMs} ms wieder (danach immer seltener), bis das Kabel wieder steckt' },
  'sim.tcp-retransmit': { en: 'A segment with {packet} was lost on the lossy link; TCP sends it again in {delayMs} ms, and later segments wait behind it: MQTT never sees the loss, only the delay', de: 'Ein Segment mit {packet} ging auf der verlustbehafteten Strecke verloren; TCP sendet es in {delayMs} ms erneut, spätere Segmente warten dahinter: MQTT merkt nichts vom Verlust, nur die Verzögerung' },
  // loop helper: a re-sent segment lost again ({losses}: how often this segment has been lost so far, 2 or more)
  'sim.tcp-retransmit-again': { en: 'The re-sent segment with {packet} was lost again ({losses} losses so far); TCP waits longer each time and sends it again in {delayMs} ms', de: 'Das erneut gesendete Segment mit {packet} ging wieder verloren ({losses} Verluste bisher); TCP wartet jedes Mal länger und sendet es in {delayMs} ms erneut' },
  'sim.tcp-late': { en: 'Arrived late: TCP had to send it {retries} more time(s)', de: 'Verspätet angekommen: TCP musste es {retries}-mal erneut senden' },
  'sim.duplicate': { en: 'A fault rule sends this {packet} twice. TCP itself never duplicates: in real networks duplicates come from MQTT re-sending after a reconnect', de: 'Eine Fehlerregel sendet dieses {packet} doppelt. TCP selbst verdoppelt nie: In echten Netzen entstehen Duplikate, wenn MQTT nach einem Wiederverbinden erneut sendet' },
  'sim.drop.closed': { en: 'Lost: the connection was already closed', de: 'Verloren: Die Verbindung war schon geschlossen' },
  'sim.drop.not-connected': { en: 'Not sent: there is no open connection', de: 'Nicht gesendet: Es gibt keine offene Verbindung' },
  'sim.drop.rule': { en: 'Lost on purpose: a fault rule drops this {packet}. Over TCP a packet is only lost together with its connection, so this connection is now dead; neither side knows until keep-alive tells them', de: 'Absichtlich verloren: Eine Fehlerregel verwirft dieses {packet}. Über TCP geht ein Paket nur zusammen mit seiner Verbindung verloren, darum ist diese Verbindung jetzt tot; keine Seite weiß es, bis Keep Alive es zeigt' },
  'sim.actor-error': { en: 'Internal error in the actor while handling {event}: {error}', de: 'Interner Fehler im Akteur bei {event}: {error}' },
  'sim.raw-partial': { en: 'The broker holds {bytes} bytes of an unfinished packet and waits for the rest (TCP is a byte stream: a packet may come in several segments)', de: 'Der Broker hält {bytes} Bytes eines unvollständigen Pakets und wartet auf den Rest (TCP ist ein Bytestrom: Ein Paket kann in mehreren Segmenten kommen)' },
  'raw.against': { en: 'Sent on purpose, against {ref}: {what}', de: 'Absichtlich gesendet, gegen {ref}: {whatDe}' },
  'raw.on-purpose': { en: 'Sent on purpose as raw bytes, past the client\'s own checks (no rule broken)', de: 'Absichtlich als rohe Bytes gesendet, an den Prüfungen des Clients vorbei (keine Regel verletzt)' },
  'sim.unknown-actor': { en: 'There is no actor named {actor}', de: 'Es gibt keinen Akteur namens {actor}' },
  // The broker's net.closed-without-disconnect names how the connection ended (its `reason`): a word of each language (explain-text.ts).
  'net.close-reason.peer-closed': { en: 'peer-closed', de: 'von der Gegenseite geschlossen' },
  'net.close-reason.reset': { en: 'reset', de: 'zurückgesetzt' },
};
