package io.streamsight.spark.patterns;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A recent transaction of a user, as kept in state (a bean, for Spark's state encoder). */
public class SeenTransaction implements Serializable {

    private String transactionId;
    private BigDecimal amount;
    private String merchant;
    private String category;
    private String location;
    private long epochMillis;
    /** The velocity rules that flagged it already: each flags a transaction once. */
    private List<String> flaggedBy = new ArrayList<>();

    public SeenTransaction() {}

    SeenTransaction(
            String transactionId,
            BigDecimal amount,
            String merchant,
            String category,
            String location,
            long epochMillis) {
        this.transactionId = transactionId;
        this.amount = amount;
        this.merchant = merchant;
        this.category = category;
        this.location = location;
        this.epochMillis = epochMillis;
    }

    public String getTransactionId() {
        return transactionId;
    }

    public void setTransactionId(String transactionId) {
        this.transactionId = transactionId;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }

    public String getMerchant() {
        return merchant;
    }

    public void setMerchant(String merchant) {
        this.merchant = merchant;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public long getEpochMillis() {
        return epochMillis;
    }

    public void setEpochMillis(long epochMillis) {
        this.epochMillis = epochMillis;
    }

    public List<String> getFlaggedBy() {
        return flaggedBy;
    }

    public void setFlaggedBy(List<String> flaggedBy) {
        this.flaggedBy = new ArrayList<>(flaggedBy);
    }
}
