package io.eddy.client.cli;

import io.eddy.testutils.cluster.ProcessCluster;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The web dashboard in a real browser: headless Chromium (the Debian packages {@code chromium} and
 * {@code chromium-driver}, driven by Selenium through the system's chromedriver) against a
 * standalone cluster of separate processes ({@link ProcessCluster}) running a real job, checking
 * what a person sees. Screenshots of the main pages go to {@code target/dashboard-screenshots}.
 *
 * <p>Without Chromium the test fails on CI ({@code CI=true}), naming the packages to install, and
 * is skipped elsewhere with the same message.
 */
class DashboardBrowserITCase {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

    @TempDir
    Path dir;

    private ProcessCluster cluster;
    private WebDriver browser;
    private String base;

    @BeforeEach
    void start() throws Exception {
        requireChromium();
        cluster = new ProcessCluster(dir, 2);
        cluster.startTaskManager();
        cluster.awaitTaskManagers(1);
        base = "http://" + cluster.address() + "/";
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,900", "--user-data-dir=" + dir.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "The dashboard test needs Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                + ": install them with 'apt-get install -y chromium chromium-driver' (.ci/run does)";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aPersonSubmitsWatchesAndCancelsAJob() throws Exception {
        // Overview: the cluster as started
        browser.get(base);
        await("the overview's cards", d -> text("[data-card=taskmanagers] .value").equals("1")
                && text("[data-card=slots-total] .value").equals("2"));
        screenshot("overview");

        // Submit: upload the programs' jar, pick the entry class, run
        Path jar = TestPrograms.jar(Files.createDirectories(dir.resolve("jar")), null);
        browser.get(base + "#/submit");
        await("the submit page", d -> !d.findElements(By.id("jar-file")).isEmpty());
        browser.findElement(By.id("jar-file")).sendKeys(jar.toAbsolutePath().toString());
        browser.findElement(By.id("upload-jar")).click();
        await("the uploaded jar in the list", d -> !d.findElements(By.cssSelector("#jar-select option")).isEmpty());
        browser.findElement(By.id("entry-class")).sendKeys(TestPrograms.Watched.class.getName());
        browser.findElement(By.id("program-args")).sendKeys(dir.resolve("checkpoints").toUri().toString());
        browser.findElement(By.id("parallelism")).sendKeys("2");
        screenshot("submit");
        browser.findElement(By.id("run-jar")).click();
        await("the job's page after the run", d -> d.getCurrentUrl().matches(".*#/jobs/[0-9a-f]{32}$"));
        String jobId = browser.getCurrentUrl().replaceAll(".*#/jobs/", "");

        // Job graph: one box per vertex of the job graph, records rising at the source
        JsonNode plan = cluster.rest("/jobs/" + jobId + "/plan");
        assertEquals(3, plan.size(), "the program has three vertices: " + plan);
        await("the job graph drawn", d -> d.findElements(By.cssSelector("#job-graph g.vertex")).size() == plan.size());
        assertEquals("watched", text("#job-name"));
        String sourceVertex = plan.get(0).path("id").asText();
        By source = By.cssSelector("#job-graph g.vertex[data-vertex-id='" + sourceVertex + "']");
        await("records out of the source", d -> recordsOut(source) > 0);
        long before = recordsOut(source);
        await("the source's records rising past " + before, d -> recordsOut(source) > before);
        await("the job RUNNING", d -> text("#job-status").equals("RUNNING"));
        List<String> drawn = browser.findElements(By.cssSelector("#job-graph g.vertex text.title")).stream()
                .map(WebElement::getText).toList();
        assertEquals(3, drawn.size());
        assertTrue(drawn.get(2).contains("Sum per key"), drawn.toString());
        screenshot("job-graph");

        // Running jobs list
        browser.get(base + "#/jobs/running");
        await("the job in the running list", d -> !d.findElements(By.cssSelector("#job-list tr[data-job-id='" + jobId
                + "'] a")).isEmpty());
        assertEquals("watched", text("#job-list tr[data-job-id='" + jobId + "'] a"));

        // Checkpoints: a completed one appears, with its size and duration in the history
        browser.get(base + "#/jobs/" + jobId + "/checkpoints");
        await("a completed checkpoint", d -> {
            List<WebElement> card = d.findElements(By.cssSelector("[data-checkpoints=completed]"));
            return !card.isEmpty() && Integer.parseInt(card.get(0).getAttribute("data-value")) >= 1
                    && d.findElements(By.cssSelector("#checkpoint-history tr.checkpoint")).stream()
                            .anyMatch(row -> row.getText().contains("COMPLETED"));
        });
        screenshot("checkpoints");

        // TaskManagers: the one TaskManager with its slots and the job's five subtasks
        String taskManagerId = cluster.taskManagers().get(0).id();
        browser.get(base + "#/taskmanagers");
        By tmRow = By.cssSelector("#tm-table tr[data-tm-id='" + taskManagerId + "'] td");
        await("the TaskManager with its running tasks", d -> d.findElements(tmRow).size() > 3
                && d.findElements(tmRow).get(2).getText().equals("2") && d.findElements(tmRow).get(3).getText().equals("5"));
        assertTrue(browser.findElements(tmRow).get(6).getText().startsWith("0 B / "),
                "managed memory, none in use by a streaming job: " + browser.findElements(tmRow).get(6).getText());
        screenshot("taskmanagers");

        // Subtasks: one row per subtask of the source vertex, linking its TaskManager; its log opens
        browser.get(base + "#/jobs/" + jobId + "/subtasks");
        await("the subtask table", d -> d.findElements(By.cssSelector("#subtask-table tr[data-subtask]")).size() == 1);
        browser.findElement(By.cssSelector("#subtask-table a[href^='#/taskmanagers/']")).click();
        await("the TaskManager's page", d -> d.getCurrentUrl().endsWith("#/taskmanagers/" + taskManagerId));
        browser.findElement(By.cssSelector("a[data-tab=log]")).click();
        await("the TaskManager's log", d -> text("#log-view").contains("TaskManager " + taskManagerId + " started"));
        assertTrue(browser.findElement(By.id("log-download")).getAttribute("href").endsWith(
                "taskmanagers/" + taskManagerId + "/log?download=true"));
        screenshot("taskmanager-log");

        // Cancel from the button: the page shows the job CANCELED, and so does the REST API
        browser.get(base + "#/jobs/" + jobId);
        await("the cancel button enabled", d -> d.findElement(By.id("cancel-job")).isEnabled());
        browser.findElement(By.id("cancel-job")).click();
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.alertIsPresent()).accept();
        await("the job CANCELED", d -> text("#job-status").equals("CANCELED"));
        assertEquals("CANCELED", cluster.rest("/jobs/" + jobId).path("status").asText());
        assertTrue(!browser.findElement(By.id("cancel-job")).isEnabled(), "a canceled job offers no cancel");
        browser.get(base + "#/jobs/completed");
        await("the job in the completed list", d -> !d.findElements(By.cssSelector("#job-list tr[data-job-id='"
                + jobId + "']")).isEmpty());
    }

    private long recordsOut(By vertex) {
        List<WebElement> found = browser.findElements(vertex);
        if (found.isEmpty()) {
            return -1;
        }
        String value = found.get(0).getAttribute("data-records-out");
        return value == null || value.isEmpty() ? -1 : Long.parseLong(value);
    }

    private String text(String css) {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText().strip();
    }

    /** Waits for {@code condition}; on a timeout fails naming {@code what}, with the page's text and the processes' logs. */
    private void await(String what, Function<WebDriver, Boolean> condition) throws Exception {
        try {
            new WebDriverWait(browser, PATIENCE).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> condition.apply(d));
        } catch (TimeoutException e) {
            fail("No " + what + " after " + PATIENCE.toSeconds() + " s. The page (" + browser.getCurrentUrl() + ") shows:\n"
                    + browser.findElement(By.tagName("body")).getText() + "\n" + cluster.logs());
        }
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
