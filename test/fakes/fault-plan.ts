/**
 * The one way to make a fake misbehave, the same for the Zoom, SMTP and Twilio fakes:
 *
 *   zoom.faults.next(2, { kind: '5xx' }, { match: { method: 'POST' } });   // the next 2 matching requests
 *   zoom.faults.always({ kind: 'drop' }, { probability: 0.1 });            // any request, 1 in 10, until clear()
 *   const held = smtp.faults.next(1, { kind: 'hold' });                    // a send left in flight…
 *   await held.waitForHeld(1); …; held.release();                          // …until released
 *   twilio.faults.clear();
 *
 * What a fault is (a 5xx, a refused RCPT TO, a scripted answer…), what a request is and what `match`
 * can say about it belong to each fake; the fake asks its plan for the fault of each request.
 */
import { EventEmitter } from 'node:events';
import { waitUntil } from './event-wait';

/** Every fault says what it does in `kind` (a discriminated union per fake). */
export interface AnyFault {
  kind: string;
}

export interface FaultOptions<Match> {
  /** only requests that match; default every request */
  match?: Match;
  /** chance (0..1) that a matching request is hit, drawn from the fake's random source; default 1 */
  probability?: number;
}

export interface InjectedFault<Fault extends AnyFault> {
  readonly fault: Readonly<Fault>;
  /** how many requests it has hit so far */
  readonly fired: number;
  /** for a fault that holds requests: resolves once it holds n of them (event-driven); rejects after timeoutMs (default 5 s) */
  waitForHeld(n: number, timeoutMs?: number): Promise<void>;
  /** for a fault that holds requests: lets those held go on (and any it hits later) */
  release(): void;
}

export interface Faults<Fault extends AnyFault, Match = never> {
  /** hits the next `count` requests that match (and pass the probability draw) */
  next(count: number, fault: Fault, options?: FaultOptions<Match>): InjectedFault<Fault>;
  /** hits every request that matches (and passes the probability draw) until clear() */
  always(fault: Fault, options?: FaultOptions<Match>): InjectedFault<Fault>;
  /** forgets every fault; requests already held stay held until their fault is released */
  clear(): void;
}

/** A fault as the fake applies it to one request. */
export interface FaultHit<Fault extends AnyFault> {
  readonly fault: Fault;
  /** counts the request as held and resolves when the fault is released */
  hold(): Promise<void>;
}

/**
 * A fake's faults, in the order they were injected: a request gets the first that matches it, has
 * hits left and passes its probability draw (drawn only then, so a seeded random source repeats).
 */
export class FaultPlan<Fault extends AnyFault, Request, Match = never> implements Faults<Fault, Match> {
  private rules: InjectedRule<Fault, Match>[] = [];

  constructor(
    /** whether `fault`, injected with `match`, applies to `request` */
    private readonly applies: (fault: Fault, match: Match | undefined, request: Request) => boolean,
    private readonly random: () => number = Math.random,
  ) {}

  next(count: number, fault: Fault, options: FaultOptions<Match> = {}): InjectedFault<Fault> {
    return this.add(count, fault, options);
  }

  always(fault: Fault, options: FaultOptions<Match> = {}): InjectedFault<Fault> {
    return this.add(Number.POSITIVE_INFINITY, fault, options);
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault that hits `request`, counted as fired; undefined when none does. */
  take(request: Request): FaultHit<Fault> | undefined {
    for (const rule of this.rules) {
      if (!this.applies(rule.fault, rule.options.match, request)) continue;
      if (rule.remaining <= 0) continue;
      if (rule.options.probability !== undefined && this.random() >= rule.options.probability) continue;
      rule.remaining -= 1;
      rule.fired += 1;
      return rule;
    }
    return undefined;
  }

  private add(count: number, fault: Fault, options: FaultOptions<Match>): InjectedFault<Fault> {
    const rule = new InjectedRule({ ...fault }, { ...options }, count);
    this.rules.push(rule);
    return rule;
  }
}

class InjectedRule<Fault extends AnyFault, Match> implements InjectedFault<Fault>, FaultHit<Fault> {
  fired = 0;
  private held = 0;
  private released = false;
  private readonly waiting: (() => void)[] = [];
  private readonly events = new EventEmitter();

  constructor(
    readonly fault: Fault,
    readonly options: FaultOptions<Match>,
    public remaining: number,
  ) {}

  hold(): Promise<void> {
    this.held += 1;
    this.events.emit('held');
    if (this.released) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async waitForHeld(n: number, timeoutMs = 5_000): Promise<void> {
    await waitUntil(
      this.events,
      'held',
      () => (this.held >= n ? true : undefined),
      timeoutMs,
      () => `expected ${n} held request(s) within ${timeoutMs} ms, got ${this.held}`,
    );
  }

  release(): void {
    this.released = true;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
