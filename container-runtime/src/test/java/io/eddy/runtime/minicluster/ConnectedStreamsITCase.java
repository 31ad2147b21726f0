package io.eddy.runtime.minicluster;

import io.eddy.api.config.Configuration;
import io.eddy.api.datastream.BroadcastStream;
import io.eddy.api.datastream.CloseableIterator;
import io.eddy.api.datastream.DataStream;
import io.eddy.api.datastream.KeyedStream;
import io.eddy.api.datastream.SingleOutputStreamOperator;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.eventtime.WatermarkStrategy;
import io.eddy.api.functions.CoFlatMapFunction;
import io.eddy.api.functions.CoMapFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.functions.TimeDomain;
import io.eddy.api.functions.process.BroadcastProcessFunction;
import io.eddy.api.functions.process.CoProcessFunction;
import io.eddy.api.functions.process.KeyedBroadcastProcessFunction;
import io.eddy.api.functions.process.KeyedCoProcessFunction;
import io.eddy.api.functions.rich.CheckpointedFunction;
import io.eddy.api.functions.rich.FunctionInitializationContext;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.state.BroadcastState;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.OperatorListState;
import io.eddy.api.state.ReadOnlyBroadcastState;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** connect, keyed co-processing with timers, and broadcast state on a shared embedded cluster, with exact results. */
class ConnectedStreamsITCase {
    private static MiniCluster cluster;

    @BeforeAll
    static void startCluster() {
        Configuration config = new Configuration();
        config.set(MiniClusterOptions.NUM_TASK_MANAGERS, 2);
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, 4);
        cluster = new MiniCluster(config);
        LocalExecutorFactory.useSharedCluster(cluster);
    }

    @AfterAll
    static void stopCluster() {
        LocalExecutorFactory.useSharedCluster(null);
        cluster.close();
    }

    private static StreamExecutionEnvironment env(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.setParallelism(parallelism);
        env.getConfig().setAutoWatermarkInterval(5);
        return env;
    }

    private static <T> List<T> collect(DataStream<T> stream) throws Exception {
        List<T> out = new ArrayList<>();
        try (CloseableIterator<T> it = stream.executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static <T extends Comparable<T>> List<T> sorted(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.sort(copy);
        return copy;
    }

    private static List<String> words(int n) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add("w" + i);
        }
        return words;
    }

    // ---------------------------------------------------------------- co-map and co-flat-map

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void coMapSeesBothInputsOnce(int parallelism) throws Exception {
        StreamExecutionEnvironment env = env(parallelism);
        DataStream<String> mapped = env.fromSequence(0, 9_999).rebalance()
                .connect(env.fromCollection(words(5_000), Types.STRING))
                .map(new CoMapFunction<Long, String, String>() {
                    @Override
                    public String map1(Long value) {
                        return "number " + value;
                    }

                    @Override
                    public String map2(String value) {
                        return "word " + value;
                    }
                });
        List<String> expected = new ArrayList<>();
        for (long i = 0; i < 10_000; i++) {
            expected.add("number " + i);
        }
        words(5_000).forEach(w -> expected.add("word " + w));
        assertEquals(sorted(expected), sorted(collect(mapped)));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void coFlatMapEmitsAnyNumberPerElement(int parallelism) throws Exception {
        StreamExecutionEnvironment env = env(parallelism);
        DataStream<Long> flat = env.fromSequence(0, 9_999)
                .connect(env.fromCollection(words(3_000), Types.STRING))
                .flatMap(new CoFlatMapFunction<Long, String, Long>() {
                    @Override
                    public void flatMap1(Long value, Collector<Long> out) {
                        for (long i = 0; i < value % 3; i++) {
                            out.collect(value);
                        }
                    }

                    @Override
                    public void flatMap2(String value, Collector<Long> out) {
                        out.collect(-(long) value.length());
                    }
                });
        List<Long> expected = new ArrayList<>();
        for (long v = 0; v < 10_000; v++) {
            for (long i = 0; i < v % 3; i++) {
                expected.add(v);
            }
        }
        words(3_000).forEach(w -> expected.add(-(long) w.length()));
        assertEquals(sorted(expected), sorted(collect(flat)));
    }

    @Test
    void coProcessWritesSideOutputsButCannotSetTimers() throws Exception {
        OutputTag<Long> odd = new OutputTag<>("odd", Types.LONG);
        StreamExecutionEnvironment env = env(4);
        SingleOutputStreamOperator<String> main = env.fromSequence(0, 4_999)
                .connect(env.fromCollection(words(1_000), Types.STRING))
                .process(new CoProcessFunction<Long, String, String>() {
                    @Override
                    public void processElement1(Long value, Context ctx, Collector<String> out) {
                        if (value % 2 == 0) {
                            out.collect("even " + value);
                        } else {
                            ctx.output(odd, value);
                        }
                    }

                    @Override
                    public void processElement2(String value, Context ctx, Collector<String> out) {
                        assertThrows(UnsupportedOperationException.class,
                                () -> ctx.timerService().registerEventTimeTimer(0));
                        out.collect("word " + value);
                    }
                });
        List<String> result = collect(main.union(main.getSideOutput(odd).map(v -> "odd " + v)));
        List<String> expected = new ArrayList<>();
        for (long i = 0; i < 5_000; i++) {
            expected.add((i % 2 == 0 ? "even " : "odd ") + i);
        }
        words(1_000).forEach(w -> expected.add("word " + w));
        assertEquals(sorted(expected), sorted(result));
    }

    // ---------------------------------------------------------------- keyed co-process: a join with timeouts

    static final long MAX_DISORDER = 300;
    static final long TIMEOUT = 1000;

    /** Orders (id, ts, amount) and payments (id, ts) of ids 0..n-1, in arrival order with bounded disorder. */
    record JoinInput(List<Tuple3<Integer, Long, Integer>> orders, List<Tuple2<Integer, Long>> payments) {}

    static JoinInput joinInput(int n, long seed) {
        Random random = new Random(seed);
        List<Tuple3<Integer, Long, Integer>> orders = new ArrayList<>();
        List<Tuple2<Integer, Long>> payments = new ArrayList<>();
        Map<Object, Long> arrival = new HashMap<>();
        for (int id = 0; id < n; id++) {
            long ts = id * 7L + random.nextInt(50);
            // a payment comes within TIMEOUT of its order, before or after it
            long paymentTs = Math.max(0, ts + random.nextInt(2 * (int) TIMEOUT - 1) - (TIMEOUT - 1));
            double kind = random.nextDouble();
            if (kind < 0.8) {
                orders.add(Tuple3.of(id, ts, random.nextInt(1000)));
                arrival.put(orders.get(orders.size() - 1), ts + random.nextInt((int) MAX_DISORDER));
            }
            if (kind < 0.7 || kind >= 0.9) {
                payments.add(Tuple2.of(id, paymentTs));
                arrival.put(payments.get(payments.size() - 1), paymentTs + random.nextInt((int) MAX_DISORDER));
            }
        }
        // sorting by (timestamp + a random delay below MAX_DISORDER) keeps every element within the bound
        orders.sort(Comparator.comparing(arrival::get));
        payments.sort(Comparator.comparing(arrival::get));
        return new JoinInput(orders, payments);
    }

    /** Emits "match id amount" once order and payment of an id arrived; the unmatched on a side output at ts + TIMEOUT. */
    static final class OrderPaymentJoin
            extends KeyedCoProcessFunction<Integer, Tuple3<Integer, Long, Integer>, Tuple2<Integer, Long>, String> {
        private final OutputTag<String> unmatched;
        private transient ValueState<Tuple3<Integer, Long, Integer>> order;
        private transient ValueState<Tuple2<Integer, Long>> payment;
        private transient ValueState<Long> timer;

        OrderPaymentJoin(OutputTag<String> unmatched) {
            this.unmatched = unmatched;
        }

        @Override
        public void open(OpenContext context) {
            order = getRuntimeContext().getState(new ValueStateDescriptor<>("order",
                    new TypeHint<Tuple3<Integer, Long, Integer>>() {}.getTypeInfo()));
            payment = getRuntimeContext().getState(new ValueStateDescriptor<>("payment",
                    new TypeHint<Tuple2<Integer, Long>>() {}.getTypeInfo()));
            timer = getRuntimeContext().getState(new ValueStateDescriptor<>("timer", Types.LONG));
        }

        @Override
        public void processElement1(Tuple3<Integer, Long, Integer> o, Context ctx, Collector<String> out)
                throws Exception {
            assertEquals(o.f0, ctx.getCurrentKey());
            if (payment.value() != null) {
                out.collect("match " + o.f0 + " " + o.f2);
                clear(ctx);
            } else {
                order.update(o);
                await(ctx);
            }
        }

        @Override
        public void processElement2(Tuple2<Integer, Long> p, Context ctx, Collector<String> out) throws Exception {
            assertEquals(p.f0, ctx.getCurrentKey());
            Tuple3<Integer, Long, Integer> o = order.value();
            if (o != null) {
                out.collect("match " + o.f0 + " " + o.f2);
                clear(ctx);
            } else {
                payment.update(p);
                await(ctx);
            }
        }

        private void await(Context ctx) throws Exception {
            long time = ctx.timestamp() + TIMEOUT;
            ctx.timerService().registerEventTimeTimer(time);
            timer.update(time);
        }

        private void clear(Context ctx) throws Exception {
            ctx.timerService().deleteEventTimeTimer(timer.value());
            order.clear();
            payment.clear();
            timer.clear();
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
            assertEquals(TimeDomain.EVENT_TIME, ctx.timeDomain());
            assertEquals(timestamp, ctx.timestamp());
            ctx.output(unmatched, (order.value() != null ? "order " : "payment ") + ctx.getCurrentKey());
            order.clear();
            payment.clear();
            timer.clear();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void keyedCoProcessJoinsAndTimesOutUnmatchedOnes(int parallelism) throws Exception {
        JoinInput input = joinInput(5_000, 7 + parallelism);
        TypeInfo<Tuple3<Integer, Long, Integer>> orderType = new TypeHint<Tuple3<Integer, Long, Integer>>() {}
                .getTypeInfo();
        TypeInfo<Tuple2<Integer, Long>> paymentType = new TypeHint<Tuple2<Integer, Long>>() {}.getTypeInfo();
        OutputTag<String> unmatched = new OutputTag<>("unmatched", Types.STRING);
        StreamExecutionEnvironment env = env(parallelism);
        DataStream<Tuple3<Integer, Long, Integer>> orders = env.fromCollection(input.orders(), orderType)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple3<Integer, Long, Integer>>forBoundedOutOfOrderness(
                        Duration.ofMillis(MAX_DISORDER)).withTimestampAssigner((o, ts) -> o.f1));
        DataStream<Tuple2<Integer, Long>> payments = env.fromCollection(input.payments(), paymentType)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple2<Integer, Long>>forBoundedOutOfOrderness(
                        Duration.ofMillis(MAX_DISORDER)).withTimestampAssigner((p, ts) -> p.f1));
        SingleOutputStreamOperator<String> matches = orders.connect(payments)
                .keyBy(o -> o.f0, p -> p.f0, Types.INT)
                .process(new OrderPaymentJoin(unmatched));
        List<String> result = collect(matches.union(matches.getSideOutput(unmatched)));

        Map<Integer, Integer> amounts = new HashMap<>();
        input.orders().forEach(o -> amounts.put(o.f0, o.f2));
        List<String> expected = new ArrayList<>();
        for (Tuple2<Integer, Long> p : input.payments()) {
            Integer amount = amounts.remove(p.f0);
            expected.add(amount != null ? "match " + p.f0 + " " + amount : "payment " + p.f0);
        }
        amounts.keySet().forEach(id -> expected.add("order " + id));
        assertEquals(sorted(expected), sorted(result));
        assertTrue(result.stream().anyMatch(s -> s.startsWith("order ")));
        assertTrue(result.stream().anyMatch(s -> s.startsWith("payment ")));
    }

    @Test
    void connectingTwoKeyedStreamsGivesKeyedStateWithTheirMaxParallelism() throws Exception {
        StreamExecutionEnvironment env = env(3);
        KeyedStream<Long, Long> numbers = env.fromSequence(0, 2_999).keyBy(v -> v % 10, Types.LONG);
        KeyedStream<Long, Long> more = env.fromSequence(0, 999).keyBy(v -> v % 10, Types.LONG);
        // counts the elements of each key from both inputs; the last count per key is the total
        DataStream<Tuple2<Long, Long>> counts = numbers.connect(more).process(
                new KeyedCoProcessFunction<Long, Long, Long, Tuple2<Long, Long>>() {
                    private transient ValueState<Long> count;

                    @Override
                    public void open(OpenContext context) {
                        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
                    }

                    @Override
                    public void processElement1(Long value, Context ctx, Collector<Tuple2<Long, Long>> out)
                            throws Exception {
                        increment(ctx, out);
                    }

                    @Override
                    public void processElement2(Long value, Context ctx, Collector<Tuple2<Long, Long>> out)
                            throws Exception {
                        increment(ctx, out);
                    }

                    private void increment(Context ctx, Collector<Tuple2<Long, Long>> out) throws Exception {
                        long n = count.value() == null ? 1 : count.value() + 1;
                        count.update(n);
                        out.collect(Tuple2.of(ctx.getCurrentKey(), n));
                    }
                })
                // a chained successor with the default max parallelism must not change the key groups
                .setMaxParallelism(16)
                .map(t -> t).returns(new TypeHint<Tuple2<Long, Long>>() {});
        Map<Long, Long> totals = new HashMap<>();
        for (Tuple2<Long, Long> c : collect(counts)) {
            totals.merge(c.f0, c.f1, Math::max);
        }
        Map<Long, Long> expected = new HashMap<>();
        for (long k = 0; k < 10; k++) {
            expected.put(k, 400L);
        }
        assertEquals(expected, totals);
    }

    // ---------------------------------------------------------------- broadcast state

    static final MapStateDescriptor<String, Integer> RULES = new MapStateDescriptor<>("rules", Types.STRING, Types.INT);

    /** (category, value, id) elements; category c{i} for i < categories, c{categories} has no rule. */
    static List<Tuple3<String, Integer, Integer>> measurements(int n, int categories, long seed) {
        Random random = new Random(seed);
        List<Tuple3<String, Integer, Integer>> elements = new ArrayList<>();
        for (int id = 0; id < n; id++) {
            elements.add(Tuple3.of("c" + random.nextInt(categories + 1), random.nextInt(1000), id));
        }
        return elements;
    }

    static List<Tuple2<String, Integer>> thresholds(int categories, long seed) {
        Random random = new Random(seed);
        List<Tuple2<String, Integer>> rules = new ArrayList<>();
        for (int c = 0; c < categories; c++) {
            rules.add(Tuple2.of("c" + c, random.nextInt(1000)));
        }
        return rules;
    }

    /**
     * Passes the elements that reach their category's threshold. Elements that arrive before their
     * category's rule wait in keyed state until the next element of the category or the end of input
     * (a timer at the end of time), so the result is the same for any interleaving of the inputs.
     */
    static final class ThresholdFilter extends KeyedBroadcastProcessFunction<String, Tuple3<String, Integer, Integer>,
            Tuple2<String, Integer>, Tuple3<String, Integer, Integer>> {
        private transient ValueState<ArrayList<Tuple3<String, Integer, Integer>>> waiting;

        @Override
        public void open(OpenContext context) {
            waiting = getRuntimeContext().getState(
                    new ValueStateDescriptor<>("waiting",
                            new TypeHint<ArrayList<Tuple3<String, Integer, Integer>>>() {}.getTypeInfo()));
        }

        @Override
        public void processBroadcastElement(Tuple2<String, Integer> rule, Context ctx,
                Collector<Tuple3<String, Integer, Integer>> out) {
            ctx.getBroadcastState(RULES).put(rule.f0, rule.f1);
        }

        @Override
        public void processElement(Tuple3<String, Integer, Integer> element, ReadOnlyContext ctx,
                Collector<Tuple3<String, Integer, Integer>> out) throws Exception {
            ReadOnlyBroadcastState<String, Integer> rules = ctx.getBroadcastState(RULES);
            assertFalse(rules instanceof BroadcastState, "the element side must not write broadcast state");
            ArrayList<Tuple3<String, Integer, Integer>> buffered = waiting.value();
            if (buffered == null) {
                buffered = new ArrayList<>();
                ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            }
            buffered.add(element);
            if (rules.contains(ctx.getCurrentKey())) {
                emitPassing(buffered, rules.get(ctx.getCurrentKey()), out);
                waiting.clear();
                ctx.timerService().deleteEventTimeTimer(Long.MAX_VALUE);
            } else {
                waiting.update(buffered);
            }
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple3<String, Integer, Integer>> out)
                throws Exception {
            Integer threshold = ctx.getBroadcastState(RULES).get(ctx.getCurrentKey());
            if (threshold != null) {
                emitPassing(waiting.value(), threshold, out);
            }
            waiting.clear();
        }

        private static void emitPassing(List<Tuple3<String, Integer, Integer>> elements, int threshold,
                Collector<Tuple3<String, Integer, Integer>> out) {
            for (Tuple3<String, Integer, Integer> e : elements) {
                if (e.f1 >= threshold) {
                    out.collect(e);
                }
            }
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void keyedBroadcastRulesFilterEveryElementByItsCategory(int parallelism) throws Exception {
        int categories = 20;
        List<Tuple3<String, Integer, Integer>> elements = measurements(20_000, categories, 11);
        List<Tuple2<String, Integer>> rules = thresholds(categories, 12);
        TypeInfo<Tuple3<String, Integer, Integer>> elementType = new TypeHint<Tuple3<String, Integer, Integer>>() {}
                .getTypeInfo();
        StreamExecutionEnvironment env = env(parallelism);
        BroadcastStream<Tuple2<String, Integer>> ruleStream = env
                .fromCollection(rules, new TypeHint<Tuple2<String, Integer>>() {}.getTypeInfo())
                .broadcast(RULES);
        DataStream<Tuple3<String, Integer, Integer>> passed = env.fromCollection(elements, elementType)
                .keyBy(e -> e.f0, Types.STRING)
                .connect(ruleStream)
                .process(new ThresholdFilter());
        List<Integer> passedIds = new ArrayList<>();
        collect(passed).forEach(e -> passedIds.add(e.f2));

        Map<String, Integer> thresholdOf = new HashMap<>();
        rules.forEach(r -> thresholdOf.put(r.f0, r.f1));
        List<Integer> expected = new ArrayList<>();
        for (Tuple3<String, Integer, Integer> e : elements) {
            Integer threshold = thresholdOf.get(e.f0);
            if (threshold != null && e.f1 >= threshold) {
                expected.add(e.f2);
            }
        }
        assertEquals(sorted(expected), sorted(passedIds));
    }

    @Test
    void everySubtaskReceivesEveryBroadcastElementAndReadsOnlyRulesItHas() throws Exception {
        int parallelism = 4;
        int categories = 50;
        List<Tuple2<String, Integer>> rules = thresholds(categories, 5);
        Map<String, Integer> thresholdOf = new HashMap<>();
        rules.forEach(r -> thresholdOf.put(r.f0, r.f1));
        StreamExecutionEnvironment env = env(parallelism);
        BroadcastStream<Tuple2<String, Integer>> ruleStream = env
                .fromCollection(rules, new TypeHint<Tuple2<String, Integer>>() {}.getTypeInfo())
                .broadcast(RULES);
        // "rule <subtask> <category> <size of state>" per broadcast element, "pass <id> <threshold>" per element
        DataStream<String> out = env.fromCollection(measurements(5_000, categories, 6),
                        new TypeHint<Tuple3<String, Integer, Integer>>() {}.getTypeInfo())
                .rebalance()
                .connect(ruleStream)
                .process(new BroadcastProcessFunction<Tuple3<String, Integer, Integer>, Tuple2<String, Integer>, String>() {
                    @Override
                    public void processElement(Tuple3<String, Integer, Integer> e, ReadOnlyContext ctx,
                            Collector<String> out) {
                        Integer threshold = ctx.getBroadcastState(RULES).get(e.f0);
                        if (threshold != null && e.f1 >= threshold) {
                            out.collect("pass " + e.f0 + " " + e.f1 + " " + threshold);
                        }
                    }

                    @Override
                    public void processBroadcastElement(Tuple2<String, Integer> rule, Context ctx,
                            Collector<String> out) {
                        BroadcastState<String, Integer> state = ctx.getBroadcastState(RULES);
                        state.put(rule.f0, rule.f1);
                        out.collect("rule " + getRuntimeContext().getIndexOfThisSubtask() + " " + rule.f0 + " "
                                + state.size());
                    }
                });
        List<String> result = collect(out);

        List<String> expectedRules = new ArrayList<>();
        for (int subtask = 0; subtask < parallelism; subtask++) {
            for (int i = 0; i < rules.size(); i++) {
                expectedRules.add("rule " + subtask + " " + rules.get(i).f0 + " " + (i + 1));
            }
        }
        List<String> actualRules = new ArrayList<>();
        for (String line : result) {
            String[] f = line.split(" ");
            if (f[0].equals("rule")) {
                actualRules.add(line);
            } else {
                // whichever rules had arrived, an element passes only by the rule of its category
                assertEquals(thresholdOf.get(f[1]), Integer.valueOf(f[3]));
                assertTrue(Integer.parseInt(f[2]) >= Integer.parseInt(f[3]));
            }
        }
        assertEquals(sorted(expectedRules), sorted(actualRules));
    }

    // ---------------------------------------------------------------- operator state

    /** Keeps the values it saw in operator list state, set up in initializeState before open. */
    static final class RememberingMap extends RichMapFunction<Long, Long> implements CheckpointedFunction {
        private transient OperatorListState<Long> seen;
        private transient OperatorListState<Long> union;

        @Override
        public void initializeState(FunctionInitializationContext context) {
            seen = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("seen", Types.LONG));
            union = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("all", Long.class));
            assertEquals(null, context.getKeyedStateStore());
        }

        @Override
        public void open(OpenContext context) {
            assertTrue(seen != null && union != null, "initializeState runs before open");
        }

        @Override
        public Long map(Long value) {
            seen.add(value);
            long n = 0;
            for (Long ignored : seen.get()) {
                n++;
            }
            return n;
        }

        @Override
        public void snapshotState(long checkpointId) {}
    }

    @Test
    void checkpointedFunctionsGetOperatorStateBeforeOpen() throws Exception {
        StreamExecutionEnvironment env = env(2);
        List<Long> counts = collect(env.fromSequence(0, 999).rebalance().map(new RememberingMap()));
        // each of the 2 subtasks emits 1, 2, ..., n_i for its n_i elements, with n_0 + n_1 = 1000
        Map<Long, Integer> occurrences = new HashMap<>();
        counts.forEach(c -> occurrences.merge(c, 1, Integer::sum));
        assertEquals(1000, counts.size());
        long max = Collections.max(counts);
        for (long v = 1; v < max; v++) {
            int here = occurrences.getOrDefault(v, 0);
            assertTrue(here <= 2 && here >= occurrences.getOrDefault(v + 1, 0), "count " + v + " seen " + here);
        }
    }
}
