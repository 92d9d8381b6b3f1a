package io.streamsight.spark.patterns;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What the stateful rules remember of one user (a bean, for Spark's state encoder): the
 * transactions of the velocity window, the running mean's count and total, the last
 * transaction's city and time, the home the user's profile last declared, and the latest event
 * time seen, from which the state expires.
 */
public class UserProfile implements Serializable {

    private List<SeenTransaction> recent = new ArrayList<>();
    private long count;
    private BigDecimal total = BigDecimal.ZERO;
    private String lastLocation;
    private long lastMillis;
    private String home;
    private long homeSinceMillis;
    private long lastSeenMillis;

    public List<SeenTransaction> getRecent() {
        return recent;
    }

    public void setRecent(List<SeenTransaction> recent) {
        this.recent = new ArrayList<>(recent);
    }

    public long getCount() {
        return count;
    }

    public void setCount(long count) {
        this.count = count;
    }

    public BigDecimal getTotal() {
        return total;
    }

    public void setTotal(BigDecimal total) {
        this.total = total;
    }

    public String getLastLocation() {
        return lastLocation;
    }

    public void setLastLocation(String lastLocation) {
        this.lastLocation = lastLocation;
    }

    public long getLastMillis() {
        return lastMillis;
    }

    public void setLastMillis(long lastMillis) {
        this.lastMillis = lastMillis;
    }

    public String getHome() {
        return home;
    }

    public void setHome(String home) {
        this.home = home;
    }

    public long getHomeSinceMillis() {
        return homeSinceMillis;
    }

    public void setHomeSinceMillis(long homeSinceMillis) {
        this.homeSinceMillis = homeSinceMillis;
    }

    public long getLastSeenMillis() {
        return lastSeenMillis;
    }

    public void setLastSeenMillis(long lastSeenMillis) {
        this.lastSeenMillis = lastSeenMillis;
    }
}
