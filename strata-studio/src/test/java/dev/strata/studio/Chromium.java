package dev.strata.studio;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium under Selenium for the browser tests; when Chromium or its driver is
 * missing ({@code apt-get install chromium chromium-driver}) the calling test says so and steps aside.
 */
final class Chromium {
  static final Path BINARY = Path.of(System.getProperty("strata.chromium", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getProperty("strata.chromedriver", "/usr/bin/chromedriver"));

  private Chromium() {}

  /** A new headless browser, or the calling test aborted (skipped) with the reason. */
  static WebDriver startOrSkip() {
    if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
      String why = "Chromium browser tests skipped: " + BINARY + " or " + DRIVER
          + " is missing (apt-get install chromium chromium-driver).";
      System.err.println(why);
      Assumptions.abort(why);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000",
        // this machine's network is closed: no background calls to Google's hosts
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString()))
        .usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }
}
