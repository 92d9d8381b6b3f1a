package io.streamsight.spark.pipeline;

import io.streamsight.events.rules.FraudRule;
import io.streamsight.events.rules.FraudRuleJson;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The rules file the fraud query starts from, before the {@code fraud_rules} topic overlays it:
 * by default the one shipped in the events jar (docs/design.md section 7), else a file given with
 * {@code spark.streamsight.fraud.rulesFile}. Held as JSON text so that it travels to executors
 * with the query; it is validated here, on the driver, so a broken file stops the app at start
 * with the reason instead of failing in every task.
 */
public record FraudRules(String json) implements Serializable {

    public FraudRules {
        FraudRuleJson.readFile(json.getBytes(StandardCharsets.UTF_8));
    }

    public static FraudRules defaults() {
        return of(FraudRuleJson.defaults());
    }

    public static FraudRules of(List<FraudRule> rules) {
        StringBuilder json = new StringBuilder("{\"rules\":[");
        for (int i = 0; i < rules.size(); i++) {
            json.append(i == 0 ? "" : ",").append(FraudRuleJson.write(rules.get(i)));
        }
        return new FraudRules(json.append("]}").toString());
    }

    public static FraudRules fromFile(Path file) {
        try {
            return new FraudRules(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fraud rules file " + file, e);
        }
    }

    public List<FraudRule> rules() {
        return FraudRuleJson.readFile(json.getBytes(StandardCharsets.UTF_8));
    }
}
