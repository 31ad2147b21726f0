package io.eddy.runtime.rpc;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The handlers of one endpoint, by message class. */
final class Dispatcher {
    private final Map<Class<?>, RpcHandler<?>> handlers = new ConcurrentHashMap<>();

    <M> void register(Class<M> type, RpcHandler<? super M> handler) {
        if (handlers.putIfAbsent(type, handler) != null) {
            throw new IllegalStateException("a handler for " + type.getName() + " is already registered");
        }
    }

    /**
     * The handler registered for {@code type}, else for its nearest superclass or interface (so one
     * handler can take all implementations of a message interface), or null.
     */
    @SuppressWarnings("unchecked")
    RpcHandler<Object> find(Class<?> type) {
        Deque<Class<?>> candidates = new ArrayDeque<>();
        candidates.add(type);
        while (!candidates.isEmpty()) {
            Class<?> c = candidates.poll();
            RpcHandler<?> handler = handlers.get(c);
            if (handler != null) {
                return (RpcHandler<Object>) handler;
            }
            if (c.getSuperclass() != null) {
                candidates.add(c.getSuperclass());
            }
            candidates.addAll(List.of(c.getInterfaces()));
        }
        return null;
    }
}
