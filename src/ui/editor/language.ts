/**
 * The scenario language (`mqtts`) for Monaco: bracket/comment configuration and a Monarch
 * tokenizer, as pure data (monaco-editor's `src/languages/definitions/ini/` pattern). Nothing
 * here imports Monaco at run time, so the app shell can import the tables without pulling the
 * editor in, and tests/ui/mqtts-language.test.ts can check the tokenization table.
 *
 * Theory of operation
 * -------------------
 * The tokenizer reads a line word by word, as the parser's lexer does (src/scenario/lexer.ts).
 * A word regex always consumes a whole word, so a `#` seen at the start of a match starts a
 * word: that is a comment (`plant/#` is one word and never a comment). The exception, a lone
 * `#` in a topic position, is handled by the `topic` state, entered after a topic option
 * (`-t`, `--topic`, `-U`, `--unsubscribe`, `--will-topic`) and after the topic-taking forms of
 * `expect`. Lines are read with their newline (`includeLF`), and every state other than `root`
 * ends at it (`@popall`), so a line never colours the next one (Monarch tries no rule at the
 * end of a line without it).
 *
 * Token classes (the themes in monaco.ts colour them): `comment`, `keyword` (line words and
 * expectation forms), `keyword.verb` (client commands), `attribute.name` (options and
 * `key=` of settings), `constant` (the value of a setting), `number` (numbers and durations),
 * `type` (packet types of faults),
 * `string` (quoted text), `string.escape`, `string.invalid` (unterminated), `string.topic`
 * (topic names and filters), `identifier` (client names and other words), `delimiter` (`=`).
 */
import type * as Monaco from 'monaco-editor';
import { CLIENT_EXPECTATIONS, LINE_KEYWORDS, PACKET_WORDS, VERBS } from '../../scenario/options.ts';

/** The language id registered with Monaco. */
export const LANGUAGE_ID = 'mqtts';

/** Brackets, quotes and comments: what Ctrl+/ and auto-closing use. */
export const conf: Monaco.languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [],
  autoClosingPairs: [
    { open: '"', close: '"', notIn: ['string'] },
    { open: "'", close: "'", notIn: ['string'] },
  ],
  surroundingPairs: [
    { open: '"', close: '"' },
    { open: "'", close: "'" },
  ],
  // A word is what the parser splits on spaces; `-` and `/` belong to words (`--will-topic`,
  // `plant/s17/status`), so double-click and completion replace whole words.
  wordPattern: /(-?\d+(?:\.\d+)?(?:ms|s|min|h)?)|([^\s'"=]+)/g,
};

/** Words that start a line or join its parts. */
const KEYWORDS = [...LINE_KEYWORDS, 'next', 'to', 'from', 'on', 'by', 'restart'];
/** Words of expectations. */
const EXPECT_WORDS = [...CLIENT_EXPECTATIONS, 'sent-will', 'no-will', 'disconnects', 'session', 'exists', 'absent', 'retained', 'no-retained', 'topics', 'clean', 'not-retained', 'qos', 'dup', 'not-dup', 'times', 'exactly', 'at-least', 'at-most', 'after', 'by', 'before', 'property', 'session-present'];

/** The Monarch tokenizer. */
export const language: Monaco.languages.IMonarchLanguage & Record<string, unknown> = {
  defaultToken: 'identifier',
  ignoreCase: false,
  includeLF: true,
  tokenPostfix: '.mqtts',
  keywords: KEYWORDS,
  verbs: Object.keys(VERBS),
  expectWords: EXPECT_WORDS,
  packetWords: PACKET_WORDS,
  topicOptions: ['-t', '--topic', '-U', '--unsubscribe', '--will-topic'],
  escapes: /\\(?:[\\"'ntr0]|x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4})/,

  tokenizer: {
    root: [
      { include: '@whitespace' },
      [/#\s*locked\b.*/, 'comment.locked'],
      [/#.*/, 'comment'],
      [/expect(?=\s|$)/, { token: 'keyword', next: '@expect' }],
      { include: '@word' },
    ],

    // After `expect`: the subject decides whether a topic follows.
    expect: [
      [/\n/, { token: 'white', next: '@popall' }],
      { include: '@whitespace' },
      [/#\s*locked\b.*/, { token: 'comment.locked', next: '@popall' }],
      [/#.*/, { token: 'comment', next: '@popall' }],
      [/(receives|never-receives|retained|no-retained)(?=\s|$)/, { token: 'keyword', switchTo: '@expectTopic' }],
      [/(broker|session)(?=\s|$)/, { token: 'keyword', switchTo: '@line' }],
      [/[A-Za-z][\w-]*(?=\s|$)/, { cases: { '@expectWords': 'keyword', '@default': 'identifier' } }],
      { include: '@word' },
    ],
    // The topic of an expectation, then the rest of the line.
    expectTopic: [
      [/\n/, { token: 'white', next: '@popall' }],
      { include: '@whitespace' },
      [/#(?=\s|$)/, { token: 'string.topic', switchTo: '@line' }],
      [/#\s*locked\b.*/, { token: 'comment.locked', next: '@popall' }],
      [/#.*/, { token: 'comment', next: '@popall' }],
      [/"/, { token: 'string.quote', switchTo: '@stringDq' }],
      [/'/, { token: 'string.quote', switchTo: '@stringSq' }],
      [/[^\s'"]\S*/, { token: 'string.topic', switchTo: '@line' }],
    ],
    // The rest of a line whose start was read by another state.
    line: [
      [/\n/, { token: 'white', next: '@popall' }],
      { include: '@whitespace' },
      [/#\s*locked\b.*/, { token: 'comment.locked', next: '@popall' }],
      [/#.*/, { token: 'comment', next: '@popall' }],
      { include: '@word' },
    ],
    // After a topic option: one topic word (a lone `#` is the wildcard, not a comment).
    topic: [
      [/\n/, { token: 'white', next: '@popall' }],
      [/[ \t]+/, 'white'],
      [/#(?=\s|$)/, { token: 'string.topic', next: '@pop' }],
      [/"/, { token: 'string.quote', switchTo: '@stringDq' }],
      [/'/, { token: 'string.quote', switchTo: '@stringSq' }],
      [/[^\s'"]\S*/, { token: 'string.topic', next: '@pop' }],
    ],

    word: [
      // Quoted strings (payloads, topics with spaces).
      [/"/, { token: 'string.quote', next: '@stringDq' }],
      [/'/, { token: 'string.quote', next: '@stringSq' }],
      // Options: `-t`, `--will-topic`; a topic option is followed by a topic.
      [
        /--?[A-Za-z][\w-]*(?=\s|$)/,
        { cases: { '@topicOptions': { token: 'attribute.name', next: '@topic' }, '@default': 'attribute.name' } },
      ],
      // `key=value` settings of broker, client and link lines.
      [/([A-Za-z][\w-]*)(=)([^\s'"]+)/, ['attribute.name', 'delimiter', 'constant']],
      // Durations and numbers (`500ms`, `1.5s`, `10%`, `0x87`, `-1`).
      [/-?\d+(?:\.\d+)?(?:ms|s|min|h)(?=\s|$)/, 'number'],
      [/0x[0-9a-fA-F]+(?=\s|$)/, 'number'],
      [/-?\d+(?:\.\d+)?%?(?=\s|$)/, 'number'],
      // Topics: anything with a slash, or starting with `$` (`$SYS/#`).
      [/(?=[^\s'"])(?=\S*\/)\S+|\$\S+/, 'string.topic'],
      // Words.
      [
        /[A-Za-z][\w-]*(?=\s|$)/,
        {
          cases: {
            '@keywords': 'keyword',
            '@verbs': 'keyword.verb',
            '@packetWords': 'type',
            '@expectWords': 'keyword',
            '@default': 'identifier',
          },
        },
      ],
      // Any other word (a quote inside a word is an ordinary character: `don't`).
      [/[^\s'"]\S*/, 'identifier'],
    ],

    // Quoted strings, one state per quote; at the end of the line an open string is
    // unterminated (the parser reports it) and the state ends.
    stringDq: [
      [/[^\\"\n]+/, 'string'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/"/, { token: 'string.quote', next: '@pop' }],
      [/\n/, { token: 'white', next: '@popall' }],
    ],
    stringSq: [
      [/[^\\'\n]+/, 'string'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/'/, { token: 'string.quote', next: '@pop' }],
      [/\n/, { token: 'white', next: '@popall' }],
    ],

    whitespace: [[/[ \t\r\n]+/, 'white']],
  },
};
