package io.eddy.runtime.webui;

import io.eddy.runtime.rest.RestResponse;
import io.eddy.runtime.rest.RestServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The web dashboard: a single page of plain HTML, CSS and JavaScript, served from this jar at
 * {@code /} on the REST port. The page reads the REST API with relative URLs only, and navigates
 * with the URL's fragment ({@code #/jobs/<id>}), so it works behind a path prefix such as the YARN
 * web proxy's and needs nothing from the internet.
 *
 * <p>{@code GET /config} tells the page the version and how often to refresh.
 */
public final class WebDashboard {
    /** Files of the page: path → content type. */
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "application/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");
    /** How often the page refreshes its figures. */
    private static final long REFRESH_MILLIS = 3000;

    private final Map<String, byte[]> contents = new java.util.HashMap<>();

    public WebDashboard() {
        FILES.keySet().forEach(name -> contents.put(name, resource(name)));
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebDashboard.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The dashboard file " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of Eddy, from the jar's build. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = WebDashboard.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }

    public RestServer install(RestServer server) {
        server.route("GET", "/", r -> file("index.html"));
        FILES.keySet().forEach(name -> server.route("GET", "/" + name, r -> file(name)));
        String version = version();
        return server.route("GET", "/config", r -> Map.of("version", version, "refreshIntervalMillis", REFRESH_MILLIS));
    }

    private RestResponse file(String name) {
        return new RestResponse(200, FILES.get(name), contents.get(name), Map.of("Cache-Control", "no-cache"));
    }
}
