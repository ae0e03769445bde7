package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scimbridge.sink.ParkedChange;
import org.scimbridge.sink.SinkStreams;
import org.scimbridge.testsupport.ExpectedLog;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 12.5: the sinks page in a real browser, Debian's headless chromium driven by Selenium through Debian's
 * chromedriver. A change LDAP refuses is parked; the page, given the admin token, shows the sink, its position and
 * the parked change with its error; Replay (after the operator fixed the entry) applies it and the row goes; a
 * screenshot is left in {@code target/screenshots/sinks-page.png}. Skips only when no chromium is installed and
 * this is not CI; {@code SCIM_BRIDGE_TEST_CHROMIUM} (the browser, set by .ci/run) makes it fail instead.
 */
class SinksPageBrowserTest extends LdapSinkTestBase {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @RegisterExtension
    final ExpectedLog log = ExpectedLog.of(SinkStreams.class);

    @LocalServerPort
    int port;

    static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        String required = System.getenv("SCIM_BRIDGE_TEST_CHROMIUM");
        File chromium = new File(required != null && !required.isBlank() ? required : "/usr/bin/chromium");
        String driverPath = System.getenv().getOrDefault("SCIM_BRIDGE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        File driver = new File(driverPath);
        boolean mandatory = (required != null && !required.isBlank()) || "true".equals(System.getenv("CI"));
        if (!chromium.canExecute() || !driver.canExecute()) {
            String missing = "no chromium at " + chromium + " or no chromedriver at " + driver
                    + " (apt-get install chromium chromium-driver, or scripts/chromium-install.sh)";
            if (mandatory) {
                throw new IllegalStateException(missing);
            }
            Assumptions.abort(missing);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--no-first-run", "--disable-extensions",
                "--user-data-dir=" + Files.createTempDirectory("sinks-page-chromium"));
        // the driver Debian installed, never one Selenium Manager would fetch
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void thePageShowsTheParkedChangeWithItsErrorAndReplayAppliesIt() throws Exception {
        String a = uid();
        // markup in the user name: LDAP's error quotes the DN, so it reaches the page in the parked change's error
        String name = "page.<i>" + a.substring(0, 6) + "</i>";
        String dn = new com.unboundid.ldap.sdk.DN(new com.unboundid.ldap.sdk.RDN("uid", name),
                new com.unboundid.ldap.sdk.DN(PEOPLE)).toString();
        // an 'account' entry at the DN, put there by hand: inetOrgPerson attributes violate its object class
        connection().add(new Entry(dn, new Attribute("objectClass", "top", "account"), new Attribute("uid", name)));
        log.expect("^ldap-default demo#\\d+ CREATE User " + a + " parked after 1 attempts");
        long seq = feed.user("demo", "CREATE", user(a, name, "Pa", "Ge"));
        awaitDemo();
        ParkedChange parked = feedStore.parked("ldap-default").stream().filter(p -> p.seq() == seq).findFirst()
                .orElseThrow();
        assertThat(parked.error()).startsWith("SchemaViolationException").contains("\\<i\\>");

        browser.get("http://localhost:" + port + "/admin/ui/sinks");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(ADMIN_TOKEN);
        browser.findElement(By.id("sign-in")).click();

        By sink = By.cssSelector("section.sink[data-sink='ldap-default']");
        By row = By.cssSelector("section.sink[data-sink='ldap-default'] tr.parked-change[data-directory='demo']"
                + "[data-seq='" + seq + "']");
        WebElement change = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(change.findElement(By.cssSelector("td.resource")).getText()).isEqualTo(a);
        WebElement error = change.findElement(By.cssSelector("td.error"));
        assertThat(error.getText()).isEqualTo(parked.error());
        // shown as text, never parsed as markup
        assertThat(error.findElements(By.xpath("./*"))).isEmpty();
        // the position the admin API gives, as the page shows it (refreshed every 5 s while the feed moves)
        By position = By.cssSelector("section.sink[data-sink='ldap-default'] tr.directory[data-directory='demo'] "
                + "td.position");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(browser.findElement(position).getText())
                .isEqualTo(String.valueOf(feedStore.position("ldap-default", "demo"))));
        assertThat(browser.findElement(sink).getText()).contains("ldap-default").contains("ldap");
        // the token stays in the tab's sessionStorage, never in the address
        assertThat(browser.getCurrentUrl()).doesNotContain(ADMIN_TOKEN);
        screenshot("sinks-page.png");

        // the operator removes the stray entry, then presses Replay: applied, and the row goes
        connection().delete(dn);
        change.findElement(By.cssSelector("button.replay")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(row));
        assertThat(browser.findElement(By.id("message")).getText()).contains("200").contains("applied");
        assertThat(entry(dn).getObjectClassValues()).contains("inetOrgPerson");
        assertThat(feedStore.parked("ldap-default")).noneMatch(p -> p.seq() == seq);
        screenshot("sinks-page-replayed.png");
    }

    @Test
    void aWrongTokenIsRefusedAndForgotten() {
        // start signed out whatever an earlier test left in this browser's session
        browser.get("http://localhost:" + port + "/admin/ui/sinks");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys("not-the-token");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "refused"));
        assertThat(browser.findElements(By.cssSelector("section.sink"))).isEmpty();
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return sessionStorage.getItem('scim-bridge-admin-token')")).isNull();
    }

    private static void screenshot(String file) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(file), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
