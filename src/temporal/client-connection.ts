/**
 * The engine's Temporal client connection, closable without a crash. The SDK retries a failed call
 * from a timer; a retry that fires after the connection closed would throw "Channel has been shut
 * down" outside any caller and kill the process (seen when an activity's query was being retried
 * while the worker stopped). Behind the SDK's retry interceptor sits a gate: once the connection is
 * closing, a retry ends at once with CANCELLED instead of reaching the channel.
 */
import { InterceptingCall, Metadata, status, type Interceptor } from '@grpc/grpc-js';
import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

export interface ClientConnection {
  connection: Connection;
  /** Closes the connection; calls still retrying end with CANCELLED. */
  close(): Promise<void>;
}

export async function connectClient(address: string): Promise<ClientConnection> {
  let closing = false;
  // The retry interceptor starts each retry with the options of the first attempt: seen options
  // mean a retry. A first attempt after close fails in its caller (the channel refuses it there).
  const attempted = new WeakSet<object>();
  const gate: Interceptor = (options, nextCall) => {
    const retry = attempted.has(options);
    attempted.add(options);
    return closing && retry ? cancelledCall() : new InterceptingCall(nextCall(options));
  };
  const connection = await Connection.connect({
    address,
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions()), gate],
  });
  return {
    connection,
    async close() {
      closing = true;
      await connection.close();
    },
  };
}

/** A call that never reaches the channel: it ends with CANCELLED as soon as it starts. */
function cancelledCall(): InterceptingCall {
  const ended: ConstructorParameters<typeof InterceptingCall>[0] = {
    start(_metadata, listener) {
      process.nextTick(() =>
        listener?.onReceiveStatus?.({
          code: status.CANCELLED,
          details: 'the engine is stopping',
          metadata: new Metadata(),
        }),
      );
    },
    cancelWithStatus: () => undefined,
    getPeer: () => 'closed',
    sendMessageWithContext: (context) => context.callback?.(),
    sendMessage: () => undefined,
    startRead: () => undefined,
    halfClose: () => undefined,
    getAuthContext: () => null,
  };
  return new InterceptingCall(ended);
}
