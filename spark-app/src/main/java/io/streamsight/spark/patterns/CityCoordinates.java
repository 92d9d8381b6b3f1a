package io.streamsight.spark.patterns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** The city table of {@code city-coordinates.csv} and great-circle distances between its cities. */
public final class CityCoordinates {

    private static final double EARTH_RADIUS_KM = 6371.0088;
    private static final CityCoordinates SHIPPED = load();

    private final Map<String, double[]> latLon;

    private CityCoordinates(Map<String, double[]> latLon) {
        this.latLon = Map.copyOf(latLon);
    }

    public static CityCoordinates shipped() {
        return SHIPPED;
    }

    /** Haversine distance in km, or empty when either location is not in the table. */
    public OptionalDouble distanceKm(String from, String to) {
        double[] a = latLon.get(from);
        double[] b = latLon.get(to);
        if (a == null || b == null) {
            return OptionalDouble.empty();
        }
        double dLat = Math.toRadians(b[0] - a[0]);
        double dLon = Math.toRadians(b[1] - a[1]);
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(a[0])) * Math.cos(Math.toRadians(b[0])) * Math.pow(Math.sin(dLon / 2), 2);
        return OptionalDouble.of(2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h)));
    }

    private static CityCoordinates load() {
        Map<String, double[]> table = new HashMap<>();
        try (InputStream in = CityCoordinates.class.getResourceAsStream("city-coordinates.csv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(",");
                table.put(
                        parts[0].trim(),
                        new double[] {Double.parseDouble(parts[1].trim()), Double.parseDouble(parts[2].trim())});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CityCoordinates(table);
    }
}
