package io.streamsight.e2e;

import io.streamsight.localstack.tools.DebianTool;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A process that keeps CPUs busy for as long as a test runs (Debian's {@code stress-ng}), so the
 * platform is tested on the busy machine it will meet, not only on a quiet one.
 */
final class CpuBurner implements AutoCloseable {

    private final Process process;

    private CpuBurner(Process process) {
        this.process = process;
    }

    /** Starts {@code stress-ng --cpu workers}; fails, naming the package, when it is not installed. */
    static CpuBurner start(int workers) throws IOException {
        Process process = new ProcessBuilder(DebianTool.STRESS_NG.path(), "--cpu", Integer.toString(workers), "--quiet")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new CpuBurner(process);
    }

    boolean isBurning() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        // stress-ng's workers are its children: end them before the parent, or they outlive the test.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
