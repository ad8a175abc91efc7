package org.ottbalancer.e2e.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.balancer.BalancerServer;

/**
 * The balancers' migration metrics, summed (counters) or maximised (freeze) over balancers:
 * {@code balancer_migration_clients_total}, {@code balancer_migration_rooms_total},
 * {@code balancer_migration_freeze_seconds}, {@code balancer_migration_timeouts_total},
 * {@code balancer_migration_buffer_overflows_total}.
 */
public record MigrationNumbers(double clientsMigrated, double roomsMigrated, double longestFreezeMillis, long freezes,
        double timeouts, double bufferOverflows, double longestMoveMillis) {

    public static MigrationNumbers of(List<BalancerServer> balancers) {
        double clients = 0;
        double rooms = 0;
        double freeze = 0;
        long freezes = 0;
        double timeouts = 0;
        double overflows = 0;
        double move = 0;
        for (BalancerServer b : balancers) {
            PrometheusMeterRegistry r = b.metrics().registry();
            clients += count(r, "balancer.migration.clients");
            rooms += count(r, "balancer.migration.rooms");
            timeouts += count(r, "balancer.migration.timeouts");
            overflows += count(r, "balancer.migration.buffer.overflows");
            Timer f = r.find("balancer.migration.freeze").timer();
            if (f != null) {
                freeze = Math.max(freeze, f.max(TimeUnit.MILLISECONDS));
                freezes += f.count();
            }
            Timer m = r.find("balancer.migration.move").timer();
            if (m != null) {
                move = Math.max(move, m.max(TimeUnit.MILLISECONDS));
            }
        }
        return new MigrationNumbers(clients, rooms, freeze, freezes, timeouts, overflows, move);
    }

    private static double count(PrometheusMeterRegistry r, String name) {
        Counter c = r.find(name).counter();
        return c == null ? 0 : c.count();
    }
}
