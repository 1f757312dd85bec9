package dev.purser.mcp.transport;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Makes a session transport send one message at a time.
 *
 * <p>Concurrency: the SDK's stdio transport emits outgoing messages into a sink that allows one
 * emitter at a time and lets the others busy-loop for at most 100 ms. With twenty tool calls
 * answering at once on two cores, the spinning threads starve the one holding the sink, a
 * response is dropped ("Failed to enqueue message") and the session stops answering. Here each
 * send subscribes to the delegate's send under one lock; once the session is ready that
 * subscription emits synchronously, so emissions never overlap and none is dropped.
 */
public final class SerializedSendTransportProvider implements McpServerTransportProvider {

    private final McpServerTransportProvider delegate;

    public SerializedSendTransportProvider(McpServerTransportProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory sessionFactory) {
        delegate.setSessionFactory(transport -> sessionFactory.create(new Serialized(transport)));
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return delegate.notifyClients(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return delegate.notifyClient(sessionId, method, params);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }

    private static final class Serialized implements McpServerTransport {
        private final McpServerTransport transport;
        private final Object lock = new Object();

        Serialized(McpServerTransport transport) {
            this.transport = transport;
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.create(sink -> {
                synchronized (lock) {
                    transport.sendMessage(message).subscribe(ignored -> {
                    }, sink::error, sink::success);
                }
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return transport.unmarshalFrom(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return transport.closeGracefully();
        }

        @Override
        public void close() {
            transport.close();
        }

        @Override
        public List<String> protocolVersions() {
            return transport.protocolVersions();
        }
    }
}
