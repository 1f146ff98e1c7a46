/**
 * The parts of the scenario language the document needs at run time (parse, compile, build a
 * world, check expectations). ScenarioDocument loads this module with `import()`, so the
 * language, like the rest of the simulation kernel, stays out of the app shell's first bundle
 * (it shares its chunk with the kernel that main.ts loads after the first render).
 */
export { buildWorld, checkExpectations, commandStatement, compileScenario, insertTimedLine, parseScenario } from '../../scenario/index.ts';
