package io.streamsight.alert.config;

import io.quarkus.runtime.Startup;
import io.streamsight.service.auth.ApiToken;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The tokens of the subscription and rules APIs: {@code streamsight.subscriptions.token} (in
 * Kubernetes, from a Secret), whose changes are recorded as {@value #SHARED}, and the analysts'
 * own, {@code streamsight.rules.analyst-tokens.<name>} and the files of {@code
 * streamsight.rules.analyst-tokens-dir} (a mounted Secret: file name = analyst, content = token;
 * Kubernetes' own dot-named entries are skipped).
 */
@Startup
@ApplicationScoped
public class SubscriptionToken implements ApiToken {

    public static final String SHARED = "api-token";
    private static final int MIN_LENGTH = 8;

    private final AlertServiceConfig config;

    public SubscriptionToken(AlertServiceConfig config) {
        this.config = config;
    }

    /** A bad token configuration stops the service at startup, not at its first protected request. */
    @PostConstruct
    void check() {
        byIdentity();
    }

    /** Refuses a configuration where a token is short or shared, so no request is recorded under the wrong name. */
    @Override
    public Map<String, String> byIdentity() {
        Map<String, String> tokens = new HashMap<>(config.rules().analystTokens());
        config.rules()
                .analystTokensDir()
                .ifPresent(dir -> fromFiles(dir).forEach((identity, token) -> {
                    if (tokens.put(identity, token) != null) {
                        throw new IllegalStateException(
                                "'" + identity + "' has a token both in the configuration and in " + dir);
                    }
                }));
        tokens.put(SHARED, config.subscriptions().token());
        Map<String, String> owners = new HashMap<>();
        tokens.forEach((identity, token) -> {
            if (token.strip().length() < MIN_LENGTH) {
                throw new IllegalStateException("the API token of '" + identity + "' is shorter than " + MIN_LENGTH);
            }
            String other = owners.put(token, identity);
            if (other != null) {
                throw new IllegalStateException("'" + other + "' and '" + identity + "' have the same API token");
            }
        });
        return tokens;
    }

    static Map<String, String> fromFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            Map<String, String> tokens = new HashMap<>();
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .toList()) {
                tokens.put(file.getFileName().toString(), Files.readString(file).strip());
            }
            return tokens;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the analysts' tokens in " + dir, e);
        }
    }
}
