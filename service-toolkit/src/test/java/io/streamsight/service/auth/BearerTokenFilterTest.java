package io.streamsight.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenFilterTest {

    private static final String TOKEN = "s3cret-token";

    @Test
    void acceptsTheTokenWithTheSchemeInAnyCase() {
        assertThat(BearerTokenFilter.accepts(TOKEN, "Bearer s3cret-token")).isTrue();
        assertThat(BearerTokenFilter.accepts(TOKEN, "bearer s3cret-token ")).isTrue();
    }

    @Test
    void refusesAMissingWrongOrPartialToken() {
        assertThat(BearerTokenFilter.accepts(TOKEN, null)).isFalse();
        assertThat(BearerTokenFilter.accepts(TOKEN, "")).isFalse();
        assertThat(BearerTokenFilter.accepts(TOKEN, "Bearer")).isFalse();
        assertThat(BearerTokenFilter.accepts(TOKEN, "Bearer s3cret")).isFalse();
        assertThat(BearerTokenFilter.accepts(TOKEN, "Bearer s3cret-token-and-more"))
                .isFalse();
        assertThat(BearerTokenFilter.accepts(TOKEN, "Basic s3cret-token")).isFalse();
        assertThat(BearerTokenFilter.accepts(TOKEN, "s3cret-token")).isFalse();
    }
}
