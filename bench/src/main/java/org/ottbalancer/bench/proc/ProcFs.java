package org.ottbalancer.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a process's resident memory and CPU time from /proc (Linux only, as the scenarios are). */
public final class ProcFs {
    /** USER_HZ: the unit of utime/stime in /proc/&lt;pid&gt;/stat; 100 on every Linux we run on. */
    public static final double TICKS_PER_SECOND = 100.0;

    private ProcFs() {
    }

    /** VmRSS in bytes, or -1 if the process is gone. */
    public static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** User plus system CPU seconds the process has used so far, or -1 if it is gone. */
    public static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may contain spaces: fields are counted after its closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            return (utime + stime) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Machine-wide CPU ticks from the first line of /proc/stat: {total, idle + iowait, softirq}, or
     * zeros when unreadable.
     */
    public static long[] machineTicks() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = first.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5]), Long.parseLong(f[7])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0, 0};
        }
    }

    /** The direct children of {@code pid} (nginx's workers), from every thread's children list. */
    public static List<Long> children(long pid) {
        List<Long> out = new ArrayList<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (var dirs = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) dirs::iterator) {
                Path file = task.resolve("children");
                if (!Files.exists(file)) {
                    continue;
                }
                for (String s : Files.readString(file).trim().split("\\s+")) {
                    if (!s.isEmpty()) {
                        out.add(Long.parseLong(s));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }
}
