/** Every workflow type of the engine, re-exported for the worker's bundle. */
export {};
