package io.streamsight.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BearerTokenFilterTest {

    private static final Map<String, String> TOKENS = Map.of("api-token", "s3cret-token", "alice", "alices-token");

    @Test
    void namesTheIdentityOfTheTokenWithTheSchemeInAnyCase() {
        assertThat(BearerTokenFilter.identify(TOKENS, "Bearer s3cret-token")).contains("api-token");
        assertThat(BearerTokenFilter.identify(TOKENS, "bearer s3cret-token ")).contains("api-token");
        assertThat(BearerTokenFilter.identify(TOKENS, "Bearer alices-token")).contains("alice");
    }

    @Test
    void refusesAMissingWrongOrPartialToken() {
        for (String refused : new String[] {
            null,
            "",
            "Bearer",
            "Bearer s3cret",
            "Bearer s3cret-token-and-more",
            "Bearer alice",
            "Basic s3cret-token",
            "s3cret-token"
        }) {
            assertThat(BearerTokenFilter.identify(TOKENS, refused)).as(refused).isEmpty();
        }
    }
}
