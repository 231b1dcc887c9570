package io.wechatadvisor.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** A machine without Chromium learns what to install, and the README, CI and the message agree on it. */
class BrowserSetupTest {

    @Test
    void aMissingBrowserIsNamedWithTheLineThatInstallsIt() {
        String message = Browser.missing("/nowhere/chromium", "/nowhere/chromedriver");
        assertThat(message).contains("/nowhere/chromium", "/nowhere/chromedriver", Browser.INSTALL);
        assertThat(Browser.missing("/bin/sh", "/nowhere/chromedriver"))
                .contains("/nowhere/chromedriver").doesNotContain("/bin/sh");
        assertThat(Browser.missing("/bin/sh", "/bin/sh")).isNull();
    }

    @Test
    void theReadmeGivesThatLineAndCiInstallsTheSamePackages() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String freshMachine = readme.substring(readme.indexOf("## On a fresh machine"), readme.indexOf("## Ask it"));
        assertThat(freshMachine).contains(Browser.INSTALL, "./mvnw verify");
        assertThat(Files.readString(Path.of(".ci/run"))).contains("apt-get install").contains("chromium chromium-driver");
    }
}
