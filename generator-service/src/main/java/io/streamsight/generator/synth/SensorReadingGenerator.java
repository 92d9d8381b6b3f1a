package io.streamsight.generator.synth;

import io.streamsight.events.SensorReading;
import io.streamsight.events.Topic;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Readings of a fleet of sensors: each wanders around its own comfortable baseline, and now and
 * then one drifts away (overheating, a failing seal) for a while and recovers, which is what
 * the IoT pipeline should notice.
 */
final class SensorReadingGenerator implements EventGenerator {

    static final int SENSORS = 50;
    private static final double DRIFT_START = 0.004;

    private final SeededRandom random;
    private final Sensor[] sensors = new Sensor[SENSORS];

    SensorReadingGenerator(SeededRandom random) {
        this.random = random;
        for (int i = 0; i < SENSORS; i++) {
            sensors[i] = new Sensor(
                    String.format("sensor-%03d", i + 1),
                    random.uniform(18, 24),
                    random.uniform(35, 55),
                    random.uniform(1005, 1020));
        }
    }

    @Override
    public void next(Instant at, Consumer<TopicRecord> sink) {
        Sensor sensor = sensors[random.nextInt(SENSORS)];
        if (sensor.driftLeft == 0 && random.chance(DRIFT_START)) {
            sensor.driftLeft = random.between(20, 60);
            sensor.driftPerReading = random.uniform(0.4, 1.2) * (random.chance(0.8) ? 1 : -1);
        }
        if (sensor.driftLeft > 0) {
            sensor.drift += sensor.driftPerReading;
            sensor.driftLeft--;
        } else {
            sensor.drift *= 0.8;
        }
        double temperature = sensor.baseTemperature + sensor.drift + 0.3 * random.gaussian();
        double humidity = Math.max(0, Math.min(100, sensor.baseHumidity - sensor.drift + random.gaussian()));
        double pressure = sensor.basePressure + 0.5 * random.gaussian();
        sink.accept(TopicRecord.event(
                Topic.SENSOR_DATA,
                new SensorReading(sensor.id, round(temperature), round(humidity), round(pressure), at)));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static final class Sensor {
        final String id;
        final double baseTemperature;
        final double baseHumidity;
        final double basePressure;
        double drift;
        double driftPerReading;
        int driftLeft;

        Sensor(String id, double baseTemperature, double baseHumidity, double basePressure) {
            this.id = id;
            this.baseTemperature = baseTemperature;
            this.baseHumidity = baseHumidity;
            this.basePressure = basePressure;
        }
    }
}
