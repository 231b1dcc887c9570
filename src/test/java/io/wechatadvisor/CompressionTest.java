package io.wechatadvisor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Answers are gzipped when the client asks for it (Accept-Encoding), and only then. */
@QuarkusTest
class CompressionTest {

    private static final String PROFILE = """
            {"entityType":"ENTERPRISE","wantsPayment":true,"offlinePresence":"SINGLE_LOCATION","contentCadence":"MONTHLY"}""";

    /** A client that shows the bytes as they came, without decoding them. */
    private static RequestSpecification raw() {
        return given().config(RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()));
    }

    @Test
    void anAnswerIsGzippedWhenAskedFor() throws IOException {
        Response response = raw().header("Accept-Encoding", "gzip").contentType(ContentType.JSON).body(PROFILE)
                .when().post("/api/v1/recommendations");
        response.then().statusCode(200).header("Content-Encoding", equalTo("gzip"));
        String json = new String(new GZIPInputStream(new ByteArrayInputStream(response.asByteArray())).readAllBytes(),
                StandardCharsets.UTF_8);
        Assertions.assertThat(json).contains("\"recommendations\"");
    }

    @Test
    void anAnswerIsPlainWhenNotAskedFor() {
        raw().header("Accept-Encoding", "identity").contentType(ContentType.JSON).body(PROFILE)
                .when().post("/api/v1/recommendations")
                .then().statusCode(200).header("Content-Encoding", nullValue())
                .body("recommendations[0].product", equalTo("MINI_PROGRAM_ENTERPRISE"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/embed", "/embed.js", "/embed-assets/advisor.js", "/embed-assets/advisor.css" })
    void pagesScriptsAndStylesAreGzippedWhenAskedFor(String path) {
        raw().header("Accept-Encoding", "gzip").when().get(path)
                .then().statusCode(200).header("Content-Encoding", equalTo("gzip"));
        raw().header("Accept-Encoding", "identity").when().get(path)
                .then().statusCode(200).header("Content-Encoding", nullValue());
    }
}
