package io.eddy.runtime.operators.windowing;

import io.eddy.api.functions.OutputTag;
import io.eddy.api.operators.InternalTimer;
import io.eddy.api.operators.InternalTimerService;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.Triggerable;
import io.eddy.api.state.AggregatingState;
import io.eddy.api.state.AggregatingStateDescriptor;
import io.eddy.api.state.AppendingState;
import io.eddy.api.state.KeyedStateStore;
import io.eddy.api.state.ListState;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.MapState;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.ReducingState;
import io.eddy.api.state.ReducingStateDescriptor;
import io.eddy.api.state.State;
import io.eddy.api.state.StateDescriptor;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.windowing.assigners.MergingWindowAssigner;
import io.eddy.api.windowing.assigners.WindowAssigner;
import io.eddy.api.windowing.evictors.Evictor;
import io.eddy.api.windowing.evictors.TimestampedValue;
import io.eddy.api.windowing.functions.ProcessWindowFunction;
import io.eddy.api.windowing.triggers.Trigger;
import io.eddy.api.windowing.triggers.TriggerResult;
import io.eddy.api.windowing.windows.Window;
import io.eddy.runtime.operators.RuntimeOperatorContext;
import io.eddy.runtime.operators.TimestampedCollector;
import io.eddy.runtime.operators.UdfOperator;
import io.eddy.runtime.state.InternalKvState;
import io.eddy.runtime.state.InternalMergingState;
import io.eddy.runtime.state.KeyedStateBackend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Groups the elements of each key into windows and evaluates a window when its trigger fires.
 *
 * <p>State: a window's contents live in one appending state whose namespace is the window
 * (a reduction, an accumulator, or the elements, see {@link WindowContents}); triggers keep their
 * own state per window through the same backend. Merging assigners (sessions) also keep, per key,
 * the list of active windows; when a new element's window overlaps some of them, their contents
 * and trigger state move into the covering window ({@code mergeNamespaces}, {@link Trigger#onMerge}).
 *
 * <p>Timers: triggers register theirs on the window; the operator registers one cleanup timer per
 * window at {@code maxTimestamp + allowedLateness} (event time) or {@code maxTimestamp}
 * (processing time) that clears the window's contents and trigger state. Until then late
 * elements are added and fire the window again; after it, an element whose every window is gone
 * is dropped or sent to the late-data side output.
 *
 * <p>Invariant: a window with contents has its cleanup timer (it is registered when the first
 * content arrives and goes only when it fires, with the contents, or when a merge moves the
 * contents to a window that registers its own). So when a trigger registers that very timer for
 * an element, as the default triggers do at the window's end without allowed lateness, the
 * operator does not ask the timer service: most elements then cost no timer lookup. A trigger that
 * deletes a timer at a window's cleanup time while the window keeps its contents breaks the
 * invariant; from then on every registration goes to the timer service.
 */
public final class WindowOperator<K, IN, V, OUT, W extends Window>
        extends UdfOperator<OUT, ProcessWindowFunction<V, OUT, K, W>>
        implements OneInputOperator<IN>, Triggerable<K, W> {
    private static final long serialVersionUID = 1L;

    private final WindowAssigner<? super IN, W> assigner;
    private final Trigger<? super IN, ? super W> trigger;
    private final WindowContents<IN, V> contents;
    /** Null unless elements are evicted; then all elements are kept with their timestamps. */
    private final Evictor<? super IN, ? super W> evictor;
    private final TypeInfo<IN> inputType;
    private final long allowedLateness;
    /** Null when late elements are dropped. */
    private final OutputTag<IN> lateDataTag;

    private transient KeyedStateBackend<K> backend;
    private transient TypeSerializer<W> windowSerializer;
    private transient InternalMergingState<K, W, Object, Object> windowState;
    private transient boolean listContents;
    /** The assigner's time domain, asked once: the cleanup timers' domain. */
    private transient boolean eventTime;
    /** The active windows of each key, for merging assigners; else null. */
    private transient ListState<W> mergingWindows;
    private transient InternalTimerService<W> timers;
    private transient TimestampedCollector<OUT> collector;
    private transient WindowContext windowContext;
    private transient ProcessContext processContext;
    /** False for good once a trigger deleted a timer at a window's cleanup time (see the class comment). */
    private transient boolean cleanupTimersIntact;
    /** True while state moves or is cleared: deleting a cleanup timer then keeps the invariant. */
    private transient boolean movingState;

    public WindowOperator(WindowAssigner<? super IN, W> assigner, Trigger<? super IN, ? super W> trigger,
            WindowContents<IN, V> contents, Evictor<? super IN, ? super W> evictor, TypeInfo<IN> inputType,
            long allowedLateness, OutputTag<IN> lateDataTag, ProcessWindowFunction<V, OUT, K, W> function) {
        super(function);
        this.assigner = assigner;
        this.trigger = trigger;
        this.contents = contents;
        this.evictor = evictor;
        this.inputType = inputType;
        this.allowedLateness = allowedLateness;
        this.lateDataTag = lateDataTag;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void open() throws Exception {
        backend = RuntimeOperatorContext.keyedStateBackend(context);
        if (backend == null) {
            throw new IllegalStateException("Windows are per key: apply keyBy(...) before window(...)");
        }
        windowSerializer = assigner.getWindowType().createSerializer(context.getExecutionConfig().getSerializerConfig());
        StateDescriptor descriptor = evictor == null ? contents.descriptor()
                : new ListStateDescriptor<>(WindowContents.STATE_NAME,
                        Types.<TimestampedValue<IN>>RECORD(TimestampedValue.class, inputType, Types.LONG));
        windowState = backend.getMergingState(descriptor, windowSerializer);
        listContents = evictor != null || contents.keepsElements();
        eventTime = assigner.isEventTime();
        if (assigner instanceof MergingWindowAssigner) {
            mergingWindows = backend.getListState(new ListStateDescriptor<>("merging-windows", assigner.getWindowType()));
        }
        timers = context.getInternalTimerService("window-timers", windowSerializer, this);
        collector = new TimestampedCollector<>(output);
        windowContext = new WindowContext();
        processContext = new ProcessContext();
        cleanupTimersIntact = true;
        super.open();
    }

    @Override
    public void processElement(IN value, long timestamp) throws Exception {
        Collection<W> windows = assigner.assignWindows(value, timestamp, windowContext);
        boolean accepted = mergingWindows == null ? addToWindows(windows, value, timestamp)
                : addToMergingWindows(windows, value, timestamp);
        if (!accepted && lateDataTag != null) {
            output.collect(lateDataTag, value, timestamp);
        }
    }

    /** @return false when every window of the element was late */
    private boolean addToWindows(Collection<W> windows, IN value, long timestamp) throws Exception {
        boolean accepted = false;
        if (windows instanceof List<W> list) {
            // by index: the built-in assigners return lists, and an iterator per element is garbage
            for (int i = 0, n = list.size(); i < n; i++) {
                accepted |= addUnlessLate(list.get(i), value, timestamp);
            }
        } else {
            for (W window : windows) {
                accepted |= addUnlessLate(window, value, timestamp);
            }
        }
        return accepted;
    }

    private boolean addUnlessLate(W window, IN value, long timestamp) throws Exception {
        if (isLate(window)) {
            return false;
        }
        add(window, value, timestamp);
        return true;
    }

    private boolean addToMergingWindows(Collection<W> windows, IN value, long timestamp) throws Exception {
        List<W> active = new ArrayList<>();
        mergingWindows.get().forEach(active::add);
        boolean accepted = false;
        for (W window : windows) {
            W actual = merge(active, window);
            if (isLate(actual)) {
                // only a window that merged with nothing can be late: merging covers a live window
                active.remove(actual);
                continue;
            }
            add(actual, value, timestamp);
            accepted = true;
        }
        mergingWindows.update(active);
        return accepted;
    }

    /**
     * Adds {@code window} to the key's {@code active} windows, merging it with those it overlaps.
     *
     * @return the window the element belongs to now
     */
    @SuppressWarnings("unchecked")
    private W merge(List<W> active, W window) throws Exception {
        List<W> candidates = new ArrayList<>(active);
        candidates.add(window);
        List<W> result = new ArrayList<>(1);
        ((MergingWindowAssigner<? super IN, W>) assigner).mergeWindows(candidates, (merged, cover) -> {
            List<W> sources = new ArrayList<>();
            for (W w : merged) {
                if (!w.equals(cover) && active.contains(w)) {
                    sources.add(w);
                }
            }
            mergeState(cover, sources);
            active.removeAll(merged);
            active.add(cover);
            if (merged.contains(window)) {
                result.add(cover);
            }
        });
        if (result.isEmpty()) {
            active.add(window);
            return window;
        }
        return result.get(0);
    }

    /** Moves the contents, trigger state and timers of {@code sources} to {@code target}. */
    @SuppressWarnings("unchecked")
    private void mergeState(W target, List<W> sources) throws Exception {
        movingState = true;
        windowContext.window = target;
        windowContext.mergedWindows = sources;
        ((Trigger<? super IN, W>) trigger).onMerge(target, windowContext);
        for (W source : sources) {
            windowContext.window = source;
            ((Trigger<? super IN, W>) trigger).clear(source, windowContext);
            deleteCleanupTimer(source);
        }
        windowState.mergeNamespaces(target, sources);
        // last: whatever the trigger deleted, the target with contents has its cleanup timer
        registerCleanupTimer(target);
        movingState = false;
    }

    private void add(W window, IN value, long timestamp) throws Exception {
        windowState.setCurrentNamespace(window);
        // a window with contents has its cleanup timer: registering it once per window, not per element, is cheaper
        boolean registered = storedContents() == null ? registerCleanupTimer(window)
                : cleanupTimersIntact && cleanupTime(window) != Long.MAX_VALUE;
        windowState.add(evictor == null ? value : new TimestampedValue<>(value, timestamp));
        windowContext.window = window;
        windowContext.cleanupTimer = registered ? cleanupTime(window) : Long.MIN_VALUE;
        TriggerResult result = trigger.onElement(value, timestamp, window, windowContext);
        windowContext.cleanupTimer = Long.MIN_VALUE;
        if (result.isFire()) {
            Object stored = storedContents();
            if (stored != null) {
                emit(window, stored);
            }
        }
        if (result.isPurge()) {
            windowState.clear();
        }
    }

    @Override
    public void onEventTime(InternalTimer<K, W> timer) throws Exception {
        onTimer(timer, true);
    }

    @Override
    public void onProcessingTime(InternalTimer<K, W> timer) throws Exception {
        onTimer(timer, false);
    }

    private void onTimer(InternalTimer<K, W> timer, boolean eventTimer) throws Exception {
        W window = timer.getNamespace();
        long time = timer.getTimestamp();
        if (mergingWindows != null && !isActive(window)) {
            return; // a timer a trigger left on a window that was merged away
        }
        windowContext.window = window;
        windowState.setCurrentNamespace(window);
        Object stored = storedContents();
        if (stored != null) {
            TriggerResult result = eventTimer ? trigger.onEventTime(time, window, windowContext)
                    : trigger.onProcessingTime(time, window, windowContext);
            if (result.isFire()) {
                emit(window, stored);
            }
            if (result.isPurge()) {
                windowState.clear();
            }
        }
        if (eventTimer == eventTime && time == cleanupTime(window)) {
            clearAllState(window);
        }
    }

    /** The current window's contents as the state holds them, or null when it holds none. */
    private Object storedContents() throws Exception {
        Object stored = windowState.get();
        return listContents && !((Iterable<?>) stored).iterator().hasNext() ? null : stored;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void emit(W window, Object stored) throws Exception {
        collector.setTimestamp(window.maxTimestamp());
        K key = backend.getCurrentKey();
        if (evictor == null) {
            function.process(key, processContext, contents.read(stored), collector);
            return;
        }
        List<TimestampedValue<IN>> elements = new ArrayList<>();
        ((Iterable<TimestampedValue<IN>>) stored).forEach(elements::add);
        Evictor raw = evictor;
        raw.evictBefore(elements, elements.size(), window, windowContext);
        Iterable<IN> values = () -> elements.stream().map(TimestampedValue::value).iterator();
        function.process(key, processContext, contents.fold(values), collector);
        raw.evictAfter(elements, elements.size(), window, windowContext);
        // the list descriptor makes the backend's state a ListState
        ((ListState<TimestampedValue<IN>>) (Object) windowState).update(elements);
    }

    private void clearAllState(W window) throws Exception {
        windowState.clear();
        movingState = true;
        trigger.clear(window, windowContext);
        movingState = false;
        function.clear(processContext);
        if (mergingWindows != null) {
            List<W> active = new ArrayList<>();
            mergingWindows.get().forEach(active::add);
            active.remove(window);
            mergingWindows.update(active);
        }
    }

    private boolean isActive(W window) throws Exception {
        for (W w : mergingWindows.get()) {
            if (w.equals(window)) {
                return true;
            }
        }
        return false;
    }

    /** True when the window's state is already gone, or would be right away. */
    private boolean isLate(W window) {
        return eventTime && cleanupTime(window) <= timers.currentWatermark();
    }

    /** When the window's state is cleared: the end of the allowed lateness (of the window, in processing time). */
    private long cleanupTime(W window) {
        long end = window.maxTimestamp();
        if (!eventTime) {
            return end;
        }
        long cleanup = end + allowedLateness;
        return cleanup >= end ? cleanup : Long.MAX_VALUE;
    }

    /** @return whether the window has its cleanup timer now */
    private boolean registerCleanupTimer(W window) {
        long time = cleanupTime(window);
        if (time == Long.MAX_VALUE) {
            return false; // the end of time: nothing would fire it
        }
        if (eventTime) {
            timers.registerEventTimeTimer(window, time);
        } else {
            timers.registerProcessingTimeTimer(window, time);
        }
        return true;
    }

    private void deleteCleanupTimer(W window) {
        long time = cleanupTime(window);
        if (eventTime) {
            timers.deleteEventTimeTimer(window, time);
        } else {
            timers.deleteProcessingTimeTimer(window, time);
        }
    }

    /** The current key and window as triggers, evictors, assigners and per-window state see them. */
    private final class WindowContext implements Trigger.OnMergeContext, Evictor.EvictorContext,
            WindowAssigner.Context, KeyedStateStore {
        W window;
        Collection<W> mergedWindows;
        /**
         * While the trigger sees an element: the time of the window's cleanup timer, which is known
         * to exist (in the assigner's time domain); else Long.MIN_VALUE.
         */
        long cleanupTimer = Long.MIN_VALUE;

        @Override
        public long getCurrentProcessingTime() {
            return timers.currentProcessingTime();
        }

        @Override
        public long currentProcessingTime() {
            return timers.currentProcessingTime();
        }

        @Override
        public long getCurrentWatermark() {
            return timers.currentWatermark();
        }

        @Override
        public void registerProcessingTimeTimer(long time) {
            if (time != cleanupTimer || eventTime) {
                timers.registerProcessingTimeTimer(window, time);
            }
        }

        @Override
        public void registerEventTimeTimer(long time) {
            if (time != cleanupTimer || !eventTime) {
                timers.registerEventTimeTimer(window, time);
            }
        }

        @Override
        public void deleteProcessingTimeTimer(long time) {
            if (!eventTime) {
                deletingInDomainOfCleanup(time);
            }
            timers.deleteProcessingTimeTimer(window, time);
        }

        @Override
        public void deleteEventTimeTimer(long time) {
            if (eventTime) {
                deletingInDomainOfCleanup(time);
            }
            timers.deleteEventTimeTimer(window, time);
        }

        /** A trigger deletes a timer in the cleanup timers' domain: it may be the window's cleanup timer. */
        private void deletingInDomainOfCleanup(long time) {
            if (!movingState && time == cleanupTime(window)) {
                cleanupTimersIntact = false;
                cleanupTimer = Long.MIN_VALUE;
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S extends State> S getPartitionedState(StateDescriptor<S, ?> descriptor) {
            S state = backend.getPartitionedState(descriptor, windowSerializer);
            ((InternalKvState<K, W>) state).setCurrentNamespace(window);
            return state;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public void mergePartitionedState(StateDescriptor<? extends AppendingState<?, ?>, ?> descriptor)
                throws Exception {
            InternalMergingState<K, W, ?, ?> state = backend.getMergingState((StateDescriptor) descriptor,
                    windowSerializer);
            state.mergeNamespaces(window, mergedWindows);
        }

        @Override
        public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
            return windowScoped(descriptor);
        }

        @Override
        public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
            return windowScoped(descriptor);
        }

        @Override
        public <UK, UV> MapState<UK, UV> getMapState(MapStateDescriptor<UK, UV> descriptor) {
            return windowScoped(descriptor);
        }

        @Override
        public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
            return windowScoped(descriptor);
        }

        @Override
        public <IN2, ACC, OUT2> AggregatingState<IN2, OUT2> getAggregatingState(
                AggregatingStateDescriptor<IN2, ACC, OUT2> descriptor) {
            return windowScoped(descriptor);
        }

        private <S extends State> S windowScoped(StateDescriptor<S, ?> descriptor) {
            if (mergingWindows != null) {
                throw new UnsupportedOperationException("Per-window state is not available with merging windows "
                        + "(sessions): it could not be merged. Use globalState() or a trigger's state.");
            }
            return getPartitionedState(descriptor);
        }
    }

    private final class ProcessContext extends ProcessWindowFunction<V, OUT, K, W>.Context {
        ProcessContext() {
            function.super();
        }

        @Override
        public W window() {
            return windowContext.window;
        }

        @Override
        public long currentProcessingTime() {
            return timers.currentProcessingTime();
        }

        @Override
        public long currentWatermark() {
            return timers.currentWatermark();
        }

        @Override
        public KeyedStateStore windowState() {
            return windowContext;
        }

        @Override
        public KeyedStateStore globalState() {
            return context;
        }

        @Override
        public <X> void output(OutputTag<X> tag, X value) {
            output.collect(tag, value, window().maxTimestamp());
        }
    }
}
