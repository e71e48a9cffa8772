package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.io.ModelFile;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;

/** {@code mlp4j serve}, issue 24 items 2, 6, 11 and 12: formats, the body budget, Jetty's own errors. */
class ServeRoundTwoTest {
    @TempDir
    static Path dir;

    static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        Path model = ServeHardeningTest.savedModel(dir.resolve("model.safetensors"), 5, java.util.Map.of(), 784, 8, 10);
        server = RunningServer.start(model);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.stop();
    }

    static byte[] image(String format) throws Exception {
        BufferedImage img = TestImages.inkOnPaper(200, 200, 12, g -> g.drawLine(100, 30, 100, 170));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return out.toByteArray();
    }

    @Test
    void onlyPngIsDecodedWhateverTheContentTypeSays() throws Exception {
        for (String format : List.of("tiff", "jpeg", "gif", "bmp")) {
            String answer = ServeHardeningTest.request(
                    server.port(), "POST", "/api/predict", "localhost", "image/png", image(format));
            assertThat(ServeHardeningTest.status(answer)).as(format).isEqualTo(400);
            assertThat(answer)
                    .contains("expected a PNG image, found a "
                            + (format.equals("jpeg") ? "JPEG" : format.toUpperCase(java.util.Locale.ROOT)))
                    .contains("X-Content-Type-Options: nosniff");
        }
        String png = ServeHardeningTest.request(
                server.port(), "POST", "/api/predict", "localhost", "image/png", image("png"));
        assertThat(ServeHardeningTest.status(png)).isEqualTo(200);
    }

    @Test
    void tricklingBodiesDoNotHoldTheBudget() throws Exception {
        // 70 connections declare 1 MiB bodies and send one byte: they held the whole 64 MiB budget before
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 70; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                s.getOutputStream()
                        .write(("POST /api/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                        + "Content-Length: " + PredictionServer.MAX_BODY + "\r\n\r\n{")
                                .getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                held.add(s);
            }
            Thread.sleep(300);
            String answer = ServeHardeningTest.request(
                    server.port(), "POST", "/api/predict", "localhost", "image/png", image("png"));
            assertThat(ServeHardeningTest.status(answer)).as(answer).isEqualTo(200);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aStalledBodyIsNamedAsStalledNotAsTheDeadline() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout((int) PredictionServer.IDLE_TIMEOUT_MS + 15_000);
            s.getOutputStream()
                    .write(("POST /api/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 100\r\n\r\n{")
                            .getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer)
                    .doesNotContain("within " + PredictionServer.BODY_DEADLINE_MS)
                    .contains("nothing received for " + PredictionServer.IDLE_TIMEOUT_MS + " ms");
        }
    }

    @Test
    void jettysOwnErrorsAreJsonWithTheSecurityHeaders() throws Exception {
        String bigHeader = ServeHardeningTest.exchange(
                server.port(),
                "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(9 * 1024) + "\r\nConnection: close\r\n\r\n",
                new byte[0]);
        String oldVersion = ServeHardeningTest.exchange(server.port(), "GET /\r\n\r\n", new byte[0]);
        String dots = ServeHardeningTest.exchange(
                server.port(),
                "GET /%2e%2e/etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                new byte[0]);
        for (String answer : List.of(bigHeader, oldVersion, dots)) {
            assertThat(answer).as(answer).matches("(?s)HTTP/1\\.1 (4\\d\\d|505) .*");
            assertThat(answer.toLowerCase(java.util.Locale.ROOT))
                    .as(answer)
                    .contains("content-type: application/json")
                    .contains("x-content-type-options: nosniff")
                    .contains("content-security-policy: default-src 'none'")
                    .doesNotContain("<html");
            assertThat(answer).contains("{\"error\": ");
        }
    }

    @Test
    void anIpv6HostIsPrintedInBrackets() {
        assertThat(ServeCommand.url("::", 8080)).isEqualTo("http://[::]:8080/");
        assertThat(ServeCommand.url("::1", 80)).isEqualTo("http://[::1]:80/");
        assertThat(ServeCommand.url("localhost", 8080)).isEqualTo("http://localhost:8080/");
        assertThat(ServeCommand.url("[::1]", 8080)).isEqualTo("http://[::1]:8080/");
    }

    /** Item 10: the page follows the model: five tanh outputs give five bars, scaled, and no error. */
    @Test
    void thePageIsDrawnFromTheModelsOutputs() throws Exception {
        Path five = dir.resolve("five.safetensors");
        Network net = Network.init(
                new int[] {784, 8, 5},
                StandardActivation.TANH,
                StandardActivation.TANH,
                StandardCost.QUADRATIC,
                Init.GLOROT,
                new Rng(9));
        ModelFile.save(five, net, java.util.Map.of("class_names", "ant,bee,cat,dog,eel"));
        RunningServer fiveServer = RunningServer.start(five);
        org.openqa.selenium.chrome.ChromeDriver browser = ServeTest.openBrowser(dir);
        try {
            browser.get("http://localhost:" + fiveServer.port() + "/");
            var wait = new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(20));
            wait.until(d -> d.findElements(org.openqa.selenium.By.cssSelector("#bars .bar"))
                            .size()
                    == 5);
            new org.openqa.selenium.interactions.Actions(browser)
                    .moveToElement(browser.findElement(org.openqa.selenium.By.id("pad")), -40, -60)
                    .clickAndHold()
                    .moveByOffset(40, 60)
                    .moveByOffset(40, 60)
                    .release()
                    .perform();
            var answer = browser.findElement(org.openqa.selenium.By.id("answer"));
            wait.until(d -> "yes".equals(answer.getAttribute("data-ready")));
            assertThat(answer.getText()).isIn("ant", "bee", "cat", "dog", "eel");
            List<String> values = browser.findElements(org.openqa.selenium.By.cssSelector("#bars .value")).stream()
                    .map(org.openqa.selenium.WebElement::getText)
                    .toList();
            assertThat(values).hasSize(5);
            assertThat(new java.util.HashSet<>(values))
                    .as("tanh outputs, not five equal shares")
                    .hasSizeGreaterThan(1);
            assertThat(browser.findElements(org.openqa.selenium.By.cssSelector("#bars .label")).stream()
                            .map(org.openqa.selenium.WebElement::getText)
                            .toList())
                    .containsExactly("ant", "bee", "cat", "dog", "eel");
        } finally {
            browser.quit();
            fiveServer.stop();
        }
    }
}
