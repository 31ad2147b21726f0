package io.eddy.runtime.tasks;

import io.eddy.api.operators.Output;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.metrics.Counter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Creates the outputs that call a chained operator, one class of them per class of operator called.
 *
 * <p>Why: the JIT keeps one type profile per call site, and a call site is a place in a class's
 * bytecode, shared by all its instances. With one {@link ChainingOutput} class for every chained
 * edge of every chain, its call to {@code processElement} sees the map, the filter, the sink and
 * every other operator, is compiled as a megamorphic (dispatched, never inlined) call, and a chain
 * compiles into separate pieces: each record is then a real object at every hop, since escape
 * analysis sees no further than a call it cannot inline. A copy of the output class per operator
 * class (a hidden class defined from the same bytecode, so one source and one behaviour) has call
 * sites that only ever see that operator, which the JIT inlines: the chain compiles as one loop.
 *
 * <p>Invariants: a copy behaves exactly as its template, {@link ChainingOutput} or
 * {@link CopyingChainingOutput}; copies are made once per (template, operator class) and live as
 * long as the operator class (a {@link ClassValue} of it holds them). Thread-safe.
 */
final class ChainingOutputs {
    private static final MethodType CHAINING = MethodType.methodType(void.class, StreamOperator.class, Counter.class);
    private static final MethodType COPYING = CHAINING.appendParameterTypes(TypeSerializer.class);

    private static final ClassValue<MethodHandle> CHAINING_COPIES = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> operatorClass) {
            return copyOf(ChainingOutput.class, CHAINING);
        }
    };
    private static final ClassValue<MethodHandle> COPYING_COPIES = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> operatorClass) {
            return copyOf(CopyingChainingOutput.class, COPYING);
        }
    };

    private ChainingOutputs() {}

    /** An output handing records to {@code next} itself: a {@link ChainingOutput} of its own class. */
    @SuppressWarnings("unchecked")
    static <T> Output<T> chaining(StreamOperator<?> next, Counter records) {
        try {
            return (Output<T>) CHAINING_COPIES.get(next.getClass()).invoke(next, records);
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot create the output to " + next.getClass().getName(), e);
        }
    }

    /** An output handing {@code next} copies of the records: a {@link CopyingChainingOutput} of its own class. */
    @SuppressWarnings("unchecked")
    static <T> Output<T> copying(StreamOperator<?> next, Counter records, TypeSerializer<T> serializer) {
        try {
            return (Output<T>) COPYING_COPIES.get(next.getClass()).invoke(next, records, serializer);
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot create the copying output to " + next.getClass().getName(), e);
        }
    }

    /** Defines a hidden class from {@code template}'s bytecode and returns its constructor, returning an {@link Output}. */
    private static MethodHandle copyOf(Class<?> template, MethodType constructor) {
        try (InputStream in = template.getResourceAsStream(template.getSimpleName() + ".class")) {
            if (in == null) {
                throw new IllegalStateException("The class file of " + template.getName() + " is not on the class path");
            }
            MethodHandles.Lookup copy = MethodHandles.lookup().defineHiddenClass(in.readAllBytes(), true);
            return copy.findConstructor(copy.lookupClass(), constructor).asType(constructor.changeReturnType(Output.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the class file of " + template.getName(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot copy " + template.getName(), e);
        }
    }
}
