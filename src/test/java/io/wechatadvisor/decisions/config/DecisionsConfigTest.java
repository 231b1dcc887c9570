package io.wechatadvisor.decisions.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The data directory's "~" is the user's home, as H2 reads it in the embedded database's URL. */
class DecisionsConfigTest {

    private static final Path HOME = Path.of(System.getProperty("user.home"));

    @Test
    void aTildeIsTheHome() {
        assertThat(DecisionsConfig.folder("~")).isEqualTo(HOME);
        assertThat(DecisionsConfig.folder("~/.wechat-advisor")).isEqualTo(HOME.resolve(".wechat-advisor"));
    }

    @Test
    void otherPathsStayAsGiven() {
        assertThat(DecisionsConfig.folder("./target/data")).isEqualTo(Path.of("./target/data"));
        assertThat(DecisionsConfig.folder("/var/lib/advisor")).isEqualTo(Path.of("/var/lib/advisor"));
        assertThat(DecisionsConfig.folder("~other/data")).isEqualTo(Path.of("~other/data"));
    }
}
