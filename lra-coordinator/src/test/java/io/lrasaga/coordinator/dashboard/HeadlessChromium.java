package io.lrasaga.coordinator.dashboard;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven through Debian's chromedriver, headless, with a fresh profile per
 * browser. Both binaries are given explicitly, so Selenium never tries to download one (the
 * machines running the build are offline). The flags that stop Chromium's background
 * networking are required there: without them it fails on the closed network.
 */
final class HeadlessChromium {

    static final Path CHROMIUM = Path.of(System.getProperty("lra-saga.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("lra-saga.chromedriver", "/usr/bin/chromedriver"));

    // Selenium warns at every start that it has no DevTools binding for this Chromium: the
    // tests use WebDriver only. Held here because JUL keeps loggers weakly.
    private static final List<Logger> QUIET = Stream.of("org.openqa.selenium.devtools.CdpVersionFinder",
            "org.openqa.selenium.chromium.ChromiumDriver").map(Logger::getLogger).toList();

    static {
        QUIET.forEach(logger -> logger.setLevel(Level.SEVERE));
    }

    private HeadlessChromium() {
    }

    /** Fails (does not skip) when the browser is missing, saying how to install it. */
    static void requireInstalled() {
        for (Path binary : new Path[] { CHROMIUM, CHROMEDRIVER }) {
            if (!Files.isExecutable(binary)) {
                fail(binary + " is missing: the dashboard is tested in a real headless Chromium. Install it with "
                        + "`apt-get install -y chromium chromium-driver` (Debian; .ci/run does this), or point "
                        + "-Dlra-saga.chromium / -Dlra-saga.chromedriver at other binaries.");
            }
        }
    }

    static ChromeDriver start(Path profiles, Path log) throws IOException {
        Path profile = Files.createTempDirectory(Files.createDirectories(profiles), "chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(Files.newOutputStream(log))
                .build();
        return new ChromeDriver(service, options);
    }
}
