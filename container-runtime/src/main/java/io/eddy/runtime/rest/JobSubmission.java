package io.eddy.runtime.rest;

import io.eddy.runtime.jobgraph.JobGraph;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * The body of {@code POST /jobs}: the user's jar followed by the compiled job graph,
 * {@code [int jar length][jar bytes][serialized JobGraph]}. The graph is read with a class loader
 * over the jar, since it may refer to the user's classes.
 */
public final class JobSubmission {
    private JobSubmission() {}

    public static final String CONTENT_TYPE = "application/x-eddy-job";

    public static byte[] encode(byte[] jar, JobGraph job) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(jar.length + 4096);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(jar.length);
        out.write(jar);
        try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(job);
        }
        return bytes.toByteArray();
    }

    /** The jar of a submission. */
    public static byte[] jar(byte[] body) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        int length = in.readInt();
        if (length < 0 || length > body.length - 4) {
            throw new IOException("Malformed job submission: jar length " + length);
        }
        byte[] jar = new byte[length];
        in.readFully(jar);
        return jar;
    }

    /** The job graph of a submission, read with {@code loader} (which should see the submission's jar). */
    public static JobGraph graph(byte[] body, ClassLoader loader) throws IOException {
        int jarLength = jar(body).length;
        InputStream rest = new ByteArrayInputStream(body, 4 + jarLength, body.length - 4 - jarLength);
        try (ObjectInputStream objects = new ObjectInputStream(rest) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                return Class.forName(desc.getName(), false, loader);
            }
        }) {
            Object graph = objects.readObject();
            if (!(graph instanceof JobGraph job)) {
                throw new IOException("Malformed job submission: expected a job graph, got " + graph.getClass());
            }
            return job;
        } catch (ClassNotFoundException e) {
            throw new IOException("The job refers to class " + e.getMessage() + ", which is neither in its jar nor "
                    + "in Eddy: package the job's dependencies into its jar", e);
        }
    }
}
