package io.eddy.runtime.metrics.reporters;

/** A port, or an inclusive range {@code from-to} of ports to try in order. */
record PortRange(int from, int to) {
    static PortRange parse(String text, String option) {
        String[] parts = text.strip().split("-", -1);
        try {
            int from = Integer.parseInt(parts[0].strip());
            int to = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : from;
            if (parts.length > 2 || from < 0 || to > 65535 || to < from) {
                throw new NumberFormatException();
            }
            return new PortRange(from, to);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a port or a port range for " + option
                    + ": write e.g. 9249 or 9249-9259");
        }
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
