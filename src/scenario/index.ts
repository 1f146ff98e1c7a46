/**
 * The scenario language: parse scenario text (never throws; diagnostics with positions, texts
 * in English and German, quick fixes), compile it to world commands, run it headless and check
 * its expectations. See docs/scenario-language.md for the grammar.
 */
export { parseScenario, emptyScenario, type ParseResult } from './parser.ts';
export { compileScenario, brokerConfig, settleMs, type CompiledScenario, type CompiledExpectation, type CompileOptions } from './compile.ts';
export { checkExpectations, checkExpectation } from './expectations.ts';
export type { ExpectationResult } from './expect-result.ts';
export { runScenario, buildWorld, type RunOptions, type RunResult } from './run.ts';
export { traceLines, resultLines, summaryLine, verdictWord, DEFAULT_TRACE_KINDS } from './report.ts';
export { defaultActors, type ActorFactories } from './actors.ts';
export { lexLine, type Token } from './lexer.ts';
export { MESSAGES, closest, editDistance, type Diagnostic, type Fix, type Range, type Severity } from './diagnostics.ts';
export { CLIENT_OPTIONS, OPTION_BY_NAME, VERBS, PROPERTIES, BROKER_SETTINGS, LINK_SETTINGS, PACKET_WORDS, LINE_KEYWORDS, type OptionSpec, type SettingSpec, type Texts } from './options.ts';
export { parseDuration } from './parse-context.ts';
export type { Scenario, Step, Action, Expectation, BrokerDecl, ClientDecl, ConnectOptions } from './ast.ts';
export { commandStatement, insertTimedLine, quoteWord, formatAt, formatDuration } from './unparse.ts';
