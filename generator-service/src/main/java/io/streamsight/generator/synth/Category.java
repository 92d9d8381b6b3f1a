package io.streamsight.generator.synth;

import java.math.BigDecimal;
import java.util.List;

/**
 * Spending categories with their merchants and typical amounts. Ordinary amounts stay below the
 * default rules' thresholds (3000 overall, 1000 for Electronics) so that alerts mostly come
 * from injected fraud and the ground truth measures the rules rather than the noise.
 */
public enum Category {
    ELECTRONICS("Electronics", 150, 0.8, 9.99, 999.99, List.of("Amazon", "MediaMarkt", "Walmart", "Costco", "Target")),
    GROCERIES("Groceries", 45, 0.6, 1.5, 350, List.of("Mercadona", "Walmart", "Costco", "Carrefour", "Target")),
    CLOTHING("Clothing", 60, 0.7, 5, 600, List.of("Zara", "Amazon", "Target", "Walmart")),
    GAS("Gas", 55, 0.3, 10, 150, List.of("Repsol", "Cepsa", "Costco")),
    HOME("Home", 80, 0.9, 3, 1500, List.of("Ikea", "Amazon", "Walmart", "Target")),
    RESTAURANTS("Restaurants", 28, 0.6, 3, 400, List.of("Telepizza", "VIPS", "Starbucks"));

    private final String label;
    private final double median;
    private final double sigma;
    private final double min;
    private final double max;
    private final List<String> merchants;

    Category(String label, double median, double sigma, double min, double max, List<String> merchants) {
        this.label = label;
        this.median = median;
        this.sigma = sigma;
        this.min = min;
        this.max = max;
        this.merchants = merchants;
    }

    /** The name on the wire, as in the contract ({@code Electronics}). */
    public String label() {
        return label;
    }

    public List<String> merchants() {
        return merchants;
    }

    BigDecimal ordinaryAmount(SeededRandom random) {
        return random.amount(median, sigma, min, max);
    }
}
