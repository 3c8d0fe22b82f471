// Child process of lambda-artefact.spec.ts: a fresh Node process, as a Lambda container, imports the
// built bundle and hands it API Gateway events one after the other.
// argv: <bundle path> <JSON array of events>. Prints the results as JSON on a line of their own
// starting `results ` (the app's log lines share stdout).
const [bundle, events] = process.argv.slice(2);
const { handler } = await import(bundle);
const context = { awsRequestId: 'artefact-test', getRemainingTimeInMillis: () => 15_000 };
const results = [];
for (const event of JSON.parse(events)) results.push(await handler(event, context));
// Exit only once the results are written: stdout to a pipe is asynchronous, and process.exit would
// cut them short. Exit at all because the app's clients keep the event loop alive.
process.stdout.write(`\nresults ${JSON.stringify(results)}\n`, () => process.exit(0));
