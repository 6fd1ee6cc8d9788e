/** The application's "now". Deciders never read it; the API stamps commands with it. Tests replace it. */
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
