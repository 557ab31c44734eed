package io.lrasaga.coordinator.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.lrasaga.launcher.AppProcess;
import io.lrasaga.launcher.FreePort;
import io.lrasaga.launcher.JsonHttp;

/**
 * The dashboard in a real headless Chromium against the packaged coordinator: it shows an LRA
 * the test started, its participants on drill-down, an operator's cancel ends it (the page and
 * the coordinator agree), a stuck LRA is highlighted and retried from the page, and a viewer's
 * click on an action is refused with a message.
 */
class DashboardIT {

    private static final String OPERATOR_PASSWORD = "it-operator-" + UUID.randomUUID();
    private static final String VIEWER_PASSWORD = "it-viewer-" + UUID.randomUUID();
    private static final Duration WAIT = Duration.ofSeconds(45);

    private static final JsonHttp HTTP = new JsonHttp();
    private static final HttpClient JOIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static AppProcess coordinator;
    private static TestParticipants participants;
    private static Path work;

    private WebDriver browser;

    @BeforeAll
    static void startCoordinator() throws Exception {
        HeadlessChromium.requireInstalled();
        work = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "dashboard-it-");
        participants = new TestParticipants(FreePort.find());
        int port = FreePort.find();
        coordinator = new AppProcess("coordinator", Path.of("target/quarkus-app/quarkus-run.jar"),
                Files.createDirectories(work.resolve("work")),
                Path.of("target/dashboard-it-coordinator-" + port + ".log").toAbsolutePath(), port,
                Map.of("lra-saga.coordinator.data-dir", work.resolve("store").toString(),
                        "lra-saga.coordinator.admin.operator-password", OPERATOR_PASSWORD,
                        "lra-saga.coordinator.admin.viewer-password", VIEWER_PASSWORD,
                        // only the page's retry may replay a Cancelling LRA
                        "lra-saga.coordinator.recovery-period", "1h",
                        "lra-saga.coordinator.dashboard.stuck-after", "1s",
                        "lra-saga.coordinator.dashboard.refresh-interval", "1s"),
                "256m");
        coordinator.start();
        coordinator.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopCoordinator() throws InterruptedException {
        if (coordinator != null) {
            coordinator.kill();
        }
        if (participants != null) {
            participants.close();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorSeesAnLraDrillsDownAndCancelsIt(TestInfo test) throws Exception {
        String clientId = "dashboard-it-" + UUID.randomUUID();
        String lra = start(clientId);
        String participant = "p-" + UUID.randomUUID();
        String callbacks = join(lra, participant, "ok");
        String uid = uid(lra);

        openDashboard(test, "operator", OPERATOR_PASSWORD);
        String row = "#running tr[data-uid='" + uid + "']";
        awaitElement(row);
        // located afresh at each look: the page re-renders its tables on every refresh
        awaitText(row + " td:nth-child(2)", clientId);
        awaitText(row + " .status", "Active");
        awaitText(row + " td.participants", "1");
        assertTrue(text("#whoami").contains("operator"), text("#whoami"));

        click("#running tr[data-uid='" + uid + "']");
        awaitText("#detail-status", "Active");
        awaitText("#participants tbody", callbacks + "/compensate");
        assertTrue(text("#participants tbody").contains(callbacks + "/complete"), text("#participants tbody"));
        assertTrue(text("#participants tbody").contains("Active"), "the participant's status is shown");

        click("#detail-actions button[data-action='cancel']");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.alertIsPresent()).accept();

        awaitText("#message", "now Cancelled");
        awaitText("#detail-status", "Cancelled");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("#running tr[data-uid='" + uid + "']")));
        assertEquals("Cancelled", awaitElement("#recent tr[data-uid='" + uid + "']")
                .findElement(By.cssSelector(".status")).getText());

        assertTrue(participants.calls().contains(participant + " compensate"), participants.calls().toString());
        assertEquals(404, admin("GET", "/admin/lras/" + uid).status());
        JsonHttp.Reply ended = admin("GET", "/admin/history/" + uid);
        assertEquals(200, ended.status());
        assertEquals("Cancelled", ended.text("status"));
    }

    @Test
    void aStuckLraIsHighlightedAndRetriedFromThePage(TestInfo test) throws Exception {
        String lra = start("dashboard-it-stuck-" + UUID.randomUUID());
        String participant = "p-" + UUID.randomUUID();
        join(lra, participant, "unavailable");
        String uid = uid(lra);
        JsonHttp.Reply cancelled = admin("POST", "/admin/lras/" + uid + "/cancel");
        assertEquals("Cancelling", cancelled.text("status"), "the participant does not answer: " + cancelled);

        openDashboard(test, "operator", OPERATOR_PASSWORD);
        WebElement stuck = awaitElement("#stuck tr[data-uid='" + uid + "']");
        assertTrue(stuck.getText().contains("Cancelling"), stuck.getText());
        new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.cssSelector("#running tr[data-uid='" + uid + "']"))
                .getAttribute("class").contains("stuck"));

        participants.mode(participant, "ok");
        click("#stuck tr[data-uid='" + uid + "'] button[data-action='retry']");
        awaitText("#message", "now Cancelled");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("#stuck tr[data-uid='" + uid + "']")));
        awaitElement("#recent tr[data-uid='" + uid + "']");
        assertEquals("Cancelled", admin("GET", "/admin/history/" + uid).text("status"));
    }

    @Test
    void aViewerSeesTheLraButCannotAct(TestInfo test) throws Exception {
        String lra = start("dashboard-it-viewer-" + UUID.randomUUID());
        String uid = uid(lra);

        // opened by a link to the LRA
        openDashboard(test, "viewer", VIEWER_PASSWORD, "/dashboard/#lra=" + uid);
        awaitText("#detail-fields", uid);
        awaitText("#detail-status", "Active");
        assertTrue(text("#whoami").contains("read-only"), text("#whoami"));
        assertTrue(text("#detail-actions").contains("need the operator role"), text("#detail-actions"));

        click("#detail-actions button[data-action='cancel']");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.alertIsPresent()).accept();
        awaitText("#message", "403");
        assertTrue(text("#message").contains("operator role"), text("#message"));

        assertEquals("Active", admin("GET", "/admin/lras/" + uid).body().path("lra").path("status").asText());
        assertEquals("Active", HTTP.get(lra + "/status").body().asText());
        assertEquals(200, admin("POST", "/admin/lras/" + uid + "/close").status());
    }

    // ------------------------------------------------------------------ the browser

    private void openDashboard(TestInfo test, String user, String password) throws IOException {
        openDashboard(test, user, password, "/dashboard");
    }

    private void openDashboard(TestInfo test, String user, String password, String page) throws IOException {
        String name = test.getTestMethod().orElseThrow().getName();
        browser = HeadlessChromium.start(work.resolve("profiles"), Path.of("target/dashboard-it-chromedriver-" + name
                + ".log").toAbsolutePath());
        // Basic credentials in the URL: Chromium signs in with them and reuses them for the
        // page's own requests to the same origin, as it does after a login prompt.
        browser.get("http://" + user + ":" + password + "@127.0.0.1:" + coordinator.port() + page);
        new WebDriverWait(browser, WAIT).until(d -> "true".equals(d.findElement(By.tagName("body"))
                .getDomAttribute("data-loaded")));
    }

    private WebElement awaitElement(String css) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private void awaitText(String css, String expected) {
        new WebDriverWait(browser, WAIT).withMessage(() -> css + " should contain '" + expected + "', shows '"
                + browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).findFirst().orElse("")
                + "'").until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), expected));
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    // Found and clicked in one step, again if the page's refresh replaced the element meanwhile.
    private void click(String css) {
        new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(driver -> {
            WebElement element = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(driver);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    // ------------------------------------------------------------------ the coordinator

    private static String start(String clientId) {
        JsonHttp.Reply started = HTTP.post(coordinator.baseUrl() + "/lra-coordinator/start?ClientID=" + clientId
                + "&TimeLimit=600000", "");
        assertEquals(201, started.status(), started.toString());
        return started.body().asText();
    }

    /** Joins a participant of {@link TestParticipants}; returns its callbacks' base URL. */
    private static String join(String lra, String name, String mode) throws IOException, InterruptedException {
        String callbacks = participants.url(name, mode);
        HttpResponse<String> joined = JOIN.send(HttpRequest.newBuilder(URI.create(lra))
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(callbacks)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, joined.statusCode(), joined.body());
        return callbacks;
    }

    private static JsonHttp.Reply admin(String method, String path) {
        Map<String, String> auth = Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(("operator:" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        String url = coordinator.baseUrl() + path;
        return switch (method) {
            case "GET" -> HTTP.get(url, auth);
            case "POST" -> HTTP.post(url, "", auth);
            default -> throw new IllegalArgumentException(method);
        };
    }

    private static String uid(String lra) {
        return lra.substring(lra.lastIndexOf('/') + 1);
    }
}
