package io.eddy.gelly.generator;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import io.eddy.gelly.Graph;

/**
 * The R-MAT graph of {@code ../shared/benchmarks/WORKLOADS.md} section 4, bit for bit: {@code 2^scale}
 * vertices (all of them, isolated ones included) and edges {@code e = 0 .. E-1}, each a pure function of
 * {@code (seed, e)}, so that any implementation of that text rebuilds the same graph:
 * <ul>
 *   <li>edge {@code e} uses {@code W = ceil(scale / 4)} SplitMix64 outputs {@code z_w = sm(seed, e·W + w)}, each
 *       cut into four 16-bit draws from the high end; draw {@code t_l} picks the quadrant at level {@code l}
 *       (level 0 the top bit): {@code t < A} → (0,0), {@code t < B} → (0,1), {@code t < C} → (1,0), else (1,1),
 *       with thresholds {@code A, B, C} = 37355, 49807, 62259 (a, b, c, d = 0.57, 0.19, 0.19, 0.05; see
 *       {@link #probabilities});</li>
 *   <li>both ends are scrambled by the bijection {@code perm} of section 4 (so degree does not follow the
 *       low bits of an id);</li>
 *   <li>self-loops are dropped, parallel edges kept; the default seed is {@link #DEFAULT_SEED} (S_GRAPH).</li>
 * </ul>
 * {@link #scaleFor(long)} gives the workloads' scale for {@code E} edges. Ids are {@code Long}, no values.
 */
public final class RMatGraph extends GraphGenerator {
    private static final long serialVersionUID = 1L;

    public static final long DEFAULT_SEED = 5;
    static final long GAMMA = 0x9E3779B97F4A7C15L;

    private final int scale;
    private final long edgeCount;
    private long seed = DEFAULT_SEED;
    private int thresholdA = 37355;
    private int thresholdB = 49807;
    private int thresholdC = 62259;

    public RMatGraph(ExecutionEnvironment environment, int scale, long edgeCount) {
        super(environment);
        if (scale < 1 || scale > 31) {
            throw new IllegalArgumentException("An R-MAT scale is 1 to 31 (2^scale vertices), not " + scale);
        }
        if (edgeCount < 0) {
            throw new IllegalArgumentException("An R-MAT graph has at least 0 edges, not " + edgeCount);
        }
        this.scale = scale;
        this.edgeCount = edgeCount;
    }

    /** The workloads' scale for {@code edges}: the smallest {@code s >= 1} with {@code 2^s >= floor(edges / 10)}. */
    public static int scaleFor(long edges) {
        long target = edges / 10;
        int s = 1;
        while ((1L << s) < target) {
            s++;
        }
        return s;
    }

    public RMatGraph seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Quadrant probabilities a, b, c (d = 1 − a − b − c); each cumulative probability becomes the 16-bit
     * threshold {@code floor(p · 65536)}.
     */
    public RMatGraph probabilities(double a, double b, double c) {
        if (a < 0 || b < 0 || c < 0 || a + b + c > 1) {
            throw new IllegalArgumentException("R-MAT probabilities a, b, c must be >= 0 with a + b + c <= 1, not "
                    + a + ", " + b + ", " + c);
        }
        thresholdA = (int) Math.floor(a * 65536);
        thresholdB = (int) Math.floor((a + b) * 65536);
        thresholdC = (int) Math.floor((a + b + c) * 65536);
        return this;
    }

    public int scale() {
        return scale;
    }

    public long edgeCount() {
        return edgeCount;
    }

    @Override
    public long vertexCount() {
        return 1L << scale;
    }

    @Override
    public Graph<Long, Void, Void> generate() {
        DataSet<Edge<Long, Void>> edges = vertexRange(edgeCount).flatMap(new GenerateEdge(this))
                .returns(Edge.type(Types.LONG, Types.VOID));
        return Graph.fromDataSet(vertices(vertexCount()), withParallelism(edges));
    }

    /** Edge {@code e} before self-loops are dropped, packed as {@code source << 32 | target}. */
    public long edge(long e) {
        int words = (scale + 3) / 4;
        long u = 0;
        long v = 0;
        long z = 0;
        for (int level = 0; level < scale; level++) {
            if (level % 4 == 0) {
                z = mix64(seed + (e * words + level / 4 + 1) * GAMMA);
            }
            int t = (int) ((z >>> (48 - 16 * (level % 4))) & 0xFFFF);
            int srcBit = t < thresholdB ? 0 : 1;
            int dstBit = t < thresholdA || (t >= thresholdB && t < thresholdC) ? 0 : 1;
            u = 2 * u + srcBit;
            v = 2 * v + dstBit;
        }
        return perm(u) << 32 | perm(v);
    }

    /** The scrambling bijection of {@code [0, 2^scale)}. */
    long perm(long x) {
        long m = (1L << scale) - 1;
        int h = (scale + 1) / 2;
        x ^= x >>> h;
        x = (x * GAMMA) & m;
        x ^= x >>> h;
        x = (x * 0xBF58476D1CE4E5B9L) & m;
        x ^= x >>> h;
        return x;
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private record GenerateEdge(RMatGraph graph) implements FlatMapFunction<Long, Edge<Long, Void>> {
        @Override
        public void flatMap(Long e, Collector<Edge<Long, Void>> out) {
            long packed = graph.edge(e);
            long source = packed >>> 32;
            long target = packed & 0xFFFFFFFFL;
            if (source != target) {
                out.collect(new Edge<>(source, target, null));
            }
        }
    }
}
