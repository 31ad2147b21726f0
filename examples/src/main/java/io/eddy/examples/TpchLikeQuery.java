package io.eddy.examples;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.Order;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FilterFunction;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.tuple.Tuple4;

import java.util.List;

/**
 * A TPC-H-like shipping-priority query (in the spirit of TPC-H Q3) on generated tables: the revenue of
 * each order placed by a customer of one market segment before a date, over its line items shipped
 * after that date, and the ten orders with the highest revenue.
 *
 * <pre>
 * SELECT o.orderkey, o.orderdate, SUM(l.price * (100 - l.discount)) AS revenue
 * FROM customer c JOIN orders o ON c.custkey = o.custkey JOIN lineitem l ON l.orderkey = o.orderkey
 * WHERE c.segment = 'BUILDING' AND o.orderdate &lt; DATE AND l.shipdate &gt; DATE
 * GROUP BY o.orderkey, o.orderdate ORDER BY revenue DESC, o.orderkey LIMIT 10
 * </pre>
 * Dates are day numbers, prices cents and discounts percent, so revenue (cents × percent) is exact.
 * Tables are pure functions of the row index (see {@link Tables}).
 *
 * <pre>
 * bin/eddy run -c io.eddy.examples.TpchLikeQuery examples/target/eddy-examples.jar [--orders N]
 * </pre>
 */
public final class TpchLikeQuery {
    private TpchLikeQuery() {}

    static final String SEGMENT = "BUILDING";
    static final int DATE = 1200;

    public static void main(String[] args) throws Exception {
        ProgramArguments params = ProgramArguments.parse(args);
        int orders = params.get("orders") == null ? 100_000 : Integer.parseInt(params.get("orders"));
        for (Tuple3<Long, Integer, Long> row : run(ExecutionEnvironment.getExecutionEnvironment(), orders)) {
            System.out.println(row.f0 + " " + row.f1 + " " + row.f2);
        }
    }

    /** The ten result rows (orderkey, orderdate, revenue) for {@code orders} orders. */
    static List<Tuple3<Long, Integer, Long>> run(ExecutionEnvironment env, int orders) throws Exception {
        DataSet<Tuple2<Long, String>> customers = env.generateSequence(0, Tables.customers(orders) - 1).map(new Tables.Customer())
                .filter(new FilterFunction<Tuple2<Long, String>>() {
                    @Override
                    public boolean filter(Tuple2<Long, String> c) {
                        return c.f1.equals(SEGMENT);
                    }
                });
        DataSet<Tuple3<Long, Long, Integer>> early = env.generateSequence(0, orders - 1).map(new Tables.Orders(Tables.customers(orders)))
                .filter(new FilterFunction<Tuple3<Long, Long, Integer>>() {
                    @Override
                    public boolean filter(Tuple3<Long, Long, Integer> o) {
                        return o.f2 < DATE;
                    }
                });
        DataSet<Tuple4<Long, Long, Integer, Integer>> shipped = env.generateSequence(0, Tables.lineItems(orders) - 1)
                .map(new Tables.LineItem())
                .filter(new FilterFunction<Tuple4<Long, Long, Integer, Integer>>() {
                    @Override
                    public boolean filter(Tuple4<Long, Long, Integer, Integer> l) {
                        return l.f3 > DATE;
                    }
                });

        // (orderkey, orderdate) of the segment's early orders; the smaller customer side is the build side
        DataSet<Tuple2<Long, Integer>> segmentOrders = customers.join(early).where(0).equalTo(1)
                .with(new JoinFunction<Tuple2<Long, String>, Tuple3<Long, Long, Integer>, Tuple2<Long, Integer>>() {
                    @Override
                    public Tuple2<Long, Integer> join(Tuple2<Long, String> c, Tuple3<Long, Long, Integer> o) {
                        return Tuple2.of(o.f0, o.f2);
                    }
                });
        // (orderkey, orderdate, revenue) per line item, summed per order
        DataSet<Tuple3<Long, Integer, Long>> revenue = segmentOrders.join(shipped).where(0).equalTo(0)
                .with(new JoinFunction<Tuple2<Long, Integer>, Tuple4<Long, Long, Integer, Integer>, Tuple3<Long, Integer, Long>>() {
                    @Override
                    public Tuple3<Long, Integer, Long> join(Tuple2<Long, Integer> o, Tuple4<Long, Long, Integer, Integer> l) {
                        return Tuple3.of(o.f0, o.f1, l.f1 * (100 - l.f2));
                    }
                })
                .groupBy(0, 1).sum(2);
        return revenue.sortPartition(2, Order.DESCENDING).sortPartition(0, Order.ASCENDING).setParallelism(1)
                .mapPartition(new GroupReduceFunction<Tuple3<Long, Integer, Long>, Tuple3<Long, Integer, Long>>() {
                    @Override
                    public void reduce(Iterable<Tuple3<Long, Integer, Long>> rows, Collector<Tuple3<Long, Integer, Long>> out) {
                        int left = 10;
                        for (Tuple3<Long, Integer, Long> row : rows) {
                            if (left-- == 0) {
                                return;
                            }
                            out.collect(Tuple3.of(row.f0, row.f1, row.f2));
                        }
                    }
                }).setParallelism(1)
                .collect();
    }

    /** The generated tables: every column a function of the row index (SplitMix64 of the row and column). */
    static final class Tables {
        private Tables() {}

        static final String[] SEGMENTS = {"AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD", "MACHINERY"};

        static long customers(int orders) {
            return Math.max(1, orders / 10);
        }

        static long lineItems(int orders) {
            return orders * 4L;
        }

        static long random(long row, long column) {
            long z = row * 0x9E3779B97F4A7C15L + column * 0xD1B54A32D192ED03L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return (z ^ (z >>> 31)) >>> 1;
        }

        /** (custkey, segment). */
        static final class Customer implements MapFunction<Long, Tuple2<Long, String>> {
            @Override
            public Tuple2<Long, String> map(Long i) {
                return Tuple2.of(i, SEGMENTS[(int) (random(i, 1) % SEGMENTS.length)]);
            }
        }

        /** (orderkey, custkey, orderdate); the customer count follows from the order count. */
        static final class Orders implements MapFunction<Long, Tuple3<Long, Long, Integer>> {
            private final long customers;

            Orders(long customers) {
                this.customers = customers;
            }

            @Override
            public Tuple3<Long, Long, Integer> map(Long i) {
                return Tuple3.of(i, random(i, 2) % customers,
                        (int) (random(i, 3) % 2400));
            }
        }

        /** (orderkey, price in cents, discount percent, shipdate): about four items per order, shipped after it. */
        static final class LineItem implements MapFunction<Long, Tuple4<Long, Long, Integer, Integer>> {
            @Override
            public Tuple4<Long, Long, Integer, Integer> map(Long j) {
                long order = j / 4;
                return Tuple4.of(order, 100 + random(j, 4) % 100_000, (int) (random(j, 5) % 11),
                        (int) (random(order, 3) % 2400) + 1 + (int) (random(j, 6) % 120));
            }
        }
    }
}
