package io.streamsight.alert.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsight.service.problem.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a webhook may point: public http(s) hosts only, unless loopback or private networks are allowed. */
class WebhookUrlPolicyTest {

    private final WebhookUrlPolicy strict = new WebhookUrlPolicy(false, false);
    private final WebhookUrlPolicy permissive = new WebhookUrlPolicy(true, true);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://93.184.216.34/hook",
                "https://93.184.216.34:8443/a/b?c=d",
                "HTTPS://[2606:4700:4700::1111]/x"
            })
    void aPublicHttpUrlIsAccepted(String url) {
        assertThat(strict.check(url).getHost()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "ftp://93.184.216.34/x",
                "file:///etc/passwd",
                "javascript:alert(1)",
                "http:///nohost",
                "http://user:secret@93.184.216.34/x",
                "http://93.184.216.34/a b",
                "http://0.0.0.0/x",
                "http://224.0.0.1/x",
                "http://[ff02::1]/x"
            })
    void whatIsNoHostAddressIsRefusedWithA400(String url) {
        assertRefused(strict, url);
        assertRefused(permissive, url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/x", "http://[::1]/x", "http://localhost/x"})
    void loopbackOnlyWhenAllowed(String url) {
        assertRefused(strict, url);
        assertThat(permissive.check(url)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://10.0.0.8/x",
                "http://172.16.5.4/x",
                "http://192.168.1.1/x",
                "http://169.254.169.254/latest/meta-data",
                "http://[fe80::1]/x",
                "http://[fd00::1]/x",
                "http://100.64.0.1/x"
            })
    void privateAndLinkLocalOnlyWhenAllowed(String url) {
        assertRefused(strict, url);
        assertThat(permissive.check(url)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://100.63.255.255/x", "http://100.128.0.1/x", "http://172.32.0.1/x"})
    void addressesJustOutsideThePrivateRangesArePublic(String url) {
        assertThat(strict.check(url)).isNotNull();
    }

    private static void assertRefused(WebhookUrlPolicy policy, String url) {
        assertThatThrownBy(() -> policy.check(url)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.toProblem("/subscriptions").status()).isEqualTo(400);
            assertThat(e.getMessage()).isNotBlank();
        });
    }
}
