/** Everything the server decides with time, ids or randomness goes through these, so tests can pin them. */
export interface Runtime {
	clock: () => Date;
	newId: () => string;
}
